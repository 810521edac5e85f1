import XCTest
@testable import FrontlineKit

final class BasemapTests: XCTestCase {
    var basemap: Basemap { get throws { try Basemap(directory: Fixtures.shapes) } }

    func testRequiredLayersReadThroughShapelibAndCoverTheRegion() throws {
        let region = GeoBox(minLon: 34, minLat: 28, maxLon: 50, maxLat: 40)
        for layer in Basemap.Layer.allCases {
            let reader = try ShapefileReader(path: try basemap.path(layer))
            XCTAssertGreaterThan(reader.count, 0, "\(layer) is empty")
            let recs = try reader.records(within: region)
            XCTAssertFalse(recs.isEmpty, "\(layer) has nothing in the region")
        }
        let countries = try basemap.records(.countries)
        let isos = Set(countries.compactMap { $0.attributes["ISO_A2"] })
        XCTAssertTrue(isos.isSuperset(of: ["SY", "IQ", "TR", "JO", "LB", "IR", "SA"]), "\(isos)")
        XCTAssertEqual(countries.first { $0.attributes["ISO_A2"] == "SY" }?.attributes["NAME"], "Syria")
    }

    func testEuphratesIsOneContinuousLineOrderedDownstream() throws {
        let rivers = try basemap.records(.rivers)
        let euphrates = rivers.filter { $0.attributes["NAME"] == "Euphrates" }
        XCTAssertEqual(euphrates.count, 1)
        let e = try XCTUnwrap(euphrates.first)
        XCTAssertEqual(e.parts.count, 1, "the Euphrates must be one part")
        let line = e.parts[0]
        // Starts in Turkey (north of the Syrian border), ends near Al-Qurnah at the Shatt al-Arab.
        XCTAssertGreaterThan(line.first!.lat, 37.5)
        let qurnah = LonLat(lon: 47.43, lat: 31.0)
        XCTAssertLessThan(Geodesic.wgs84.distance(line.last!, qurnah), 25_000)
        // Passes Raqqa, Deir ez-Zor and Falluja closely, in that order.
        let checkpoints = [LonLat(lon: 39.01, lat: 35.95), LonLat(lon: 40.14, lat: 35.336), LonLat(lon: 43.78, lat: 33.35)]
        var lastIndex = -1
        for c in checkpoints {
            let (i, d) = line.enumerated().map { ($0.offset, Geodesic.wgs84.distance($0.element, c)) }.min { $0.1 < $1.1 }!
            XCTAssertLessThan(d, 6_000, "Euphrates passes \(d) m from \(c)")
            XCTAssertGreaterThan(i, lastIndex, "checkpoints out of downstream order")
            lastIndex = i
        }
        // No gap between consecutive vertices larger than a lake crossing.
        for k in 1..<line.count {
            XCTAssertLessThan(Geodesic.wgs84.distance(line[k - 1], line[k]), 30_000)
        }
    }

    func testTigrisIsNamedAndContinuous() throws {
        let tigris = try basemap.records(.rivers).filter { $0.attributes["NAME"] == "Tigris" }
        XCTAssertEqual(tigris.count, 1)
        XCTAssertEqual(tigris.first?.parts.count, 1)
        let line = try XCTUnwrap(tigris.first?.parts.first)
        let baghdad = LonLat(lon: 44.40, lat: 33.34)
        XCTAssertLessThan(line.map { Geodesic.wgs84.distance($0, baghdad) }.min()!, 6_000)
    }

    func testBoundaryLinesKnowTheCountriesOnEitherSide() throws {
        let lines = try basemap.records(.boundaries)
        let syTr = lines.filter { Set([$0.attributes["LEFT_ISO"], $0.attributes["RIGHT_ISO"]]) == Set(["SY", "TR"]) }
        XCTAssertFalse(syTr.isEmpty, "no Syria–Turkey border")
        let length = syTr.flatMap(\.parts).map { Geodesic.wgs84.length(of: $0) }.reduce(0, +) / 1000
        // The Syria–Turkey border is 822–911 km by published figures; Natural Earth 10m's
        // generalised line measures about 776 km.
        XCTAssertGreaterThan(length, 740)
        XCTAssertLessThan(length, 950)
    }

    func testLakesIncludeTheReservoirs() throws {
        let names = try basemap.records(.lakes).compactMap { $0.attributes["NAME"] }.joined(separator: "|").lowercased()
        XCTAssertTrue(names.contains("assad") || names.contains("asad"), names)
        XCTAssertTrue(names.contains("tharthar"), names)
        XCTAssertTrue(names.contains("habbaniyah") || names.contains("habbaniya"), names)
    }

    func testMissingAndCorruptShapefilesGiveClearErrors() throws {
        let dir = try Fixtures.tempDir()
        XCTAssertThrowsError(try ShapefileReader(path: dir + "/nothing.shp")) { e in
            XCTAssertEqual((e as? FrontlineError)?.description, "\(dir)/nothing.shp: shapefile not found")
        }
        FileManager.default.createFile(atPath: dir + "/bad.shp", contents: Data(repeating: 7, count: 50))
        FileManager.default.createFile(atPath: dir + "/bad.shx", contents: Data(repeating: 7, count: 50))
        XCTAssertThrowsError(try ShapefileReader(path: dir + "/bad.shp")) { e in
            XCTAssertTrue((e as? FrontlineError)?.description.hasPrefix("\(dir)/bad.shp:") ?? false, "\(e)")
        }
    }
}
