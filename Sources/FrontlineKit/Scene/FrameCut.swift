/// Basemap geometry cut to what the map frame shows. Layers are read whole (a country, the land of the
/// region, a river from its source), and more than half of their vertices may lie outside a frame:
/// the frame's clip hides them, but the SVG and PDF would still write every one and the raster fill
/// them. Cut to the frame and a margin wider than any stroke, the map looks the same (a test compares
/// the pixels of a map drawn cut and uncut).
enum FrameCut {
    /// The runs of `line` whose segments can reach `box` (their bounding boxes meet it), each run
    /// whole from the vertex before it enters to the vertex after it leaves: inside `box` the drawn
    /// line is the same, and its new ends lie outside. (A dashed line would shift its dashes: not for those.)
    static func line(_ line: [Point], to box: Rect) -> [[Point]] {
        guard line.count > 1 else { return line.isEmpty ? [] : [line] }
        if line.allSatisfy(box.contains) { return [line] }
        var runs: [[Point]] = []
        var start: Int?
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            let meets =
                min(a.x, b.x) <= box.maxX && max(a.x, b.x) >= box.minX && min(a.y, b.y) <= box.maxY
                && max(a.y, b.y) >= box.minY
            if meets, start == nil { start = i }
            if !meets, let s = start {
                runs.append(Array(line[s...i]))
                start = nil
            }
        }
        if let s = start { runs.append(Array(line[s...])) }
        return runs
    }

    /// `ring` (closed) clipped to `box` by Sutherland–Hodgman: for every point inside `box` the
    /// ring's winding number, and so what an even-odd or non-zero fill covers, is unchanged; the
    /// edges it adds run along the box's sides. Empty when nothing of it is left (or it had one point).
    static func ring(_ ring: [Point], to box: Rect) -> [Point] {
        // A ring of two points is a stroke back and forth: kept whole where it can show, as a line is.
        guard ring.count > 2 else { return ring.count == 2 && !line(ring, to: box).isEmpty ? ring : [] }
        if ring.allSatisfy(box.contains) { return ring }
        var pts = ring
        // One side at a time: what lies on the kept side of it, with the crossings added.
        let sides: [(inside: (Point) -> Bool, cross: (Point, Point) -> Point)] = [
            ({ $0.x >= box.minX }, { a, b in at(x: box.minX, a, b) }),
            ({ $0.x <= box.maxX }, { a, b in at(x: box.maxX, a, b) }),
            ({ $0.y >= box.minY }, { a, b in at(y: box.minY, a, b) }),
            ({ $0.y <= box.maxY }, { a, b in at(y: box.maxY, a, b) }),
        ]
        for side in sides {
            guard let last = pts.last else { return [] }
            var out: [Point] = []
            out.reserveCapacity(pts.count + 4)
            var prev = last
            for p in pts {
                switch (side.inside(prev), side.inside(p)) {
                case (true, true): out.append(p)
                case (true, false): out.append(side.cross(prev, p))
                case (false, true):
                    out.append(side.cross(prev, p))
                    out.append(p)
                case (false, false): break
                }
                prev = p
            }
            pts = out
        }
        return pts.count > 2 ? pts : []
    }

    private static func at(x: Double, _ a: Point, _ b: Point) -> Point {
        Point(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x))
    }

    private static func at(y: Double, _ a: Point, _ b: Point) -> Point {
        Point(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y)
    }
}
