import XCTest

@testable import FrontlineKit

/// Basemap geometry cut in degrees before it is projected (`GeoCut`): fewer vertices, the same map.
final class GeoCutTests: XCTestCase {
    let box = GeoBox(minLon: 35, minLat: 30, maxLon: 45, maxLat: 38)

    /// A closed, wavy ring around (`lon`, `lat`) of `radius` degrees with `n` vertices.
    private func ring(_ lon: Double, _ lat: Double, _ radius: Double, n: Int) -> [LonLat] {
        var pts = (0..<n).map { k -> LonLat in
            let a = Double(k) / Double(n) * 2 * .pi
            let r = radius * (1 + 0.25 * sin(7 * a) + 0.1 * cos(23 * a))
            return LonLat(lon: lon + r * cos(a), lat: lat + 0.8 * r * sin(a))
        }
        pts.append(pts[0])
        return pts
    }

    /// Whether each point of a grid over `area` lies inside `parts` (even-odd), in degrees.
    private func inside(_ parts: [[LonLat]], over area: GeoBox, steps: Int = 40) -> [Bool] {
        let rings = parts.map { $0.map { Point(x: $0.lon, y: $0.lat) } }
        return (0..<(steps * steps)).map { k in
            let p = Point(
                x: area.minLon + (Double(k % steps) + 0.5) * area.width / Double(steps),
                y: area.minLat + (Double(k / steps) + 0.5) * area.height / Double(steps))
            return AreaLabelPoints.pointInPolygon(p, rings)
        }
    }

    private func record(_ parts: [[LonLat]]) -> ShapeRecord {
        ShapeRecord(parts: parts, bounds: GeoBox(covering: parts.flatMap { $0 })!, attributes: [:])
    }

    func testCutBoxIsTheVisibleBoxWidenedWithinTheGlobe() {
        let cut = GeoCut.box(around: box)
        XCTAssertEqual(cut, GeoBox(minLon: 32.5, minLat: 28, maxLon: 47.5, maxLat: 40))
        let small = GeoCut.box(around: GeoBox(minLon: 10, minLat: 10, maxLon: 10.4, maxLat: 10.2))
        XCTAssertEqual(small, GeoBox(minLon: 9.5, minLat: 9.5, maxLon: 10.9, maxLat: 10.7), "half a degree at least")
        let world = GeoCut.box(around: GeoBox(minLon: -170, minLat: -80, maxLon: 170, maxLat: 85))
        XCTAssertEqual(world, GeoBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90))
    }

    func testThinnedRingWindsAsBeforeInsideTheBox() {
        // A large ring mostly outside the box: its runs beyond one side shrink to their ends.
        let big = ring(36, 31, 8, n: 6000)
        let thin = GeoCut.thinned(big, outside: box)
        XCTAssertLessThan(thin.count, big.filter { box.contains($0) }.count + 20)
        XCTAssertEqual(inside([thin], over: box), inside([big], over: box))
        // A ring wholly inside is untouched; one wholly beyond a side is two points.
        let small = ring(40, 34, 2, n: 300)
        XCTAssertEqual(GeoCut.thinned(small, outside: box), small)
        XCTAssertEqual(GeoCut.thinned(ring(60, 34, 3, n: 300), outside: box).count, 2)
    }

    func testCutRingCoversTheSamePointsOfTheBox() {
        let big = ring(37, 31, 9, n: 4000)
        let cut = GeoCut.record(record([big]), to: box, closed: true)
        XCTAssertEqual(cut.parts.count, 1)
        XCTAssertLessThan(cut.parts[0].count, big.count / 2)
        XCTAssertTrue(cut.parts[0].allSatisfy { box.expanded(by: 1e-9).contains($0) }, "clipped to the box")
        XCTAssertEqual(inside(cut.parts, over: box), inside([big], over: box))
        // A record inside the box is returned as it is; one outside loses its parts.
        let small = record([ring(40, 34, 2, n: 300)])
        XCTAssertEqual(GeoCut.record(small, to: box, closed: true).parts, small.parts)
        XCTAssertTrue(GeoCut.record(record([ring(70, 34, 3, n: 300)]), to: box, closed: true).parts.isEmpty)
    }

    func testCutLineKeepsEveryRunThatReachesTheBox() {
        // A line in and out of the box: its runs inside keep every vertex the box holds.
        let line = (0..<3000).map { k -> LonLat in
            let t = Double(k) / 3000 * 6.5 * .pi
            return LonLat(lon: 40 + 9 * sin(t), lat: 28 + 0.4 * t)
        }
        let cut = GeoCut.record(record([line]), to: box, closed: false)
        XCTAssertGreaterThan(cut.parts.count, 1)
        XCTAssertLessThan(cut.parts.reduce(0) { $0 + $1.count }, line.count)
        let kept = Set(cut.parts.flatMap { $0 }.map { "\($0.lon),\($0.lat)" })
        for p in line where box.contains(p) { XCTAssertTrue(kept.contains("\(p.lon),\(p.lat)"), "\(p) is lost") }
        for part in cut.parts {
            XCTAssertFalse(box.contains(part[0]), "a run starts outside the box")
            XCTAssertFalse(box.contains(part[part.count - 1]), "a run ends outside the box")
        }
    }

    func testDensifiedAddsPointsOnlyAlongTheBoxSides() {
        let a = LonLat(lon: 35, lat: 30), b = LonLat(lon: 45, lat: 30), c = LonLat(lon: 40, lat: 36)
        let line = GeoCut.densified([a, b, c], along: box, step: 1)
        XCTAssertEqual(line.count, 3 + 9, "nine points along the south side, none inside")
        XCTAssertTrue(line[1..<10].allSatisfy { $0.lat == 30 && $0.lon > 35 && $0.lon < 45 })
        XCTAssertEqual(line.last, c)
        // A ring's closing edge counts: here a back to b, along the south side.
        let ring = GeoCut.densified([b, c, a], along: box, step: 2, closed: true)
        XCTAssertEqual(ring.count, 3 + 4)
        XCTAssertEqual(GeoCut.densified([a, c], along: box, step: 1), [a, c])
    }

    func testCutMapCoversTheSamePixelsOfTheFrame() throws {
        // A land ring far larger than a map, projected whole and cut first: inside the frame the two
        // cover the same points (a conic projection bends the cut's sides: they are densified).
        let projection = try Projection.conformal(for: box)
        let frame = Rect(x: 40, y: 30, width: 800, height: 600)
        let t = MapTransform(projection: projection, box: box, frame: frame)
        let cut = GeoCut.box(around: t.visibleBox)
        let land = ring(39, 32, 12, n: 20000)
        let whole = t.line(land)
        let parts = GeoCut.record(record([land]), to: cut, closed: true).parts
        let drawn = parts.map { t.line($0, along: cut, closed: true) }
        XCTAssertLessThan(drawn.reduce(0) { $0 + $1.count }, whole.count)
        var differing = 0
        for k in 0..<(60 * 45) {
            let p = Point(
                x: frame.minX + (Double(k % 60) + 0.5) * frame.width / 60,
                y: frame.minY + (Double(k / 60) + 0.5) * frame.height / 45)
            if AreaLabelPoints.pointInPolygon(p, [whole]) != AreaLabelPoints.pointInPolygon(p, drawn) { differing += 1 }
        }
        // Both are simplified to 0.4 px, each its own way: a point on the coast itself may differ.
        XCTAssertLessThanOrEqual(differing, 2)
    }
}

extension GeoCutTests {
    func testSharedEdgesAreDrawnOnce() {
        // Two squares side by side share the edge x = 1: it is drawn once, and every other edge once.
        func p(_ x: Double, _ y: Double) -> LonLat { LonLat(lon: x, lat: y) }
        let left = [p(0, 0), p(1, 0), p(1, 1), p(0, 1), p(0, 0)]
        let right = [p(1, 0), p(2, 0), p(2, 1), p(1, 1), p(1, 0)]
        let lines = SharedEdges.lines([left, right])
        XCTAssertEqual(lines, [left, [p(1, 0), p(2, 0), p(2, 1), p(1, 1)]])
        let edges = lines.flatMap { l in zip(l, l.dropFirst()).map { [$0, $1] } }
        XCTAssertEqual(edges.count, 7, "4 + 4 edges, one shared")
        // A shared edge in the middle of a ring splits its line in two.
        let below = [p(0, -1), p(1, -1), p(1, 0), p(0, 0), p(0, -1)]
        XCTAssertEqual(SharedEdges.lines([left, below]).count, 3)
        XCTAssertEqual(SharedEdges.lines([left, left]), [left], "a ring given twice is drawn once")
    }
}
