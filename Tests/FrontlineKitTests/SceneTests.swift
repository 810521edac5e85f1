import XCTest

@testable import FrontlineKit

final class SceneTests: XCTestCase {
    func exampleScene(width: Double = 1600) throws -> Scene {
        let f = try Fixtures.frontline()
        return try f.scene(for: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: width))
    }

    func testFarPlacesAreListedNotDrawn() throws {
        let f = try Fixtures.frontline()
        let a = Article(
            name: "t",
            text: """
                Fighting near Manbij and Raqqa

                Rebels near Manbij said fighters had reached Raqqa. Some followers were sent back to Brussels and Paris.
                """)
        let extent = ExtentChooser.choose([f.places(in: a)])
        XCTAssertEqual(Set(extent.offMap.map(\.text)), ["Brussels", "Paris"])
        XCTAssertEqual(Set(extent.onMap.map(\.text)), ["Manbij", "Raqqa"])
        XCTAssertLessThan(extent.box.width, 6)
        let scene = try f.scene(for: a, request: MapRequest(width: 800))
        XCTAssertTrue(
            scene.footnotes.contains { $0.hasPrefix("Also mentioned, off map: ") && $0.contains("Brussels (Belgium)") })
    }

    func testLabelsNeverOverlapEachOtherOrAMarker() throws {
        for width in [800.0, 1600] {
            let scene = try exampleScene(width: width)
            let boxes = scene.labels.flatMap { l in l.boxes.map { (l.text, $0) } }
            for i in 0..<boxes.count {
                for j in (i + 1)..<boxes.count where boxes[i].0 != boxes[j].0 {
                    XCTAssertFalse(
                        boxes[i].1.intersects(boxes[j].1), "\(boxes[i].0) overlaps \(boxes[j].0) at \(width)")
                }
            }
            let markers = scene.items.compactMap { if case .marker(let m) = $0 { return m } else { return nil } }
            for m in markers where scene.frame.contains(m.center) {
                let r = Rect(
                    x: m.center.x - m.radius, y: m.center.y - m.radius, width: 2 * m.radius, height: 2 * m.radius)
                for (text, b) in boxes { XCTAssertFalse(b.intersects(r), "label \(text) covers a marker at \(width)") }
            }
            for (text, b) in boxes { XCTAssertTrue(scene.frame.contains(b), "label \(text) leaves the frame") }
        }
    }

    func testExampleMapLabelsItsPlacesRiverAndCountries() throws {
        let scene = try exampleScene()
        let placeLabels = Set(scene.labels.filter { $0.kind == .place }.map(\.text))
        XCTAssertTrue(
            placeLabels.isSuperset(of: ["Manbij", "Marea", "Azaz", "Falluja", "Baghdad", "Raqqa"]), "\(placeLabels)")
        XCTAssertTrue(scene.labels.contains { $0.kind == .river && $0.text == "Euphrates" })
        let countries = Set(scene.labels.filter { $0.kind == .country }.map(\.text))
        XCTAssertTrue(countries.isSuperset(of: ["SYRIA", "IRAQ", "TURKEY"]), "\(countries)")
        XCTAssertEqual(scene.width, 1600)
        XCTAssertTrue(scene.labels.contains { $0.text == "Kafr Kalbin" })
        XCTAssertTrue(scene.legend.contains { $0.label == "Approximate position, placed from the text" })
    }

    func testLegendListsExactlyWhatIsDrawn() throws {
        let scene = try exampleScene()
        let labels = scene.legend.map(\.label)
        XCTAssertEqual(
            labels,
            [
                "Place named, no control stated", "ISIS", "SDF", "Syrian rebels", "Iraqi government",
                "Contested (both sides)", "Changed in these events", "SDF advance",
                "Approximate position, placed from the text", "River", "Lake or reservoir", "International border",
                "Measured stretch (checks below the map)", "Measured straight distance", "Country the article is about",
            ])
        // Each actor in the legend is drawn in its colour.
        let markers = scene.items.compactMap { if case .marker(let m) = $0 { return m } else { return nil } }
        let catalog = try Fixtures.frontline().actors
        for e in scene.legend {
            guard let actor = catalog.actors.first(where: { $0.label == e.label }) else { continue }
            XCTAssertTrue(markers.filter { scene.frame.contains($0.center) }.count > 0)
            let inMap = scene.items.contains { item in
                if case .marker(let m) = item {
                    return m.fill == actor.fill || m.split == actor.fill || m.ring == actor.fill
                }
                if case .path(_, true, let s) = item { return s.fill == actor.fill }
                return false
            }
            XCTAssertTrue(inMap, "\(e.label) is in the legend but not on the map")
        }
        // Every legend line symbol appears in the map with the same style.
        for e in scene.legend {
            if case .line(let style) = e.symbol {
                XCTAssertTrue(
                    scene.items.contains {
                        if case .path(_, false, let s) = $0 { return s == style } else { return false }
                    }, e.label)
            }
        }
    }

    func testProjectionIsConformalAndCentredOnTheExtent() throws {
        let box = GeoBox(minLon: 36, minLat: 32, maxLon: 45, maxLat: 38)
        let p = try Projection.conformal(for: box)
        XCTAssertTrue(p.definition.contains("+proj=lcc"))
        let c = try XCTUnwrap(p.forward(box.center))
        XCTAssertEqual(c.x, 0, accuracy: 1e-6)
        XCTAssertEqual(c.y, 0, accuracy: 1e-6)
        let back = try XCTUnwrap(p.inverse(Point(x: 100_000, y: -50_000)))
        let again = try XCTUnwrap(p.forward(back))
        XCTAssertEqual(again.x, 100_000, accuracy: 1e-4)
        // Conformal: equal small steps east and north on the map are equal on the ground.
        let t = MapTransform(projection: p, box: box, frame: Rect(x: 0, y: 0, width: 1000, height: 800))
        let o = try XCTUnwrap(t.geo(Point(x: 500, y: 400)))
        let e = try XCTUnwrap(t.geo(Point(x: 510, y: 400))), n = try XCTUnwrap(t.geo(Point(x: 500, y: 390)))
        XCTAssertEqual(Geodesic.wgs84.distance(o, e) / Geodesic.wgs84.distance(o, n), 1, accuracy: 0.002)
    }

    /// Near the equator (the Kivus, 4° S to 1° N) the conic's cone would flatten: Mercator, with its scale
    /// true at the box's centre, still conformal.
    func testProjectionNearTheEquatorIsMercatorTrueAtTheCentre() throws {
        let box = GeoBox(minLon: 27, minLat: -4, maxLon: 30, maxLat: 1)
        let p = try Projection.conformal(for: box)
        XCTAssertTrue(p.definition.hasPrefix("+proj=merc"), p.definition)
        XCTAssertEqual(p.name, "Mercator")
        XCTAssertEqual(
            try Projection.conformal(for: GeoBox(minLon: 36, minLat: 32, maxLon: 45, maxLat: 38)).name,
            "Lambert conformal conic")
        // 10 km east and 10 km north of the centre, on the ground and on the map.
        let c = box.center
        let a = try XCTUnwrap(p.forward(c))
        let east = Geodesic.wgs84.direct(from: c, azimuth: 90, metres: 10_000)
        let north = Geodesic.wgs84.direct(from: c, azimuth: 0, metres: 10_000)
        let e = try XCTUnwrap(p.forward(east)), n = try XCTUnwrap(p.forward(north))
        XCTAssertEqual(hypot(e.x - a.x, e.y - a.y), 10_000, accuracy: 10)
        XCTAssertEqual(hypot(n.x - a.x, n.y - a.y), 10_000, accuracy: 10)
        // At 14.9° N still Mercator; at 15.1° N the conic.
        XCTAssertEqual(
            try Projection.conformal(for: GeoBox(minLon: 30, minLat: 13.9, maxLon: 32, maxLat: 15.9)).name,
            "Mercator")
        XCTAssertEqual(
            try Projection.conformal(for: GeoBox(minLon: 30, minLat: 14.1, maxLon: 32, maxLat: 16.1)).name,
            "Lambert conformal conic")
    }

    /// The graticule's step suits the extent: a city's map still has labelled lines, a region's is not crowded.
    func testGraticuleStepAdaptsToTheExtent() throws {
        XCTAssertEqual(Graticule.step(span: 0.3), 0.1)
        XCTAssertEqual(Graticule.step(span: 0.9), 0.25)
        XCTAssertEqual(Graticule.step(span: 2), 0.5)
        XCTAssertEqual(Graticule.step(span: 8), 1)
        XCTAssertEqual(Graticule.step(span: 16), 2)
        XCTAssertEqual(Graticule.step(span: 40), 5)
        XCTAssertEqual(Graticule.step(span: 90), 10)
        XCTAssertEqual(Graticule.degrees(29.25, pos: "E", neg: "W", places: 2), "29.25°E")
        XCTAssertEqual(Graticule.degrees(-1.5, pos: "N", neg: "S", places: 1), "1.5°S")
        XCTAssertEqual(Graticule.degrees(36, pos: "E", neg: "W"), "36°E")
        XCTAssertEqual(Graticule.degrees(0, pos: "N", neg: "S"), "0°")
        // A map of a city, 0.3 degrees across: lines every 0.1 degree, each with a label.
        let box = GeoBox(minLon: 37.05, minLat: 36.1, maxLon: 37.3, maxLat: 36.3)
        let p = try Projection.conformal(for: box)
        let t = MapTransform(projection: p, box: box, frame: Rect(x: 0, y: 0, width: 1000, height: 800))
        let g = Graticule(t, visible: t.visibleBox)
        let labels = g.ticks.map(\.text)
        XCTAssertTrue(labels.contains("37.1°E") && labels.contains("37.2°E") && labels.contains("36.2°N"), "\(labels)")
    }

    // MARK: simplification

    /// A wiggly line of `n` vertices about 100 m apart (deterministic).
    private func wiggle(_ n: Int) -> [LonLat] {
        (0..<n).map { i in
            let t = Double(i)
            return LonLat(lon: 38 + t * 0.001, lat: 36 + 0.004 * sin(t / 7) + 0.0007 * sin(t * 1.3))
        }
    }

    /// The simplifier's plane, about the middle vertex (its default origin).
    private func metres(_ p: LonLat, origin o: LonLat) -> Point {
        Point(x: (p.lon - o.lon) * 111_195 * cos(o.lat * .pi / 180), y: (p.lat - o.lat) * 111_195)
    }

    func testSimplifiedLineStaysWithinTolerance() {
        let line = wiggle(2000)
        for tol in [5.0, 50, 400] {
            let kept = Simplifier.simplify(line, metres: tol)
            XCTAssertEqual(kept.first, line.first)
            XCTAssertEqual(kept.last, line.last)
            XCTAssertLessThan(kept.count, line.count)
            // Every dropped vertex lies within the tolerance of the segment of the kept line that spans it.
            var k = 0
            for p in line {
                while k + 1 < kept.count - 1, kept[k + 1].lon <= p.lon { k += 1 }
                let o = line[line.count / 2]
                let d = distance(
                    metres(p, origin: o), toSegment: metres(kept[k], origin: o), metres(kept[k + 1], origin: o))
                XCTAssertLessThanOrEqual(d, tol * 1.0001, "vertex \(p) at tolerance \(tol)")
            }
        }
        XCTAssertEqual(Simplifier.simplify(line, metres: 0), line, "no tolerance, nothing dropped")
        let straight = (0..<50).map { LonLat(lon: 40 + Double($0) * 0.01, lat: 33) }
        XCTAssertEqual(Simplifier.simplify(straight, metres: 1).count, 2, "a straight line keeps its ends")
    }

    func testMapLinesHaveNoMoreVerticesThanPixelsCanShow() throws {
        let f = try Fixtures.frontline()
        let euphrates = try XCTUnwrap(
            DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).river(named: "Euphrates"))
        let box = try XCTUnwrap(GeoBox(covering: euphrates.points))
        let t = MapTransform(
            projection: try Projection.conformal(for: box), box: box, frame: Rect(x: 0, y: 0, width: 400, height: 300))
        let drawn = t.line(euphrates.points)
        XCTAssertLessThan(drawn.count, euphrates.points.count / 4, "most full-resolution vertices are below a pixel")
        XCTAssertGreaterThan(drawn.count, 50, "the course's bends are kept")
        // Drawn vertices are vertices of the course; every vertex dropped is within the 0.4 px tolerance.
        let full = euphrates.points.compactMap { t.device($0) }
        for p in drawn {
            let d = zip(full, full.dropFirst()).map { distance(p, toSegment: $0, $1) }.min() ?? .infinity
            XCTAssertLessThan(d, 0.01)
        }
        for p in full {
            let d = zip(drawn, drawn.dropFirst()).map { distance(p, toSegment: $0, $1) }.min() ?? .infinity
            XCTAssertLessThanOrEqual(d, 0.4, "every full-resolution vertex is within 0.4 px of the drawn line")
        }
    }

    // MARK: basemap cut to the frame

    /// Even-odd inside test by ray casting (the rule the basemap is filled with).
    private func inside(_ p: Point, _ ring: [Point]) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (b.x - a.x) * (p.y - a.y) / (b.y - a.y) { odd.toggle() }
        }
        return odd
    }

    /// A jagged ring around (cx, cy), deterministic from `seed`.
    private func star(_ cx: Double, _ cy: Double, _ r: Double, points n: Int, seed: Int) -> [Point] {
        (0..<n).map { k in
            let a = Double(k) * 2 * .pi / Double(n), j = Double((k * 7919 + seed * 104_729) % 97) / 97
            return Point(x: cx + r * (0.45 + 0.55 * j) * cos(a), y: cy + r * (0.45 + 0.55 * j) * sin(a))
        }
    }

    func testRingsCutToTheFrameFillTheSameInside() {
        let box = Rect(x: 100, y: 80, width: 300, height: 200)
        for seed in 0..<12 {
            let ring = star(
                120 + Double(seed * 23 % 260), 90 + Double(seed * 37 % 180), 180 + Double(seed * 11), points: 90,
                seed: seed)
            let cut = FrameCut.ring(ring, to: box)
            XCTAssertLessThan(cut.count, ring.count + 8)
            for gx in stride(from: box.minX + 0.37, to: box.maxX, by: 7.3) {
                for gy in stride(from: box.minY + 0.61, to: box.maxY, by: 5.9) {
                    let p = Point(x: gx, y: gy)
                    XCTAssertEqual(inside(p, cut), inside(p, ring), "seed \(seed) at \(gx),\(gy)")
                }
            }
            XCTAssertTrue(
                cut.allSatisfy {
                    $0.x >= box.minX - 1e-9 && $0.x <= box.maxX + 1e-9 && $0.y >= box.minY - 1e-9
                        && $0.y <= box.maxY + 1e-9
                })
        }
        let small = star(250, 180, 40, points: 30, seed: 1)
        XCTAssertEqual(FrameCut.ring(small, to: box), small, "a ring inside is kept as it is")
        XCTAssertEqual(FrameCut.ring(star(900, 900, 40, points: 30, seed: 2), to: box), [], "a ring outside goes")
    }

    func testLinesCutToTheFrameKeepEverySegmentThatCanShow() {
        let box = Rect(x: 100, y: 80, width: 300, height: 200)
        let line = (0..<400).map { k -> Point in
            let t = Double(k) / 10
            return Point(x: 250 + 260 * cos(t * 0.31) + 15 * sin(t * 3), y: 180 + 190 * sin(t * 0.23))
        }
        let runs = FrameCut.line(line, to: box)
        XCTAssertGreaterThan(runs.count, 1)
        XCTAssertLessThan(runs.reduce(0) { $0 + $1.count }, line.count)
        // Every segment that enters the box is in a run; each run's ends lie outside it (or at the line's ends).
        var kept = Set<Int>()
        for run in runs {
            guard
                let s = line.indices.first(where: { i in
                    i + run.count <= line.count && Array(line[i..<(i + run.count)]) == run
                })
            else {
                return XCTFail("a run that is not a piece of the line")
            }
            for i in s..<(s + run.count - 1) { kept.insert(i) }
            for end in [run.first!, run.last!] where end != line.first! && end != line.last! {
                XCTAssertFalse(box.contains(end))
            }
        }
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            let samples = (0...20).map { k in
                Point(x: a.x + (b.x - a.x) * Double(k) / 20, y: a.y + (b.y - a.y) * Double(k) / 20)
            }
            if samples.contains(where: { box.contains($0) }) {
                XCTAssertTrue(kept.contains(i), "segment \(i) shows in the box")
            }
        }
        let within = [Point(x: 150, y: 100), Point(x: 300, y: 250)]
        XCTAssertEqual(FrameCut.line(within, to: box), [within])
        XCTAssertEqual(FrameCut.line([Point(x: 0, y: 0), Point(x: 10, y: 10)], to: box), [])
    }

    func testCutBasemapDrawsTheSamePixels() throws {
        // A frame clip off the pixel grid, as maps have: a land fill, a lake with its outline and a river,
        // drawn whole and cut to the frame plus the margin; the pixels differ at most by rounding.
        let frame = Rect(x: 20.5, y: 14.7, width: 260, height: 170), margin = 16.0
        let shown = Rect(
            x: frame.minX - margin, y: frame.minY - margin, width: frame.width + 2 * margin,
            height: frame.height + 2 * margin)
        let land = star(140, 110, 220, points: 160, seed: 3), lake = star(60, 40, 70, points: 50, seed: 5)
        let river = (0..<120).map { k in Point(x: -60 + Double(k) * 4, y: 100 + 60 * sin(Double(k) / 9)) }
        func draw(cut: Bool) throws -> [UInt32] {
            let c = try CairoCanvas(format: .png, width: 300, height: 200, fonts: try FontSet.shared())
            c.rect(Rect(x: 0, y: 0, width: 300, height: 200))
            c.setColor(RGBA(1, 1, 1))
            c.fill()
            c.save()
            c.clip(frame)
            c.path([cut ? FrameCut.ring(land, to: shown) : land], closed: true)
            c.setEvenOdd(true)
            c.setColor(RGBA(0.9, 0.88, 0.84))
            c.fill()
            c.path([cut ? FrameCut.ring(lake, to: shown) : lake], closed: true)
            c.setColor(RGBA(0.79, 0.86, 0.92))
            c.fillPreserve()
            c.setColor(RGBA(0.55, 0.7, 0.8))
            c.setLine(width: 0.6)
            c.stroke()
            c.path(cut ? FrameCut.line(river, to: shown) : [river], closed: false)
            c.setColor(RGBA(0.31, 0.53, 0.72))
            c.setLine(width: 1.9)
            c.stroke()
            c.restore()
            return pixels(of: c)
        }
        let whole = try draw(cut: false), cut = try draw(cut: true)
        var differing = 0, most = 0
        for (a, b) in zip(whole, cut) where a != b {
            differing += 1
            for shift in [0, 8, 16, 24] {
                most = max(most, abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF)))
            }
        }
        XCTAssertLessThan(differing, whole.count / 200, "a few edge pixels at most")
        XCTAssertLessThanOrEqual(most, 8, "by rounding only")
    }

    // MARK: text layout

    func testWrapBreaksWhereMeasuringEveryCandidateDoes() throws {
        let f = try Fixtures.frontline()
        let measurer = try CairoTextMeasurer(fonts: f.fonts)
        let layout = MapText(measurer: measurer)
        let texts = [
            "(3) “more than 1,000 km down the Euphrates”: measured 1,069 km along the Euphrates from "
                + "Jarabulus to Falluja (652 km straight), +7%: consistent.",
            "Source: Frontline example article, written for this project from public reporting of "
                + "the week. Map by Frontline.",
            "one", "a b c d e f g h i j k l m n o p", "Supercalifragilisticexpialidocious word",
        ]
        for text in texts {
            for (width, size, style) in [
                (300.0, 12.5, FontStyle.regular), (1000, 12.5, .regular), (180, 30, .bold), (57.3, 11, .italic),
                (5, 12, .regular),
            ] {
                // The slow way: every candidate line measured whole.
                var lines: [String] = [], current = ""
                for word in text.split(separator: " ") {
                    let candidate = current.isEmpty ? String(word) : current + " " + word
                    if measurer.size(of: candidate, style: style, fontSize: size).width > width, !current.isEmpty {
                        lines.append(current)
                        current = String(word)
                    } else {
                        current = candidate
                    }
                }
                if !current.isEmpty { lines.append(current) }
                XCTAssertEqual(
                    layout.wrap(text, width: width, size: size, style: style), lines, "\(text) at \(width) px")
            }
        }
    }

    func testFitCutsWhereCuttingACharacterAtATimeDoes() throws {
        let f = try Fixtures.frontline()
        let measurer = try CairoTextMeasurer(fonts: f.fonts)
        let layout = MapText(measurer: measurer)
        let texts = [
            "Turkish-backed fighters say al-Bab is nearly theirs after weeks of street battles",
            "ʿAzaz – Mare’ «quoted»", "x", "Supercalifragilisticexpialidocious",
        ]
        for text in texts {
            for (width, size, style) in [(300.0, 30, FontStyle.bold), (120, 12.5, .regular), (3, 12, .italic)] {
                // The slow way: one character off the end at a time.
                var expected = text
                if measurer.size(of: text, style: style, fontSize: size).width > width {
                    var t = text
                    while t.count > 1, measurer.size(of: t + "…", style: style, fontSize: size).width > width {
                        t.removeLast()
                    }
                    expected = t + "…"
                }
                XCTAssertEqual(
                    layout.fit(text, width: width, style: style, size: size), expected, "\(text) at \(width)")
            }
        }
        // A title of 200,000 characters with no space is cut with a few measures, not one per character.
        let long = String(repeating: "Manbij", count: 33_334)
        let cut = layout.fit(long, width: 600, style: .bold, size: 30)
        XCTAssertTrue(cut.hasSuffix("…") && cut.count < 100)
    }

    func testLabelPointsMatchTestingEveryPoint() throws {
        // A star with a square hole, and a second ring apart: edges at every slope, even-odd rings.
        let star = (0..<14).map { k -> Point in
            let a = Double(k) * .pi / 7, r = k % 2 == 0 ? 180.0 : 70
            return Point(x: 300 + r * cos(a), y: 220 + r * sin(a))
        }
        let hole = [Point(x: 280, y: 200), Point(x: 320, y: 200), Point(x: 320, y: 240), Point(x: 280, y: 240)]
        let apart = [Point(x: 520, y: 60), Point(x: 600, y: 90), Point(x: 560, y: 160)]
        for (parts, frame, grid) in [
            ([star, hole, apart], Rect(x: 0, y: 0, width: 640, height: 440), 24),
            ([star], Rect(x: 150, y: 100, width: 300, height: 250), 8),
            ([apart], Rect(x: 500, y: 50, width: 120, height: 120), 24),
        ] {
            let nx = grid, ny = max(grid * 2 / 3, 4)
            var inside: [Point] = []
            for i in 0..<nx {
                for j in 0..<ny {
                    let p = Point(
                        x: frame.minX + (Double(i) + 0.5) * frame.width / Double(nx),
                        y: frame.minY + (Double(j) + 0.5) * frame.height / Double(ny))
                    if AreaLabelPoints.pointInPolygon(p, parts) { inside.append(p) }
                }
            }
            let expected: [Point]
            if inside.count < 4 {
                expected = []
            } else {
                let c = Point(
                    x: inside.map(\.x).reduce(0, +) / Double(inside.count),
                    y: inside.map(\.y).reduce(0, +) / Double(inside.count))
                expected = inside.sorted { $0.distance(to: c) < $1.distance(to: c) }
            }
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(AreaLabelPoints.points(in: parts, frame: frame, grid: grid), expected)
        }
    }

    func testDistancesWrittenWithGroupingAndOneDecimalBelow100Km() {
        XCTAssertEqual(MapText.kmText(17.84), "17.8 km")
        XCTAssertEqual(MapText.kmText(99.94), "99.9 km")
        XCTAssertEqual(MapText.kmText(1_069.4), "1,069 km")
        XCTAssertEqual(MapText.kmText(1_234_567.89), "1,234,568 km")
        XCTAssertEqual(MapText.kmText(0.25), "0.2 km", "halves to even, as ICU rounds")
    }
}

final class SeedMapTests: XCTestCase {
    /// The seed article's map: the places of its fronts drawn at their true positions.
    func testSeedMapDrawsItsFrontsAtTrueCoordinates() throws {
        let f = try Fixtures.frontline()
        let article = try Fixtures.seed()
        let places = f.places(in: article)
        let extent = ExtentChooser.choose([places])
        let truth: [String: LonLat] = [
            "Manbij": LonLat(lon: 37.955, lat: 36.528), "Marea": LonLat(lon: 37.197, lat: 36.483),
            "Azaz": LonLat(lon: 37.046, lat: 36.587), "Falluja": LonLat(lon: 43.786, lat: 33.349),
            "Baghdad": LonLat(lon: 44.401, lat: 33.341), "Raqqa": LonLat(lon: 39.008, lat: 35.953),
        ]
        for (name, t) in truth {
            let p = try XCTUnwrap(extent.onMap.first { $0.text == name }, "\(name) not drawn")
            XCTAssertLessThan(Geodesic.wgs84.distance(p.coordinate, t), 5_000, name)
        }
        let off = Set(extent.offMap.map(\.text))
        XCTAssertTrue(off.isSuperset(of: ["Brussels", "Paris"]), "\(off)")
        let all = Set(places.places.map(\.text))
        for junk in ["The", "In", "SDF", "Arab", "Kafr", "ISIS", "Kurdish"] {
            XCTAssertFalse(all.contains(junk), "\(junk) taken for a place")
        }
        XCTAssertTrue(places.places.contains { $0.kind == .river && $0.entry.name == "Euphrates" })
        XCTAssertTrue(places.places.contains { $0.kind == .border && $0.entry.shape == "boundaries.shp:SY-TR" })
        // Kafr Kalbin is in no gazetteer: placed from the text on the Marea–Azaz road, marked approximate.
        let kafr = try XCTUnwrap(places.places.first { $0.text == "Kafr Kalbin" })
        XCTAssertTrue(kafr.approximate)
        XCTAssertEqual(kafr.precision, 2)
        XCTAssertTrue(kafr.why.contains("road linking Marea with Azaz"), kafr.why)
        let marea = truth["Marea"]!, azaz = truth["Azaz"]!
        let g = Geodesic.wgs84
        XCTAssertLessThan(
            g.distance(marea, kafr.coordinate) + g.distance(kafr.coordinate, azaz) - g.distance(marea, azaz), 200)
        XCTAssertTrue(extent.onMap.contains { $0.text == "Kafr Kalbin" })

        let scene = try f.scene(for: article, request: MapRequest(width: 1600))
        let labelled = Set(scene.labels.map(\.text))
        XCTAssertTrue(labelled.isSuperset(of: Set(truth.keys).union(["Euphrates"])), "\(labelled)")
        // The Syria–Turkey border is inside the frame: the line is drawn in view.
        let t = MapTransform(projection: try Projection.conformal(for: extent.box), box: extent.box, frame: scene.frame)
        let border = try Basemap(directory: Fixtures.shapes).records(.boundaries)
            .filter { Set([$0.attributes["LEFT_ISO"], $0.attributes["RIGHT_ISO"]]) == Set(["SY", "TR"]) }
        let visible = border.flatMap(\.parts).flatMap { $0 }.compactMap(t.device).filter(scene.frame.contains)
        XCTAssertGreaterThan(visible.count, 100)
    }
}
