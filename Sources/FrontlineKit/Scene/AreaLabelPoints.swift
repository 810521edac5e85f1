import Foundation

/// Candidate points for an area's label: the points of a grid over the frame that fall inside the
/// area's rings (even-odd rule), nearest the middle of what shows first.
enum AreaLabelPoints {
    static func points(in parts: [[Point]], frame: Rect, grid: Int = 24) -> [Point] {
        var inside: [Point] = []
        let nx = grid, ny = max(grid * 2 / 3, 4)
        // Only grid points inside the shape's bounds need the full point-in-polygon test.
        let xs = parts.joined().map(\.x), ys = parts.joined().map(\.y)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return [] }
        // The even-odd test of `pointInPolygon`, a grid row at a time: where the rings' edges cross the
        // row is worked out once per row (the same arithmetic), not once per point.
        let column = (0..<nx).map { frame.minX + (Double($0) + 0.5) * frame.width / Double(nx) }
        var isInside = [[Bool]](repeating: [Bool](repeating: false, count: ny), count: nx)
        for j in 0..<ny {
            let y = frame.minY + (Double(j) + 0.5) * frame.height / Double(ny)
            guard y >= minY, y <= maxY else { continue }
            let crossings = rowCrossings(parts, y: y)
            for i in 0..<nx where column[i] >= minX && column[i] <= maxX {
                isInside[i][j] = crossings.reduce(false) { odd, x in column[i] < x ? !odd : odd }
            }
        }
        for i in 0..<nx {
            for j in 0..<ny where isInside[i][j] {
                inside.append(Point(x: column[i], y: frame.minY + (Double(j) + 0.5) * frame.height / Double(ny)))
            }
        }
        guard inside.count >= 4 else { return [] }
        let cx = inside.map(\.x).reduce(0, +) / Double(inside.count)
        let cy = inside.map(\.y).reduce(0, +) / Double(inside.count)
        let c = Point(x: cx, y: cy)
        return inside.sorted { $0.distance(to: c) < $1.distance(to: c) }
    }

    /// Where the edges of `rings` cross the horizontal line at `y`, as `pointInPolygon` computes them.
    static func rowCrossings(_ rings: [[Point]], y: Double) -> [Double] {
        var out: [Double] = []
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > y) != (b.y > y) { out.append((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) }
                j = i
            }
        }
        return out
    }

    /// Even-odd point-in-polygon over all rings (W. R. Franklin's crossing test, PNPOLY).
    static func pointInPolygon(_ p: Point, _ rings: [[Point]]) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}
