#!/usr/bin/env python3
"""Gives each first-level division of a gazetteer the middle of its area in divisions.shp: its centroid where
that lies inside the area, else the middle of its part nearest the centroid (see `middle`).

A geoparser is scored against GeoNames' division points, which sit near the middle of the area (Ohio at
40.25 N 83 W); Natural Earth's label point can be far from it (California's lies in the Mojave).  world.py
calls `apply` after writing divisions.shp; run alone it rewrites an existing gazetteer.tsv in place (same
bytes as a full rebuild):

    python3 Shapes/build/division_points.py Shapes/divisions Shapes/gazetteer.tsv
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build as B  # noqa: E402
from geom import interior_point, point_in_rings  # noqa: E402
from shapeio import read_dbf, read_shp  # noqa: E402

NOTE = '; point: middle of its area'


def centroid(rings):
    """The area-weighted centroid (x, y) of rings (holes wound the other way subtract); None if no area."""
    area = cx = cy = 0.0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            c = x1 * y2 - x2 * y1
            area, cx, cy = area + c, cx + (x1 + x2) * c, cy + (y1 + y2) * c
    return None if abs(area) < 1e-12 else (cx / (3 * area), cy / (3 * area))


def middle(rings):
    """The area's centroid when inside it; else (islands: Hawaii's falls in the sea) the middle of the ring
    nearest that centroid (its own centroid, or a point inside it); None for an area without one."""
    c = centroid(rings)
    if c is None or point_in_rings(c, rings):
        return c
    options = []
    for ring in rings:
        p = centroid([ring])
        if p is not None and not point_in_rings(p, [ring]):
            p = interior_point([ring])
        if p is not None:
            options.append(((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2, p))
    return min(options)[1] if options else None


def apply(rows, shp_base):
    """Moves each division row whose name and country name exactly one area of the layer to its middle."""
    areas = collections.defaultdict(list)
    for (_, parts), rec in zip(read_shp(shp_base + '.shp'), read_dbf(shp_base + '.dbf')):
        areas[(rec['NAME'], rec['ISO_A2'])] += parts
    named = collections.Counter((r[1], r[4]) for r in rows if r[0].startswith('division:'))
    for row in rows:
        key = (row[1], row[4])
        if not row[0].startswith('division:') or named[key] != 1 or not areas.get(key):
            continue
        c = middle(areas[key])
        if c is None:
            continue
        row[2], row[3] = B.fmt_coord(c[1]), B.fmt_coord(c[0])
        row[8] = row[8].split('; point: ')[0] + NOTE
    return rows


def main():
    shp_base, gazetteer = sys.argv[1], sys.argv[2]
    with open(gazetteer, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    body = [line.split('\t') for line in lines[1:] if line]
    B.write_tsv(gazetteer, apply(body, shp_base))


if __name__ == '__main__':
    main()
