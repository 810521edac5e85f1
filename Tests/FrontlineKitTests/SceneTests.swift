import XCTest
@testable import FrontlineKit

final class SceneTests: XCTestCase {
    func exampleScene(width: Double = 1600) throws -> Scene {
        let f = try Fixtures.frontline()
        return try f.scene(for: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: width))
    }

    func testFarPlacesAreListedNotDrawn() throws {
        let f = try Fixtures.frontline()
        let a = Article(name: "t", text: """
        Fighting near Manbij and Raqqa

        Rebels near Manbij said fighters had reached Raqqa. Followers were sent back to Brussels and Paris.
        """)
        let extent = ExtentChooser.choose([f.places(in: a)])
        XCTAssertEqual(Set(extent.offMap.map(\.text)), ["Brussels", "Paris"])
        XCTAssertEqual(Set(extent.onMap.map(\.text)), ["Manbij", "Raqqa"])
        XCTAssertLessThan(extent.box.width, 6)
        let scene = try f.scene(for: a, request: MapRequest(width: 800))
        XCTAssertTrue(scene.footnotes.contains { $0.hasPrefix("Also mentioned, off map: ") && $0.contains("Brussels (Belgium)") })
    }

    func testLabelsNeverOverlapEachOtherOrAMarker() throws {
        for width in [800.0, 1600] {
            let scene = try exampleScene(width: width)
            let boxes = scene.labels.flatMap { l in l.boxes.map { (l.text, $0) } }
            for i in 0..<boxes.count {
                for j in (i + 1)..<boxes.count where boxes[i].0 != boxes[j].0 {
                    XCTAssertFalse(boxes[i].1.intersects(boxes[j].1), "\(boxes[i].0) overlaps \(boxes[j].0) at \(width)")
                }
            }
            let markers = scene.items.compactMap { if case .marker(let m) = $0 { return m } else { return nil } }
            for m in markers where scene.frame.contains(m.center) {
                let r = Rect(x: m.center.x - m.radius, y: m.center.y - m.radius, width: 2 * m.radius, height: 2 * m.radius)
                for (text, b) in boxes { XCTAssertFalse(b.intersects(r), "label \(text) covers a marker at \(width)") }
            }
            for (text, b) in boxes { XCTAssertTrue(scene.frame.contains(b), "label \(text) leaves the frame") }
        }
    }

    func testExampleMapLabelsItsPlacesRiverAndCountries() throws {
        let scene = try exampleScene()
        let placeLabels = Set(scene.labels.filter { $0.kind == .place }.map(\.text))
        XCTAssertTrue(placeLabels.isSuperset(of: ["Manbij", "Marea", "Azaz", "Falluja", "Baghdad", "Raqqa"]), "\(placeLabels)")
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
        XCTAssertEqual(labels, ["Place named, no control stated", "ISIS", "SDF", "Syrian rebels", "Iraqi government",
                                "Contested (both sides)", "Changed in these events", "SDF advance",
                                "Approximate position, placed from the text", "River", "Lake or reservoir", "International border",
                                "Measured stretch (checks below the map)", "Measured straight distance", "Country the article is about"])
        // Each actor in the legend is drawn in its colour.
        let markers = scene.items.compactMap { if case .marker(let m) = $0 { return m } else { return nil } }
        let catalog = try Fixtures.frontline().actors
        for e in scene.legend {
            guard let actor = catalog.actors.first(where: { $0.label == e.label }) else { continue }
            XCTAssertTrue(markers.filter { scene.frame.contains($0.center) }.count > 0)
            let inMap = scene.items.contains { item in
                if case .marker(let m) = item { return m.fill == actor.fill || m.split == actor.fill || m.ring == actor.fill }
                if case .path(_, true, let s) = item { return s.fill == actor.fill }
                return false
            }
            XCTAssertTrue(inMap, "\(e.label) is in the legend but not on the map")
        }
        // Every legend line symbol appears in the map with the same style.
        for e in scene.legend {
            if case .line(let style) = e.symbol {
                XCTAssertTrue(scene.items.contains { if case .path(_, false, let s) = $0 { return s == style } else { return false } }, e.label)
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
        XCTAssertLessThan(g.distance(marea, kafr.coordinate) + g.distance(kafr.coordinate, azaz) - g.distance(marea, azaz), 200)
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
