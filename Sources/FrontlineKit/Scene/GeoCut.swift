import Foundation

/// Basemap geometry cut in degrees, before it is simplified and projected, to a box around what the map
/// shows: a layer's records are tiles or whole countries, lakes and coasts, and most of their vertices
/// may lie far outside the frame (the world's land tiles: 31,000 vertices projected for 133 drawn on
/// the seed's map). Cut to a box wider than the frame by a quarter of its size on each side, a line keeps
/// its runs that reach the box and a ring is clipped to it (Sutherland–Hodgman, as `FrameCut` does on
/// the surface), so inside the frame the map is the same; `FrameCut` then cuts to the frame itself.
enum GeoCut {
    /// The box to cut to: `visible` (the frame's geographic bounds) widened by a quarter of its width
    /// and height on each side, at least half a degree, within ±180° and ±90°.
    static func box(around visible: GeoBox) -> GeoBox {
        let dx = max(visible.width / 4, 0.5), dy = max(visible.height / 4, 0.5)
        return GeoBox(
            minLon: max(visible.minLon - dx, -180), minLat: max(visible.minLat - dy, -90),
            maxLon: min(visible.maxLon + dx, 180), maxLat: min(visible.maxLat + dy, 90))
    }

    /// The record with its parts cut to `box`: rings (`closed`) clipped, lines in their runs that reach
    /// it. A record wholly inside is returned as it is.
    static func record(_ r: ShapeRecord, to box: GeoBox, closed: Bool) -> ShapeRecord {
        guard !box.contains(r.bounds) else { return r }
        let rect = Rect(x: box.minLon, y: box.minLat, width: box.width, height: box.height)
        var cut = r
        cut.parts = r.parts.flatMap { part -> [[LonLat]] in
            let points = thinned(part, outside: box).map { Point(x: $0.lon, y: $0.lat) }
            let pieces =
                closed ? [FrameCut.ring(points, to: rect)].filter { !$0.isEmpty } : FrameCut.line(points, to: rect)
            return pieces.map { $0.map { LonLat(lon: $0.x, lat: $0.y) } }
        }
        return cut
    }

    /// `part` with each run of vertices that all lie beyond one side of `box` (all west of it, say)
    /// cut to the run's first and last: the path between them and the straight edge that replaces it
    /// both lie beyond that side, so inside the box a ring winds and a line runs as before. One pass
    /// over the vertices, before the clipping proper (which then sees a few hundred, not 30,000).
    static func thinned(_ part: [LonLat], outside box: GeoBox) -> [LonLat] {
        func beyond(_ p: LonLat) -> UInt8 {
            (p.lon < box.minLon ? 1 : 0) | (p.lon > box.maxLon ? 2 : 0) | (p.lat < box.minLat ? 4 : 0)
                | (p.lat > box.maxLat ? 8 : 0)
        }
        var out: [LonLat] = []
        out.reserveCapacity(part.count / 4 + 4)
        var i = 0
        while i < part.count {
            var sides = beyond(part[i]), j = i
            // The run goes on while some side has every vertex of it beyond.
            while sides != 0, j + 1 < part.count, sides & beyond(part[j + 1]) != 0 {
                sides &= beyond(part[j + 1])
                j += 1
            }
            out.append(part[i])
            if j > i { out.append(part[j]) }
            i = j + 1
        }
        return out
    }

    /// `line` with points added along each of its edges that runs on a side of `box` (where clipping
    /// put it), at most `step` degrees apart: a parallel is an arc on a conic map, and its long chord
    /// would cut across the frame once projected. `closed`: a ring, whose last point joins its first.
    static func densified(_ line: [LonLat], along box: GeoBox, step: Double, closed: Bool = false) -> [LonLat] {
        guard line.count > 1, step > 0 else { return line }
        func onOneSide(_ a: LonLat, _ b: LonLat) -> Bool {
            (a.lon == b.lon && (a.lon == box.minLon || a.lon == box.maxLon))
                || (a.lat == b.lat && (a.lat == box.minLat || a.lat == box.maxLat))
        }
        var out: [LonLat] = [line[0]]
        out.reserveCapacity(line.count)
        func between(_ a: LonLat, _ b: LonLat) {
            guard onOneSide(a, b) else { return }
            let n = Int((max(abs(b.lon - a.lon), abs(b.lat - a.lat)) / step).rounded(.up))
            for k in stride(from: 1, to: n, by: 1) {
                let t = Double(k) / Double(n)
                out.append(LonLat(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t))
            }
        }
        for (a, b) in zip(line, line.dropFirst()) {
            between(a, b)
            out.append(b)
        }
        if closed, let last = line.last, last != line[0] { between(last, line[0]) }
        return out
    }
}

extension GeoBox {
    /// Whether `o` lies wholly inside this box.
    func contains(_ o: GeoBox) -> Bool {
        o.minLon >= minLon && o.maxLon <= maxLon && o.minLat >= minLat && o.maxLat <= maxLat
    }
}

/// The outlines of areas that share their edges (a country's divisions: each border between two of
/// them is in both rings), as lines that draw each edge once: an edge already drawn, in either
/// direction, ends a line. Drawn twice, a dashed edge's two dash patterns overlap into a near-solid
/// line, and cost twice (Syria's and Iraq's governorates: 726 of 1,830 edges are shared).
enum SharedEdges {
    static func lines(_ rings: [[LonLat]]) -> [[LonLat]] {
        struct Edge: Hashable {
            let a: LonLat, b: LonLat
            init(_ p: LonLat, _ q: LonLat) {
                (a, b) = (p.lon, p.lat) < (q.lon, q.lat) ? (p, q) : (q, p)
            }
        }
        var seen = Set<Edge>(), out: [[LonLat]] = []
        for ring in rings where ring.count > 1 {
            var line: [LonLat] = []
            for (p, q) in zip(ring, ring.dropFirst()) {
                if p != q, seen.insert(Edge(p, q)).inserted {
                    if line.isEmpty { line.append(p) }
                    line.append(q)
                } else if !line.isEmpty {
                    out.append(line)
                    line = []
                }
            }
            if !line.isEmpty { out.append(line) }
        }
        return out
    }
}
