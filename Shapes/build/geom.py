"""Small planar/geodesic helpers for the Shapes build (stdlib only)."""

import math

R_EARTH_KM = 6371.0088


def haversine_km(a, b):
    """Great-circle distance between (lon, lat) points, in km."""
    lon1, lat1 = map(math.radians, a)
    lon2, lat2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2 +
         math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * R_EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def line_length_km(pts):
    return sum(haversine_km(pts[i], pts[i + 1]) for i in range(len(pts) - 1))


def dedupe(pts):
    out = []
    for p in pts:
        if not out or p != out[-1]:
            out.append(p)
    return out


def signed_area(ring):
    """Shoelace area; positive = counter-clockwise."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def clip_ring(ring, box):
    """Sutherland-Hodgman clip of one ring against box=(x0, y0, x1, y1).

    The ring may be given closed or open; the result is closed (first ==
    last) or [] when nothing is left."""
    x0, y0, x1, y1 = box
    pts = list(ring)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]

    def clip(pts, inside, cross):
        out = []
        n = len(pts)
        for i in range(n):
            cur = pts[i]
            prev = pts[i - 1]
            ci, pi = inside(cur), inside(prev)
            if ci:
                if not pi:
                    out.append(cross(prev, cur))
                out.append(cur)
            elif pi:
                out.append(cross(prev, cur))
        return out

    def xcross(xv):
        def f(p, q):
            t = (xv - p[0]) / (q[0] - p[0])
            return (xv, p[1] + t * (q[1] - p[1]))
        return f

    def ycross(yv):
        def f(p, q):
            t = (yv - p[1]) / (q[1] - p[1])
            return (p[0] + t * (q[0] - p[0]), yv)
        return f

    for inside, cross in ((lambda p: p[0] >= x0, xcross(x0)),
                          (lambda p: p[0] <= x1, xcross(x1)),
                          (lambda p: p[1] >= y0, ycross(y0)),
                          (lambda p: p[1] <= y1, ycross(y1))):
        if not pts:
            return []
        pts = clip(pts, inside, cross)
    pts = dedupe([(round(x, 9), round(y, 9)) for x, y in pts])
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    if len(pts) < 3 or abs(signed_area(pts)) < 1e-12:
        return []
    return pts + [pts[0]]


def clip_line(line, box):
    """Clip a polyline against box; returns a list of polylines."""
    x0, y0, x1, y1 = box

    def inside(p):
        return x0 <= p[0] <= x1 and y0 <= p[1] <= y1

    def seg_clip(p, q):
        # Liang-Barsky; returns (t0, t1) or None.
        dx, dy = q[0] - p[0], q[1] - p[1]
        t0, t1 = 0.0, 1.0
        for pp, qq in ((-dx, p[0] - x0), (dx, x1 - p[0]),
                       (-dy, p[1] - y0), (dy, y1 - p[1])):
            if pp == 0:
                if qq < 0:
                    return None
                continue
            r = qq / pp
            if pp < 0:
                if r > t1:
                    return None
                t0 = max(t0, r)
            else:
                if r < t0:
                    return None
                t1 = min(t1, r)
        return t0, t1

    out = []
    cur = []
    for i in range(len(line) - 1):
        p, q = line[i], line[i + 1]
        r = seg_clip(p, q)
        if r is None:
            if cur:
                out.append(cur)
                cur = []
            continue
        t0, t1 = r
        a = (p[0] + t0 * (q[0] - p[0]), p[1] + t0 * (q[1] - p[1]))
        b = (p[0] + t1 * (q[0] - p[0]), p[1] + t1 * (q[1] - p[1]))
        if t0 > 0 or not cur:
            if cur:
                out.append(cur)
            cur = [a if t0 > 0 else p]
        cur.append(b if t1 < 1 else q)
        if t1 < 1:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    res = []
    for part in out:
        part = dedupe([(round(x, 9), round(y, 9)) for x, y in part])
        if len(part) >= 2:
            res.append(part)
    return res


def point_in_rings(pt, rings):
    """Even-odd point-in-polygon over all rings."""
    x, y = pt
    inside = False
    for ring in rings:
        n = len(ring)
        for i in range(n - 1):
            xa, ya = ring[i]
            xb, yb = ring[i + 1]
            if (ya > y) != (yb > y):
                xc = xa + (y - ya) * (xb - xa) / (yb - ya)
                if xc > x:
                    inside = not inside
    return inside


def interior_point(rings, nlines=41):
    """A label point inside a polygon: the middle of the widest interior
    interval over a set of horizontal scanlines (even-odd rule)."""
    ys = [y for r in rings for _, y in r]
    ymin, ymax = min(ys), max(ys)
    best = None
    for k in range(1, nlines + 1):
        y = ymin + (ymax - ymin) * k / (nlines + 1)
        xs = []
        for ring in rings:
            for i in range(len(ring) - 1):
                xa, ya = ring[i]
                xb, yb = ring[i + 1]
                if (ya > y) != (yb > y):
                    xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
        xs.sort()
        for i in range(0, len(xs) - 1, 2):
            w = (xs[i + 1] - xs[i]) * math.cos(math.radians(y))
            if best is None or w > best[0]:
                best = (w, ((xs[i] + xs[i + 1]) / 2, y))
    return best[1] if best else None


def point_along(pts, frac):
    """Point at a fraction of a polyline's (geodesic) length."""
    total = line_length_km(pts)
    target = total * frac
    acc = 0.0
    for i in range(len(pts) - 1):
        d = haversine_km(pts[i], pts[i + 1])
        if acc + d >= target and d > 0:
            t = (target - acc) / d
            return (pts[i][0] + t * (pts[i + 1][0] - pts[i][0]),
                    pts[i][1] + t * (pts[i + 1][1] - pts[i][1]))
        acc += d
    return pts[-1]


def dist_point_line_km(pt, line):
    """Approximate distance from pt to a polyline (local equirectangular)."""
    lon0, lat0 = pt
    c = math.cos(math.radians(lat0))
    best = float('inf')
    px, py = 0.0, 0.0
    for i in range(len(line) - 1):
        ax, ay = (line[i][0] - lon0) * c, line[i][1] - lat0
        bx, by = (line[i + 1][0] - lon0) * c, line[i + 1][1] - lat0
        dx, dy = bx - ax, by - ay
        dd = dx * dx + dy * dy
        t = 0.0 if dd == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / dd))
        qx, qy = ax + t * dx, ay + t * dy
        d = math.hypot(qx, qy)
        if d < best:
            best = d
    return best * 111.195
