import XCTest

@testable import FrontlineKit

/// The project's own articles of other fronts, each with the places a reader finds in it
/// (Tests/Cases/<name>/expected-places.json): every place found within 5 km, nothing else taken for a place.
final class ArticleCasesTests: XCTestCase {
    struct Expected: Decodable {
        struct Place: Decodable {
            var text: String
            var country: String?
            var lat: Double
            var lon: Double
        }
        var places: [Place]
        var countries: [String]?
        var rivers: [String]?
        var borders: [String]?
        var notPlaces: [String]?
        var missing: [Place]?
    }

    func check(_ name: String) throws {
        let f = try Fixtures.frontline()
        let article = try Article.load(path: Fixtures.examples + "/\(name).txt")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: Fixtures.cases + "/\(name)/expected-places.json"))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let r = f.places(in: article)
        for e in expected.places {
            let p = try XCTUnwrap(r.places.first { $0.text == e.text }, "\(name): \(e.text) not found")
            XCTAssertLessThan(
                Geodesic.wgs84.distance(p.coordinate, LonLat(lon: e.lon, lat: e.lat)), 5_000, "\(name): \(e.text)")
            XCTAssertEqual(p.entry.country, e.country, "\(name): \(e.text)")
        }
        // Nothing else is a point place, and what is missing from the gazetteer is not put somewhere wrong.
        let allowed = Set(expected.places.map(\.text))
        for p in r.points where !p.approximate {
            XCTAssertTrue(allowed.contains(p.text), "\(name): \(p.text) reported as a place")
        }
        for m in expected.missing ?? [] {
            if let p = r.places.first(where: { $0.text == m.text }) {
                XCTAssertTrue(p.approximate, "\(name): \(m.text) must be approximate")
                XCTAssertLessThan(
                    Geodesic.wgs84.distance(p.coordinate, LonLat(lon: m.lon, lat: m.lat)), 10_000, "\(name): \(m.text)")
            }
        }
        for n in expected.notPlaces ?? [] {
            XCTAssertFalse(r.places.contains { $0.text == n }, "\(name): \(n) is not a place")
        }
        for river in expected.rivers ?? [] {
            XCTAssertTrue(r.places.contains { $0.kind == .river && $0.entry.name == river }, "\(name): river \(river)")
        }
        for b in expected.borders ?? [] {
            XCTAssertTrue(
                r.places.contains { $0.kind == .border && $0.entry.id == "border:\(b)" }, "\(name): border \(b)")
        }
    }

    func testJarabulus() throws { try check("jarabulus-2016") }
    func testAlBab() throws { try check("al-bab-2017") }
    func testTabqaAndRaqqa() throws { try check("tabqa-raqqa-2017") }
    func testDeirEzZor() throws { try check("deir-ez-zor-2017") }
    func testMosul() throws { try check("mosul-2016") }
    func testManbijMareaFalluja() throws {
        let r = try Fixtures.frontline().places(in: try Article.load(path: Fixtures.exampleArticle))
        XCTAssertEqual(
            Set(r.points.map(\.text)),
            [
                "Manbij", "Jarabulus", "Marea", "Azaz", "Kilis", "Falluja", "Baghdad", "Raqqa", "Tell Abyad",
                "Kafr Kalbin",
            ])
        XCTAssertTrue(r.places.first { $0.text == "Kafr Kalbin" }?.approximate ?? false)
    }
}
