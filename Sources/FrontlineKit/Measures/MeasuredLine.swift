import Foundation

/// Where a place falls on a line: the nearest point, how far off the line the place is, and how far
/// along the line (from its first vertex) that point lies.
public struct LineProjection: Sendable, Equatable {
    public var point: LonLat
    /// Metres from the place to the line.
    public var offset: Double
    /// Metres along the line from its first vertex, summing geodesic segments.
    public var chainage: Double
    public var segment: Int
}

/// A polyline at full resolution with its geodesic lengths: a river (vertices ordered downstream)
/// or a border. Lengths sum geodesic segments; the nearest point is found in an azimuthal
/// equidistant projection (PROJ) centred on the place, where distances from the place are true.
public struct MeasuredLine: Sendable {
    public let name: String
    /// The basemap file the line was read from, named by its errors (a corrupt layer is the likely cause).
    public let source: String?
    public let points: [LonLat]
    /// Metres from the first vertex to each vertex.
    public let cumulative: [Double]
    public var length: Double { cumulative.last ?? 0 }
    /// The bounds of each run of `chunk` segments: runs far from a place are passed over whole.
    let chunkBounds: [GeoBox]
    static let chunk = 32

    public init(name: String, points: [LonLat], source: String? = nil) {
        self.name = name
        self.source = source
        self.points = points
        // A long line's segments measured in two halves on two cores (a river has thousands), then
        // summed in order.
        let g = Geodesic.wgs84, segments = max(points.count - 1, 0)
        let pieces =
            segments < 2_000
            ? [0..<segments]
            : stride(from: 0, to: segments, by: (segments + 1) / 2).map { $0..<min($0 + (segments + 1) / 2, segments) }
        let measure = { (r: Range<Int>) in r.map { g.distance(points[$0], points[$0 + 1]) } }
        let lengths = (try? Parallel.map(pieces, measure)) ?? pieces.map(measure)
        var cum = [0.0]
        cum.reserveCapacity(points.count)
        for piece in lengths { for d in piece { cum.append(cum[cum.count - 1] + d) } }
        cumulative = cum
        chunkBounds = stride(from: 0, to: max(points.count - 1, 0), by: Self.chunk).map { start in
            GeoBox(covering: Array(points[start...min(start + Self.chunk, points.count - 1)]))!
        }
    }

    /// An error naming the file the line came from (or, for a line made in memory, the library).
    func failure(_ library: String, _ reason: String) -> FrontlineError {
        source.map { .badInput(file: $0, reason: "\(library): \(reason)") } ?? .library(name: library, reason: reason)
    }

    /// The nearest point of the line to `p`. A planar pass in kilometres (equirectangular about `p`)
    /// picks the segments that can be nearest, with a margin far wider than that approximation's error;
    /// only their vertices go through the exact azimuthal equidistant projection.
    public func project(_ p: LonLat) throws -> LineProjection {
        guard points.count > 1 else {
            throw failure("measure", "\(name) has fewer than two vertices")
        }
        let local = LocalPlane(origin: p)
        // Lower bounds by run, and an upper bound from each run's first vertex.
        let lower = chunkBounds.map { local.distance(to: $0) }
        var upper = Double.infinity
        for k in chunkBounds.indices {
            let v = local.xy(points[k * Self.chunk])
            upper = min(upper, hypot(v.x, v.y))
        }
        func margin(_ d: Double) -> Double { d * 0.1 + 5_000 }
        var approx: [(segment: Int, metres: Double)] = []
        var nearest = Double.infinity
        for (k, lb) in lower.enumerated() where lb <= upper + margin(upper) {
            let start = k * Self.chunk, end = min(start + Self.chunk, points.count - 1)
            var a = local.xy(points[start])
            for i in start..<end {
                let b = local.xy(points[i + 1])
                let d = LocalPlane.distanceToOrigin(a, b)
                approx.append((i, d))
                nearest = min(nearest, d)
                a = b
            }
        }
        let candidates = approx.filter { $0.metres <= nearest + margin(nearest) }.map(\.segment)
        let aeqd = try Projection.equidistant(around: p)
        // Each candidate vertex projected once, in one call.
        var vertices = Array(Set(candidates.flatMap { [$0, $0 + 1] })).sorted()
        let xy = aeqd.forward(vertices.map { points[$0] })
        guard xy.count == vertices.count else {
            throw failure("PROJ", "cannot project \(name) around \(p)")
        }
        var at: [Int: Point] = [:]
        for (k, v) in vertices.enumerated() { at[v] = xy[k] }
        vertices = []
        var best = (d2: Double.infinity, seg: 0, t: 0.0, a: Point(x: 0, y: 0), b: Point(x: 0, y: 0))
        for i in candidates {
            let a = at[i]!, b = at[i + 1]!
            let (t, d2) = LocalPlane.footFromOrigin(a, b)
            if d2 < best.d2 { best = (d2, i, t, a, b) }
        }
        let foot =
            aeqd.inverse(
                Point(x: best.a.x + best.t * (best.b.x - best.a.x), y: best.a.y + best.t * (best.b.y - best.a.y)))
            ?? points[best.seg]
        let g = Geodesic.wgs84
        let chainage = cumulative[best.seg] + g.distance(points[best.seg], foot)
        return LineProjection(point: foot, offset: g.distance(p, foot), chainage: chainage, segment: best.seg)
    }

    /// Where a geodesic from `p` at `azimuth` first meets the line (within `limit` metres), found in an
    /// azimuthal equidistant projection centred on `p`, where that geodesic is a straight ray. Only the
    /// segments a planar pass finds near the ray's course (a wide corridor) are projected exactly.
    public func firstHit(
        from p: LonLat, azimuth: Double, limit: Double = 500_000
    ) throws -> (point: LonLat, metres: Double)? {
        guard points.count > 1 else { throw failure("measure", "\(name) has fewer than two vertices") }
        let rad = azimuth * .pi / 180
        let dx = sin(rad), dy = cos(rad)
        let local = LocalPlane(origin: p)
        var candidates: [Int] = []
        var a = local.xy(points[0])
        for i in 0..<(points.count - 1) {
            let b = local.xy(points[i + 1])
            // Distance of the segment from the ray's line, and how far along the ray it lies.
            let across = { (q: Point) in q.x * dy - q.y * dx }, along = { (q: Point) in q.x * dx + q.y * dy }
            let reach = max(along(a), along(b))
            let corridor = 5_000 + 0.1 * max(hypot(a.x, a.y), hypot(b.x, b.y))
            let sa = across(a), sb = across(b)
            if reach >= -corridor, min(along(a), along(b)) <= limit * 1.2 + corridor,
                !(sa > corridor && sb > corridor), !(sa < -corridor && sb < -corridor)
            {
                candidates.append(i)
            }
            a = b
        }
        guard !candidates.isEmpty else { return nil }
        let aeqd = try Projection.equidistant(around: p)
        var best: Double?
        for i in candidates {
            let xy = aeqd.forward([points[i], points[i + 1]])
            guard xy.count == 2 else { return nil }
            let a = xy[0], b = xy[1]
            // Solve t·d = a + u·(b − a), t ≥ 0, 0 ≤ u ≤ 1.
            let ex = b.x - a.x, ey = b.y - a.y
            let den = dx * ey - dy * ex
            guard abs(den) > 1e-12 else { continue }
            let t = (a.x * ey - a.y * ex) / den
            let u = (a.x * dy - a.y * dx) / den
            if t >= 0, t <= limit, u >= 0, u <= 1, t < (best ?? .infinity) { best = t }
        }
        guard let t = best, let hit = aeqd.inverse(Point(x: t * dx, y: t * dy)) else { return nil }
        return (hit, Geodesic.wgs84.distance(p, hit))
    }

    /// The point `s` metres along the line.
    public func point(atChainage s: Double) -> LonLat {
        let c = min(max(s, 0), length)
        var lo = 0, hi = cumulative.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= c { lo = mid } else { hi = mid }
        }
        let g = Geodesic.wgs84
        let inv = g.inverse(points[lo], points[hi])
        return g.direct(from: points[lo], azimuth: inv.azimuth1, metres: c - cumulative[lo])
    }

    /// The vertices between two chainages (in line order), with the end points interpolated.
    public func slice(from a: Double, to b: Double) -> [LonLat] {
        let lo = min(a, b), hi = max(a, b)
        var out = [point(atChainage: lo)]
        for (i, c) in cumulative.enumerated() where c > lo && c < hi { out.append(points[i]) }
        out.append(point(atChainage: hi))
        return out
    }
}

/// A plane tangent at `origin`, in metres (equirectangular): for choosing candidates before exact work,
/// never for a figure that is reported.
struct LocalPlane {
    let origin: LonLat
    let mx: Double, my: Double

    init(origin: LonLat) {
        self.origin = origin
        my = 111_132.0
        mx = 111_320.0 * cos(origin.lat * .pi / 180)
    }

    func xy(_ q: LonLat) -> Point {
        var dlon = q.lon - origin.lon
        if dlon > 180 { dlon -= 360 } else if dlon < -180 { dlon += 360 }
        return Point(x: dlon * mx, y: (q.lat - origin.lat) * my)
    }

    /// Distance from the origin to the nearest point of a box (zero inside it).
    func distance(to box: GeoBox) -> Double {
        let lo = xy(LonLat(lon: box.minLon, lat: box.minLat)), hi = xy(LonLat(lon: box.maxLon, lat: box.maxLat))
        let dx = max(lo.x, 0, -hi.x), dy = max(lo.y, 0, -hi.y)
        return hypot(dx, dy)
    }

    /// The point of the segment a–b nearest the origin (as the fraction t from a to b), and its squared distance.
    static func footFromOrigin(_ a: Point, _ b: Point) -> (t: Double, distance2: Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(max(-(a.x * dx + a.y * dy) / len2, 0), 1) : 0
        let x = a.x + t * dx, y = a.y + t * dy
        return (t, x * x + y * y)
    }

    /// Distance from the origin to the segment a–b.
    static func distanceToOrigin(_ a: Point, _ b: Point) -> Double {
        footFromOrigin(a, b).distance2.squareRoot()
    }
}
