import XCTest

@testable import FrontlineKit

/// Measures: along-line lengths, projections, distance phrases, and the checks of stated distances.
final class DistanceTests: XCTestCase {
    var checker: DistanceChecker {
        get throws {
            let f = try Fixtures.frontline()
            return DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer)
        }
    }

    func checks(_ body: String, title: String = "Fighting in Syria and Iraq") throws -> [DistanceCheck] {
        let f = try Fixtures.frontline()
        let a = Article(name: "t", text: "\(title)\n\n\(body)\n")
        return try checker.checks(article: a, places: f.places(in: a))
    }

    func testAlongLineLengthOfAMeridianEqualsTheGeodesic() throws {
        // A meridian is a geodesic: the sum of its pieces equals the single geodesic between its ends.
        let line = MeasuredLine(
            name: "meridian", points: stride(from: 30.0, through: 40.0, by: 0.1).map { LonLat(lon: 38, lat: $0) })
        let whole = Geodesic.wgs84.distance(LonLat(lon: 38, lat: 30), LonLat(lon: 38, lat: 40))
        XCTAssertEqual(line.length, whole, accuracy: 0.001)
        // Projection of a point east of it: the foot is on the same parallel (to within metres), chainage up to there.
        let p = try line.project(LonLat(lon: 38.5, lat: 35))
        XCTAssertEqual(p.point.lon, 38, accuracy: 1e-7)
        XCTAssertEqual(p.point.lat, 35, accuracy: 0.01)
        XCTAssertEqual(p.offset, Geodesic.wgs84.distance(LonLat(lon: 38.5, lat: 35), p.point), accuracy: 0.01)
        XCTAssertEqual(p.chainage, Geodesic.wgs84.distance(LonLat(lon: 38, lat: 30), p.point), accuracy: 0.01)
        XCTAssertEqual(line.point(atChainage: p.chainage).lat, p.point.lat, accuracy: 1e-7)
        let slice = line.slice(from: 100_000, to: 300_000)
        XCTAssertEqual(Geodesic.wgs84.length(of: slice), 200_000, accuracy: 0.01)
    }

    func testEquatorLengthIsKnown() {
        // Along the equator, one degree of longitude is 111,319.49 m on WGS84 (a·π/180).
        let line = MeasuredLine(name: "equator", points: (0...10).map { LonLat(lon: Double($0), lat: 0) })
        XCTAssertEqual(line.length, 10 * 6378137 * Double.pi / 180, accuracy: 0.001)
    }

    func testFirstHitAlongABearing() throws {
        let line = MeasuredLine(
            name: "meridian", points: stride(from: 30.0, through: 40.0, by: 0.05).map { LonLat(lon: 38, lat: $0) })
        let hit = try XCTUnwrap(try line.firstHit(from: LonLat(lon: 37.5, lat: 35), azimuth: 90))
        XCTAssertEqual(hit.point.lon, 38, accuracy: 1e-5)
        XCTAssertEqual(hit.metres, Geodesic.wgs84.distance(LonLat(lon: 37.5, lat: 35), hit.point), accuracy: 0.01)
        XCTAssertNil(try line.firstHit(from: LonLat(lon: 37.5, lat: 35), azimuth: 270))
    }

    func testTheEuphratesRunsDownstreamFromJarabulusToFalluja() throws {
        let e = try XCTUnwrap(try checker.river(named: "Euphrates"))
        let jarabulus = try e.project(LonLat(lon: 38.011, lat: 36.8175)),
            raqqa = try e.project(LonLat(lon: 39.008, lat: 35.953))
        let falluja = try e.project(LonLat(lon: 43.786, lat: 33.349))
        XCTAssertLessThan(jarabulus.chainage, raqqa.chainage)
        XCTAssertLessThan(raqqa.chainage, falluja.chainage)
        XCTAssertLessThan(jarabulus.offset, 5_000)
        let f = try Fixtures.frontline()
        let (a, b) = try f.resolvePair("Falluja", "Jarabulus")
        let m = try checker.measure(from: a, to: b, alongRiver: "Euphrates")
        XCTAssertEqual(m.direction, "upstream")
        XCTAssertEqual(m.alongKm!, (falluja.chainage - jarabulus.chainage) / 1000, accuracy: 0.5)
        XCTAssertEqual(m.compass, "northwest")
    }

    func testUnitsConversionsAndBounds() throws {
        let a = Article(
            name: "t",
            text: """
                T

                It was 80 km (50 mile) away. Then 12 miles more. A 5-km walk and 3.5 kilometers. Some twenty \
                kilometres. \
                More than 1,000 km of river. About 80 km (70 miles) long. Less than 10 km off.
                """)
        let p = DistancePhrases.find(in: a)
        XCTAssertEqual(p.map(\.km).map { ($0 * 100).rounded() / 100 }, [80, 19.31, 5, 3.5, 20, 1000, 80, 10])
        XCTAssertEqual(p[0].conversion?.value, 50)
        XCTAssertEqual(p[0].conversion?.unit, .mi)
        XCTAssertEqual(p[5].bound, .atLeast)
        XCTAssertEqual(p[7].bound, .atMost)
        XCTAssertEqual(p[0].quote, "80 km (50 mile)")
    }

    func testPhrasesAreFoundWhenTheArticleIsReadAndEachIsChecked() throws {
        let f = try Fixtures.frontline()
        let a = try Article.load(path: Fixtures.exampleArticle)
        let phrases = a.distancePhrases
        XCTAssertGreaterThanOrEqual(phrases.count, 3)
        XCTAssertEqual(DistancePhrases.find(in: a), phrases)
        for p in phrases {
            let chars = Array(a.text)
            XCTAssertEqual(String(chars[p.start..<p.end]), p.quote)
        }
        let checks = try checker.checks(article: a, places: f.places(in: a))
        XCTAssertEqual(checks.map(\.quote), phrases.map(\.quote))
        XCTAssertEqual(checks.map(\.start), phrases.map(\.start))
    }

    func testConversionIsChecked() throws {
        let good = try checks("Rebels held Marea. Azaz, 20 km (12 miles) to the northwest, was quiet.")
        XCTAssertEqual(good.first?.conversionAgrees, true)
        let bad = try checks("Rebels held Marea. Azaz, 20 km (19 miles) to the northwest, was quiet.")
        XCTAssertEqual(bad.first?.conversionAgrees, false)
        XCTAssertTrue(bad.first?.note.contains("the conversion 19 mi does not match 20 km") ?? false)
    }

    func testCompassPointsAreChecked() throws {
        let right = try XCTUnwrap(try checks("Rebels held Marea. Azaz, 20 km to the northwest, was quiet.").first)
        XCTAssertEqual(right.bearingAgrees, true)
        XCTAssertEqual(right.verdict, .consistent)
        let wrong = try XCTUnwrap(try checks("Rebels held Marea. Azaz, 20 km to the southeast, was quiet.").first)
        XCTAssertEqual(wrong.bearingAgrees, false)
        XCTAssertEqual(wrong.verdict, .inconsistent)
        XCTAssertTrue(wrong.note.contains("the direction does not hold"))
        XCTAssertEqual(Compass.name(311), "northwest")
        XCTAssertEqual(Compass.name(-10), "north")
        XCTAssertEqual(Compass.name(100), "east")
    }

    func testDistancesThatCannotBeChecked() throws {
        let lone = try XCTUnwrap(try checks("The convoy stopped 15 km away.").first)
        XCTAssertEqual(lone.verdict, .cannotCheck)
        XCTAssertEqual(lone.note, "the text names no place this distance is from")
        let river = try XCTUnwrap(try checks("Fighters moved 40 km down the river.").first)
        XCTAssertEqual(river.verdict, .cannotCheck)
        XCTAssertFalse(river.note.isEmpty)
    }

    func testSeedArticleHasExactlyItsThreeDistanceClaims() throws {
        let f = try Fixtures.frontline()
        let article = try Fixtures.seed()
        let c = try checker.checks(article: article, places: f.places(in: article))
        XCTAssertEqual(
            c.map(\.quote),
            [
                "750 km down the Euphrates River", "the last 80 km (50 mile) stretch of the Syrian-Turkish border",
                "20 km (12 miles) to the northwest",
            ])
        XCTAssertEqual(c.map(\.kind), [.alongRiver, .alongBorder, .straight])
        XCTAssertTrue(c.allSatisfy { $0.verdict != .cannotCheck }, "\(c.map(\.note))")
        // 1: from Manbij (the front described before) down the Euphrates to Falluja.
        XCTAssertEqual(c[0].from, "Manbij")
        XCTAssertEqual(c[0].to, "Falluja")
        XCTAssertGreaterThan(c[0].alongKm!, c[0].straightKm!)
        // 2: unanchored: from the Euphrates crossing westward along the Syria–Turkey border; says where 80 km ends.
        XCTAssertEqual(c[1].from, "the Euphrates crossing")
        XCTAssertEqual(c[1].line, "Syria–Turkey border")
        XCTAssertEqual(c[1].conversionAgrees, true)
        let end = try XCTUnwrap(c[1].claimedEnd)
        let border = try XCTUnwrap(try checker.border("SY", "TR"))
        XCTAssertLessThan(try border.project(end).offset, 1)
        XCTAssertNotNil(c[1].claimedEndNear)
        // 3: Azaz from Marea, northwest, about 18 km.
        XCTAssertEqual(c[2].from, "Marea")
        XCTAssertEqual(c[2].to, "Azaz")
        XCTAssertEqual(c[2].straightKm!, 17.77, accuracy: 0.05)
        XCTAssertEqual(c[2].bearingAgrees, true)
        XCTAssertEqual(c[2].verdict, .consistent)
    }

    func testCheckerMeasuresAlongGeometryGivenAsPlainValues() throws {
        let f = try Fixtures.frontline()
        // The basemap's own layers, handed over as values: the same lines as the basemap checker's.
        let plain = DistanceChecker(
            lines: LineGeometry(
                rivers: try f.basemap.records(.rivers),
                boundaries: try f.basemap.records(.boundaries)),
            gazetteer: f.gazetteer)
        let euphrates = try XCTUnwrap(try plain.river(named: "Euphrates"))
        XCTAssertEqual(euphrates.length, try XCTUnwrap(try checker.river(named: "Euphrates")).length)
        XCTAssertEqual(try plain.border("TR", "SY")?.name, try checker.border("SY", "TR")?.name)
        let body = "Rebels held Marea. Azaz, 20 km (12 miles) to the northwest, was quiet."
        let a = Article(name: "t", text: "Fighting in Syria\n\n\(body)\n")
        XCTAssertEqual(
            try plain.checks(article: a, places: f.places(in: a)).map(\.straightKm),
            try checker.checks(article: a, places: f.places(in: a)).map(\.straightKm))
        // A made-up river: a meridian 1° long, measured along its own vertices.
        let meridian = ShapeRecord(
            parts: [stride(from: 36.0, through: 37.0, by: 0.1).map { LonLat(lon: 38, lat: $0) }],
            bounds: GeoBox(minLon: 38, minLat: 36, maxLon: 38, maxLat: 37),
            attributes: ["NAME": "Test"])
        let made = DistanceChecker(lines: LineGeometry(rivers: [meridian], boundaries: []), gazetteer: f.gazetteer)
        let line = try XCTUnwrap(try made.river(named: "Test"))
        let ends = Geodesic.wgs84.distance(LonLat(lon: 38, lat: 36), LonLat(lon: 38, lat: 37))
        XCTAssertEqual(line.length, ends, accuracy: 0.01)
        XCTAssertNil(try made.river(named: "Euphrates"))
        XCTAssertNil(try made.border("SY", "TR"))
    }

    func testSeedMapShowsTheReachAndTheStretch() throws {
        let f = try Fixtures.frontline()
        let scene = try f.scene(for: try Fixtures.seed(), request: MapRequest(width: 1600))
        XCTAssertTrue(scene.legend.contains { $0.label == "Measured stretch (checks below the map)" })
        let highlight = try XCTUnwrap(scene.legend.first { $0.label.hasPrefix("Measured stretch") })
        guard case .line(let style) = highlight.symbol else { return XCTFail("not a line") }
        // The legend's own swatch is a two-point line; the stretches follow the river and the border.
        let stretches = scene.items.filter {
            if case .path(let parts, false, let s) = $0 {
                return s == style && parts[0].count > 2
            } else {
                return false
            }
        }
        XCTAssertEqual(stretches.count, 2, "the Euphrates reach and the border stretch")
        let captions = scene.footerLines.filter { $0.hasPrefix("(") }
        XCTAssertEqual(captions.count, 3)
        XCTAssertTrue(captions[0].contains("along the Euphrates from Manbij to Falluja"), captions[0])
    }

    func testChainageSummedInOrderWhenMeasuredOnTwoCores() throws {
        // A river's segments are measured in two halves on two cores: the running sums must be those of one pass.
        let f = try Fixtures.frontline()
        let euphrates = try XCTUnwrap(
            DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).river(named: "Euphrates"))
        XCTAssertGreaterThan(euphrates.points.count, 4_000)
        let g = Geodesic.wgs84
        var cum = [0.0]
        for i in 1..<euphrates.points.count {
            cum.append(cum[i - 1] + g.distance(euphrates.points[i - 1], euphrates.points[i]))
        }
        XCTAssertEqual(euphrates.cumulative, cum)
        let short = Array(euphrates.points.prefix(3))
        XCTAssertEqual(MeasuredLine(name: "short", points: short).cumulative.count, 3)
        XCTAssertEqual(MeasuredLine(name: "one", points: [short[0]]).cumulative, [0])
        XCTAssertEqual(MeasuredLine(name: "none", points: []).cumulative, [0])
    }

    // MARK: nearest point and ray, against the exhaustive search

    /// The nearest point found by projecting every vertex (the method before the planar prefilter).
    private func exhaustiveNearest(_ line: MeasuredLine, _ p: LonLat) throws -> (segment: Int, offset: Double) {
        let aeqd = try Projection(proj: String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +ellps=WGS84", p.lat, p.lon))
        let xy = aeqd.forward(line.points)
        var best = (d: Double.infinity, seg: 0)
        for i in 0..<(xy.count - 1) {
            let d = distance(Point(x: 0, y: 0), toSegment: xy[i], xy[i + 1])
            if d < best.d { best = (d, i) }
        }
        return (best.seg, best.d)
    }

    func testNearestPointMatchesExhaustiveSearch() throws {
        let f = try Fixtures.frontline()
        let checker = DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer)
        let lines = [
            try XCTUnwrap(checker.river(named: "Euphrates")), try XCTUnwrap(checker.river(named: "Tigris")),
            try XCTUnwrap(checker.border("SY", "TR")),
        ]
        let places = [
            LonLat(lon: 37.95, lat: 36.53), LonLat(lon: 43.78, lat: 33.35), LonLat(lon: 37.05, lat: 36.59),
            LonLat(lon: 40.14, lat: 35.33), LonLat(lon: 44.36, lat: 33.31), LonLat(lon: 36.3, lat: 33.5),
            LonLat(lon: 47.9, lat: 30.5), LonLat(lon: 42.0, lat: 37.1),
        ]
        for line in lines {
            for p in places {
                let fast = try line.project(p)
                let slow = try exhaustiveNearest(line, p)
                XCTAssertEqual(fast.segment, slow.segment, "\(line.name) from \(p)")
                XCTAssertEqual(
                    fast.offset, slow.offset, accuracy: max(0.5, slow.offset * 1e-6), "\(line.name) from \(p)")
            }
        }
    }

    func testRayHitMatchesExhaustiveSearch() throws {
        let f = try Fixtures.frontline()
        let border = try XCTUnwrap(DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).border("SY", "TR"))
        let from = LonLat(lon: 37.21, lat: 36.45)
        for azimuth in stride(from: 0.0, to: 360, by: 15) {
            let fast = try border.firstHit(from: from, azimuth: azimuth)
            // Exhaustive: every segment in the projection centred on the place.
            let aeqd = try Projection(
                proj: String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +ellps=WGS84", from.lat, from.lon))
            let xy = aeqd.forward(border.points)
            let dx = sin(azimuth * .pi / 180), dy = cos(azimuth * .pi / 180)
            var best: Double?
            for i in 0..<(xy.count - 1) {
                let a = xy[i], b = xy[i + 1], ex = b.x - a.x, ey = b.y - a.y, den = dx * ey - dy * ex
                guard abs(den) > 1e-12 else { continue }
                let t = (a.x * ey - a.y * ex) / den, u = (a.x * dy - a.y * dx) / den
                if t >= 0, t <= 500_000, u >= 0, u <= 1, t < (best ?? .infinity) { best = t }
            }
            XCTAssertEqual(fast == nil, best == nil, "azimuth \(azimuth)")
            if let fast, let best { XCTAssertEqual(fast.metres, best, accuracy: 1, "azimuth \(azimuth)") }
        }
    }

    /// "10km" is read like "10 km"; an advance's length is its own kind, never checked between two places.
    func testGluedUnitsAndAdvanceLengths() throws {
        let f = try Fixtures.frontline()
        let a = Article(
            name: "t",
            text: "Fighting in Syria\n\nMarea lies about 17km southeast of Azaz. Rebels advanced about 3 km towards "
                + "al-Bab on Monday. Rebels pushed forward as much as 5km near Marea.\n")
        let checks = try f.analyse(a).checks
        XCTAssertEqual(checks.count, 3)
        XCTAssertEqual(checks.first?.kind, .straight)
        XCTAssertEqual(checks.first?.claimedKm, 17)
        XCTAssertEqual(checks.first?.verdict, .consistent)
        for c in checks.dropFirst() {
            XCTAssertEqual(c.kind, .advance, c.quote)
            XCTAssertEqual(c.verdict, .cannotCheck)
            XCTAssertTrue(c.note.hasPrefix("an advance of"), c.note)
        }
    }
}
