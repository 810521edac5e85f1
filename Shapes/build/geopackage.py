"""Read polygon features from an OGC GeoPackage with the standard library's sqlite3.

Written here because the build uses only the standard library and shapelib's tools, and a GeoPackage
geometry is a short header followed by ordinary WKB (OGC 12-128r18, section 2.1.3; OGC 06-103r4 for WKB).
"""

import sqlite3
import struct

# Envelope sizes by the header's envelope indicator (flags bits 1-3): none, xy, xyz, xym, xyzm.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _rings_of_polygon(data, pos, order):
    """A WKB polygon's rings in shapefile order: the first (outer) ring clockwise, holes counter-clockwise."""
    (n_rings,) = struct.unpack_from(order + 'I', data, pos)
    pos += 4
    rings = []
    for k in range(n_rings):
        (n,) = struct.unpack_from(order + 'I', data, pos)
        pos += 4
        xy = struct.unpack_from(order + '%dd' % (2 * n), data, pos)
        pos += 16 * n
        ring = [(xy[2 * i], xy[2 * i + 1]) for i in range(n)]
        clockwise = _signed_area(ring) < 0
        rings.append(ring if clockwise == (k == 0) else ring[::-1])
    return rings, pos


def _wkb_polygons(data, pos):
    """Rings of a WKB Polygon or MultiPolygon (2D), in file order."""
    order = '<' if data[pos] == 1 else '>'
    (kind,) = struct.unpack_from(order + 'I', data, pos + 1)
    pos += 5
    if kind == 3:
        rings, pos = _rings_of_polygon(data, pos, order)
        return rings, pos
    if kind != 6:
        raise ValueError('WKB type %d is not a 2D polygon or multipolygon' % kind)
    (n,) = struct.unpack_from(order + 'I', data, pos)
    pos += 4
    rings = []
    for _ in range(n):
        r, pos = _wkb_polygons(data, pos)
        rings += r
    return rings, pos


def geometry_rings(blob):
    if blob is None:
        return []
    data = bytes(blob)
    if data[:2] != b'GP':
        raise ValueError('not a GeoPackage geometry')
    flags = data[3]
    envelope = _ENVELOPE_BYTES[(flags >> 1) & 7]
    if flags & 0x10:   # the empty-geometry flag
        return []
    rings, _ = _wkb_polygons(data, 8 + envelope)
    return rings


def _signed_area(r):
    return sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1)) / 2


def read_features(path, table, columns):
    """[(fid, {column: value}, rings)] for every row of a feature table, by fid."""
    con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
    try:
        (geom,) = con.execute('select column_name from gpkg_geometry_columns where table_name = ?',
                              (table,)).fetchone()
        cols = ', '.join('"%s"' % c for c in columns)
        out = []
        for row in con.execute('select fid, "%s", %s from "%s" order by fid' % (geom, cols, table)):
            rec = dict(zip(columns, row[2:]))
            out.append((row[0], rec, geometry_rings(row[1])))
        return out
    finally:
        con.close()
