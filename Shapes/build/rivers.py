"""Named river lines from the GSHHG/WDBII river database dumped by GMT.

`gmt coast -M -I<level>` writes the rivers as many short pieces (split at
1-degree bins, with small gaps between pieces; wide rivers are "level 0"
double-lined river-lakes, i.e. two bank lines).  The pieces carry no names.

This module joins them into named, continuous, downstream-ordered lines:
  * every vertex becomes a graph node, consecutive vertices of a piece are
    joined by edges weighted by their length times a per-level factor;
  * piece endpoints are joined to any vertex of another piece within
    SMALL_GAP_DEG (bin gaps, junctions; gaps longer than SMALL_GAP_FREE_KM
    weigh SMALL_GAP_FACTOR times their length, so that they never serve to
    cut across a meander) and to other piece endpoints within
    BRIDGE_GAP_DEG (breaks at reservoirs / lakes, weighted BRIDGE_FACTOR so
    they are a last resort);
  * a river is the chain of shortest paths between checkpoints it must pass
    (named places on its banks), from the source end to the mouth;
  * where the path runs along a bank of a level-0 double-lined river, each
    bank vertex is moved to the midpoint between it and the nearest vertex of
    the opposite bank, which gives a line down the middle of the channel.
"""

import heapq
import math
import subprocess

from geom import haversine_km, dedupe, dist_point_line_km, line_length_km

SMALL_GAP_DEG = 0.03
SMALL_GAP_FREE_KM = 0.3
SMALL_GAP_FACTOR = 3.0
BRIDGE_GAP_DEG = 0.30
BRIDGE_FACTOR = 4.0
LEVEL_FACTOR = {0: 1.05, 1: 1.0, 2: 1.2, 3: 1.2, 4: 1.5}
LEVELS = (0, 1, 2, 3, 4)
BANK_PAIR_DEG = 0.02


def dump_rivers(region, levels=LEVELS):
    """Run gmt coast for each level; return a list of (level, [(lon, lat)])."""
    pieces = []
    for lev in levels:
        out = subprocess.run(
            ['gmt', 'coast', '-R%g/%g/%g/%g' % region, '-Df',
             '-I%d' % lev, '-M'],
            check=True, stdout=subprocess.PIPE).stdout.decode('ascii')
        cur = None
        for line in out.splitlines():
            if line.startswith('>'):
                cur = []
                pieces.append((lev, cur))
                continue
            if not line.strip():
                continue
            x, y = line.split()[:2]
            cur.append((float(x), float(y)))
    return [(lev, dedupe(p)) for lev, p in pieces if len(dedupe(p)) >= 2]


class RiverGraph:
    def __init__(self, pieces):
        self.pieces = pieces
        self.xy = []
        self.level = []
        self.piece_of = []
        self.adj = []
        self.endpoints = []
        for pi, (lev, pts) in enumerate(pieces):
            base = len(self.xy)
            for p in pts:
                self.xy.append(p)
                self.level.append(lev)
                self.piece_of.append(pi)
                self.adj.append([])
            for i in range(len(pts) - 1):
                w = haversine_km(pts[i], pts[i + 1]) * LEVEL_FACTOR[lev]
                self._edge(base + i, base + i + 1, w, 'river')
            self.endpoints += [base, base + len(pts) - 1]
        self._grid = {}
        self._cell = 0.05
        for n, (x, y) in enumerate(self.xy):
            self._grid.setdefault(self._key(x, y), []).append(n)
        self.gap_edges = 0
        self.bridge_edges = 0
        epset = set(self.endpoints)
        seen = set()
        for e in self.endpoints:
            for n, d_deg, d_km in self.near(self.xy[e], BRIDGE_GAP_DEG):
                if self.piece_of[n] == self.piece_of[e]:
                    continue
                key = (min(e, n), max(e, n))
                if key in seen:
                    continue
                if d_deg <= SMALL_GAP_DEG:
                    seen.add(key)
                    w = d_km if d_km <= SMALL_GAP_FREE_KM else d_km * SMALL_GAP_FACTOR
                    self._edge(e, n, w, 'gap')
                    self.gap_edges += 1
                elif n in epset:
                    seen.add(key)
                    self._edge(e, n, d_km * BRIDGE_FACTOR, 'bridge')
                    self.bridge_edges += 1

    def _key(self, x, y):
        return (math.floor(x / self._cell), math.floor(y / self._cell))

    def _edge(self, a, b, w, kind):
        self.adj[a].append((b, w, kind))
        self.adj[b].append((a, w, kind))

    def near(self, p, radius_deg):
        """Nodes within radius_deg (equirectangular degrees) of p, sorted."""
        x, y = p
        c = math.cos(math.radians(y))
        r = int(math.ceil(radius_deg / self._cell)) + 1
        kx, ky = self._key(x, y)
        res = []
        for i in range(kx - r, kx + r + 1):
            for j in range(ky - r, ky + r + 1):
                for n in self._grid.get((i, j), ()):
                    qx, qy = self.xy[n]
                    d = math.hypot((qx - x) * c, qy - y)
                    if d <= radius_deg:
                        res.append((n, d, haversine_km(p, (qx, qy))))
        res.sort(key=lambda t: (t[1], t[0]))
        return res

    def snap(self, p, levels, exclude=(), radius_deg=0.5):
        for n, d_deg, d_km in self.near(p, radius_deg):
            if self.level[n] in levels and n not in exclude:
                return n, d_km
        return None, None

    def shortest(self, src, targets, levels, exclude=()):
        """Dijkstra from src to the first node in targets; returns the node
        list and the list of (kind, km) of non-river edges used."""
        targets = set(targets)
        dist = {src: 0.0}
        prev = {}
        heap = [(0.0, src)]
        done = set()
        while heap:
            d, n = heapq.heappop(heap)
            if n in done:
                continue
            done.add(n)
            if n in targets:
                path = [n]
                while path[-1] != src:
                    path.append(prev[path[-1]][0])
                path.reverse()
                jumps = []
                for a in path[1:]:
                    kind = prev[a][1]
                    if kind != 'river':
                        km = haversine_km(self.xy[prev[a][0]], self.xy[a])
                        jumps.append((kind, km, self.xy[a]))
                return path, jumps
            for m, w, kind in self.adj[n]:
                if m in done or self.level[m] not in levels:
                    continue
                if m in exclude and m not in targets:
                    continue
                nd = d + w
                if nd < dist.get(m, float('inf')):
                    dist[m] = nd
                    prev[m] = (n, kind)
                    heapq.heappush(heap, (nd, m))
        return None, None

    def centre_banks(self, path):
        """Move level-0 (bank) vertices to mid-channel."""
        on_path = set(path)
        out = []
        moved = 0
        for n in path:
            p = self.xy[n]
            if self.level[n] == 0:
                for m, d_deg, _ in self.near(p, BANK_PAIR_DEG):
                    if self.level[m] == 0 and m not in on_path:
                        q = self.xy[m]
                        p = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
                        moved += 1
                        break
            out.append(p)
        return dedupe(out), moved


def farthest_upstream(graph, start, levels, exclude):
    """Follow the river network up from `start` (not entering `exclude`)
    over river edges and small gaps only; return the path from the farthest
    reachable node (by river length) down to start."""
    dist = {start: 0.0}
    prev = {}
    heap = [(0.0, start)]
    done = set()
    while heap:
        d, n = heapq.heappop(heap)
        if n in done:
            continue
        done.add(n)
        for m, w, kind in graph.adj[n]:
            if kind == 'bridge' or m in done or m in exclude:
                continue
            if graph.level[m] not in levels:
                continue
            nd = d + haversine_km(graph.xy[n], graph.xy[m])
            if nd < dist.get(m, float('inf')):
                dist[m] = nd
                prev[m] = n
                heapq.heappush(heap, (nd, m))
    far = max(dist, key=lambda k: (dist[k], -k))
    path = [far]
    while path[-1] != start:
        path.append(prev[path[-1]])
    return path


def trace(graph, spec, log, main_nodes=None):
    """Trace one river.

    spec: dict with 'name', 'checkpoints' [(label, lat, lon, tol_km)], and
    optionally 'joins' (True: the last leg runs to the nearest node of
    main_nodes, which are otherwise excluded).  Returns (line, path_nodes,
    report dict) or None if it fails a check."""
    levels = set(spec.get('levels', LEVELS))
    exclude = set(main_nodes or ())
    cps = spec['checkpoints']
    snapped = []
    for label, lat, lon, tol in cps:
        n, d = graph.snap((lon, lat), spec.get('snap_levels', levels), exclude)
        if n is None or d > tol:
            log('  %s: checkpoint %s not within %.1f km of the data (%s)'
                % (spec['name'], label, tol, 'none' if d is None else '%.1f km' % d))
            return None
        snapped.append(n)
    path = [snapped[0]]
    jumps = []
    legs = list(zip(snapped[:-1], snapped[1:]))
    for a, b in legs:
        p, j = graph.shortest(a, [b], levels, exclude)
        if p is None:
            log('  %s: no path between checkpoints' % spec['name'])
            return None
        path += p[1:]
        jumps += j
    if spec.get('joins'):
        p, j = graph.shortest(path[-1], main_nodes, levels | {0, 1}, exclude)
        if p is None:
            log('  %s: does not reach its main river' % spec['name'])
            return None
        path += p[1:]
        jumps += j
    if spec.get('extend_upstream'):
        # Done after the downstream legs, which are excluded, so that the
        # extension can only go upstream.
        up = farthest_upstream(graph, path[0], set(spec['extend_upstream']),
                               exclude | set(path[1:]))
        path = up[:-1] + path
    # A checkpoint snapped onto a side branch makes the path run out along
    # the branch and back: cut such out-and-back loops.
    path = remove_loops(path)
    on_path = set(graph.xy[n] for n in path)
    return path, [(k, km, p) for k, km, p in jumps if p in on_path]


def remove_loops(path):
    out = []
    pos = {}
    for n in path:
        if n in pos:
            i = pos[n]
            for m in out[i + 1:]:
                del pos[m]
            del out[i + 1:]
        else:
            pos[n] = len(out)
            out.append(n)
    return out


def check_line(name, line, checkpoints, log):
    """Distances of checkpoints from the finished line; False if any is
    farther than its tolerance."""
    ok = True
    res = []
    for label, lat, lon, tol in checkpoints:
        d = dist_point_line_km((lon, lat), line)
        res.append((label, lat, lon, d))
        if d > tol:
            log('  %s: line passes %.1f km from %s (> %.1f)'
                % (name, d, label, tol))
            ok = False
    return ok, res
