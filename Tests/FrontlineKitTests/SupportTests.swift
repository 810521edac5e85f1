import CProj
import XCTest

@testable import FrontlineKit

/// The support layer: PROJ loaded without its database, and the parallel helpers.
final class SupportTests: XCTestCase {
    // MARK: PROJ without its database

    func testPROJOpenedOrSaidWhyNot() throws {
        // The load gives PROJ's functions; a library that cannot be opened is named in one line.
        XCTAssertEqual(Int(try ProjLibrary.api().info().major), Int(PROJ_VERSION_MAJOR))
        guard case .failure(let e) = ProjLibrary.open(["libfrontline-no-such-proj.so"], reasons: ["earlier: no"]) else {
            return XCTFail("a missing library opened")
        }
        let message = "\(e)"
        XCTAssertTrue(message.contains("libfrontline-no-such-proj.so"), message)
        XCTAssertTrue(message.contains("earlier: no") && message.contains("apt-get install libproj-dev"), message)
        XCTAssertFalse(message.contains("\n"))
        guard case .success(let api) = ProjLibrary.open(["libfrontline-no-such-proj.so", "libproj.so.25"], reasons: [])
        else {
            return XCTFail("libproj.so.25 did not open after a missing library")
        }
        XCTAssertEqual(Int(api.info().major), Int(PROJ_VERSION_MAJOR))
    }

    func testPROJGeodesicsMatchGeographicLib() throws {
        let api = try ProjLibrary.api()
        var g = geod_geodesic()
        api.geod_init(&g, 6_378_137, 1 / 298.257223563)
        var s12 = 0.0, a1 = 0.0, a2 = 0.0
        api.geod_inverse(&g, 36.53, 38.01, 33.35, 43.78, &s12, &a1, &a2)
        // GeographicLib (Python package 2.1) gives 634,080.838 m, azimuth 122.1139° for the same two points.
        XCTAssertEqual(s12, 634_080.838, accuracy: 0.001)
        XCTAssertEqual(a1, 122.11388, accuracy: 0.00001)
    }

    func testProjectionsWithoutTheDatabaseMatchPROJsOwn() throws {
        // The pool's contexts keep PROJ from opening proj.db; a context left to PROJ's defaults (which
        // opens it) must project every point to the same metres, both ways.
        let api = try ProjLibrary.api()
        let plain = try XCTUnwrap(api.context_create())
        defer { api.context_destroy(plain) }
        api.log_func(plain, nil) { _, _, _ in }
        let box = GeoBox(minLon: 35, minLat: 29, maxLon: 49, maxLat: 39)
        let points = [
            LonLat(lon: 38.01, lat: 36.53), LonLat(lon: 43.78, lat: 33.35), LonLat(lon: 35.2, lat: 29.4),
            LonLat(lon: 48.9, lat: 38.8),
        ]
        for p in [try Projection.conformal(for: box), try Projection.equidistant(around: LonLat(lon: 40.1, lat: 35.3))]
        {
            let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(p.definition)"
            let reference = try XCTUnwrap(api.create(plain, pipeline))
            defer { _ = api.destroy(reference) }
            for q in points {
                var c = PJ_COORD()
                c.xy.x = q.lon
                c.xy.y = q.lat
                let r = api.trans(reference, PJ_FWD, c)
                let ours = try XCTUnwrap(p.forward(q))
                XCTAssertEqual(ours.x, r.xy.x, accuracy: 1e-6, "\(p.definition) at \(q)")
                XCTAssertEqual(ours.y, r.xy.y, accuracy: 1e-6, "\(p.definition) at \(q)")
                let back = try XCTUnwrap(p.inverse(ours))
                XCTAssertEqual(back.lon, q.lon, accuracy: 1e-9)
                XCTAssertEqual(back.lat, q.lat, accuracy: 1e-9)
            }
        }
    }

    // MARK: parallel helpers

    func testParallelWorkKeepsOrderAndReportsErrors() throws {
        XCTAssertEqual(try Parallel.map(Array(0..<50)) { $0 * $0 }, (0..<50).map { $0 * $0 })
        // Work inside work: each outer item runs an inner map (the waiting thread runs queued jobs).
        XCTAssertEqual(
            try Parallel.map([3, 1, 2]) { n in try Parallel.map(Array(0..<n)) { "\(n).\($0)" }.joined(separator: ",") },
            ["3.0,3.1,3.2", "1.0", "2.0,2.1"])
        XCTAssertEqual(
            try Parallel.both({ try Parallel.both({ 1 }, { 2 }) }, { try Parallel.map([3, 4]) { $0 } }).1, [3, 4])
        let (a, b) = try Parallel.both({ "left" }, { 42 })
        XCTAssertEqual(a, "left")
        XCTAssertEqual(b, 42)
        XCTAssertThrowsError(
            try Parallel.map([1, 2, 3]) { x -> Int in
                if x == 2 { throw FrontlineError.usage("two") }
                return x
            })
        XCTAssertThrowsError(try Parallel.both({ 1 }, { () throws -> Int in throw FrontlineError.usage("right") }))
    }

    // MARK: text tables

    func testTextTableAlignsColumnsAndDropsTrailingSpaces() {
        let rows = [["NAME", "KM", "NOTE"], ["Manbij", "30", ""], ["al-Bab", "8", "approximate"]]
        XCTAssertEqual(
            TextTable(rows).text,
            """
            NAME    KM  NOTE
            Manbij  30
            al-Bab  8   approximate
            """)
        XCTAssertEqual(
            TextTable(rows, alignments: [.left, .right], headerRule: "-").text,
            """
            NAME    KM  NOTE
            ------  --  -----------
            Manbij  30
            al-Bab   8  approximate
            """)
    }

    func testTextTableCountsCharactersAndFillsShortRows() {
        // Widths are in characters: "H\u{327}" (H with a combining cedilla) and "→" take one column each.
        let t = TextTable([["H\u{327}alab", "→", "x"], ["Raqqa"], ["Azaz", "held", "y"]])
        XCTAssertEqual(t.text, "H\u{327}alab  →     x\nRaqqa\nAzaz   held  y")
        XCTAssertEqual(TextTable([]).text, "")
        XCTAssertEqual(TextTable([["only"]]).text, "only")
    }
}
