"""Shapefile input/output through shapelib's command-line tools.

Reading uses `shpdump` and `dbfdump`; writing uses `shpcreate`, `shpadd`,
`dbfcreate` and `dbfadd`.  Nothing here parses or writes the binary formats
itself.
"""

import os
import re
import subprocess

WGS84_PRJ = ('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
             'SPHEROID["WGS_1984",6378137.0,298.257223563]],'
             'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')

# Keep each shpadd command line well under ARG_MAX (2 MiB, shared with the
# environment).
MAX_ARG_BYTES = 1_500_000

_SHAPE_RE = re.compile(r'^Shape:(\d+) \((\w+)\)\s+nVertices=(\d+), nParts=(\d+)')
_VERTEX_RE = re.compile(r'^\s*(\+)?\s*\(([^,]+),([^,]+),')


def _run(args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, **kw).stdout


def read_shp(path, bbox=None):
    """Return a list of (shape_id, [part, ...]) where part is [(x, y), ...].

    If bbox=(xmin, ymin, xmax, ymax) is given, shapes whose bounds do not
    intersect it are returned with an empty part list (ids stay aligned with
    the dbf records)."""
    out = _run(['shpdump', '-precision', '15', path])
    shapes = []
    cur = None
    pending_bounds = None
    skip = False
    for raw in out.decode('ascii').splitlines():
        m = _SHAPE_RE.match(raw)
        if m:
            cur = []
            shapes.append((int(m.group(1)), cur))
            pending_bounds = []
            skip = False
            continue
        if cur is None:
            continue
        s = raw.strip()
        if pending_bounds is not None:
            if s.startswith('Bounds:') or s.startswith('to'):
                nums = s[s.index('(') + 1:s.index(')')].split(',')
                pending_bounds.append((float(nums[0]), float(nums[1])))
                if len(pending_bounds) == 2:
                    if bbox is not None:
                        (x0, y0), (x1, y1) = pending_bounds
                        skip = (x1 < bbox[0] or x0 > bbox[2] or
                                y1 < bbox[1] or y0 > bbox[3])
                    pending_bounds = None
                continue
            pending_bounds = None
        if skip:
            continue
        m = _VERTEX_RE.match(raw)
        if not m:
            continue
        if m.group(1) or not cur:
            cur.append([])
        cur[-1].append((float(m.group(2)), float(m.group(3))))
    return shapes


def read_dbf(path, fields=None):
    """Return a list of dicts (field -> stripped string value; None for NULL)."""
    out = _run(['dbfdump', '-m', path])
    recs = []
    cur = None
    for raw in out.decode('utf-8', errors='replace').split('\n'):
        if raw.startswith('Record: '):
            cur = {}
            recs.append(cur)
            continue
        if cur is None or ': ' not in raw:
            continue
        k, v = raw.split(': ', 1)
        if fields is not None and k not in fields:
            continue
        v = v.strip()
        cur[k] = None if v == '(NULL)' else v
    return recs


def fmt(v):
    s = '%.6f' % v
    return '0.000000' if s == '-0.000000' else s


def _shpadd_args(parts):
    args = []
    for i, part in enumerate(parts):
        if i:
            args.append('+')
        for x, y in part:
            args.append(fmt(x))
            args.append(fmt(y))
    return args


def arg_bytes(parts):
    return sum(len(a) + 1 for a in _shpadd_args(parts))


class ShapeWriter:
    """Write a shapefile (shp/shx/dbf + prj + cpg) with shapelib tools.

    kind is 'arc' or 'polygon'; fields is a list of (name, width) string
    fields."""

    def __init__(self, base, kind, fields):
        self.base = base
        self.kind = kind
        self.fields = fields
        self.count = 0
        for ext in ('.shp', '.shx', '.dbf', '.prj', '.cpg'):
            if os.path.exists(base + ext):
                os.remove(base + ext)
        _run(['shpcreate', base, kind])
        spec = []
        for name, width in fields:
            spec += ['-s', name, str(width)]
        _run(['dbfcreate', base] + spec)
        with open(base + '.prj', 'w') as f:
            f.write(WGS84_PRJ)
        with open(base + '.cpg', 'w') as f:
            f.write('UTF-8')

    def add(self, parts, values):
        args = _shpadd_args(parts)
        if sum(len(a) + 1 for a in args) > MAX_ARG_BYTES:
            raise ValueError('geometry too large for one shpadd call: %s'
                             % (values,))
        _run(['shpadd', self.base] + args)
        vals = []
        for (name, width), v in zip(self.fields, values):
            v = '' if v is None else str(v)
            b = v.encode('utf-8')
            if len(b) > width:
                b = b[:width]
                v = b.decode('utf-8', errors='ignore')
            vals.append(v)
        _run(['dbfadd', self.base] + vals)
        self.count += 1
