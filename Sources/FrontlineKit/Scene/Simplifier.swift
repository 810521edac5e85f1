import Foundation

/// Douglas–Peucker simplification of a geographic line, measured in metres on a plane tangent at
/// `origin` (the map's centre): an equirectangular plane, whose lengths are true at the origin and
/// within a few per cent across a regional map — which the caller allows for in `metres`.
enum Simplifier {
    /// The vertices of `line` to keep so that no dropped vertex lies farther than `metres` (on that
    /// plane) from the simplified line. First and last vertices are always kept.
    static func simplify(_ line: [LonLat], metres: Double, origin: LonLat? = nil) -> [LonLat] {
        let n = line.count
        guard n > 2, metres > 0 else { return line }
        let o = origin ?? line[n / 2]
        let degree = 111_195.0, kx = degree * cos(o.lat * .pi / 180)
        var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
        for i in 0..<n {
            xs[i] = (line[i].lon - o.lon) * kx
            ys[i] = (line[i].lat - o.lat) * degree
        }
        return kept(line, where: kept(xs, ys, tolerance: metres))
    }

    /// The same on the surface: vertices of a line already in device units, `tolerance` in those units.
    static func simplify(_ line: [Point], tolerance: Double) -> [Point] {
        guard line.count > 2, tolerance > 0 else { return line }
        return kept(line, where: kept(line.map(\.x), line.map(\.y), tolerance: tolerance))
    }

    /// The vertices marked to keep.
    private static func kept<V>(_ line: [V], where keep: [Bool]) -> [V] {
        var out: [V] = []
        out.reserveCapacity(line.count / 4)
        for (v, k) in zip(line, keep) where k { out.append(v) }
        return out
    }

    /// Douglas–Peucker on a plane: which vertices to keep so that none dropped lies farther than
    /// `tolerance` from the kept line.
    private static func kept(_ xs: [Double], _ ys: [Double], tolerance: Double) -> [Bool] {
        let n = xs.count
        let tol2 = tolerance * tolerance
        var keep = [Bool](repeating: false, count: n)
        keep[0] = true
        keep[n - 1] = true
        var stack: [(Int, Int)] = [(0, n - 1)]
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let ax = xs[a], ay = ys[a], dx = xs[b] - ax, dy = ys[b] - ay
            let len2 = dx * dx + dy * dy
            var worst = -1.0, at = a
            for i in (a + 1)..<b {
                let px = xs[i] - ax, py = ys[i] - ay
                let d2: Double
                if len2 == 0 {
                    d2 = px * px + py * py
                } else {
                    let t = min(max((px * dx + py * dy) / len2, 0), 1)
                    let ex = px - t * dx, ey = py - t * dy
                    d2 = ex * ex + ey * ey
                }
                if d2 > worst {
                    worst = d2
                    at = i
                }
            }
            if worst > tol2 {
                keep[at] = true
                stack.append((a, at))
                stack.append((at, b))
            }
        }
        return keep
    }
}
