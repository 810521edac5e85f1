import XCTest
@testable import FrontlineKit

final class PlacesTests: XCTestCase {
    func testGazetteerLooksUpPlacesRiversCountriesAndBorders() throws {
        let g = try Fixtures.frontline().gazetteer
        let manbij = try XCTUnwrap(g.lookup("Manbij").first { $0.country == "SY" })
        XCTAssertEqual(manbij.coordinate.lat, 36.528, accuracy: 0.02)
        XCTAssertEqual(manbij.coordinate.lon, 37.955, accuracy: 0.02)
        XCTAssertTrue(manbij.source.contains("GeoNames"))
        let euphrates = try XCTUnwrap(g.lookup("Euphrates River").first { $0.kind == .river })
        XCTAssertEqual(euphrates.shape, "rivers.shp:NAME=Euphrates")
        XCTAssertEqual(g.lookup("Syria").first { $0.kind == .country }?.country, "SY")
        XCTAssertTrue(g.lookup("Syrian-Turkish border").contains { $0.kind == .border })
    }

    func testSpellingVariantsShareAKey() {
        // Each group must fold to one key, strict or loose.
        let groups = [["Falluja", "Fallujah", "Al-Fallujah", "Fallouja"], ["Marea", "Mare'", "Mari'", "Māri‘"],
                      ["Azaz", "A'zaz", "I'zaz", "Aazaz", "I‘zāz"], ["Raqqa", "Raqqah", "Ar-Raqqa", "Rakka", "Ar Raqqah"],
                      ["Manbij", "Menbij", "Membij"], ["Jarabulus", "Jarablus", "Jarābulus"],
                      ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr"], ["Kobani", "Kobane", "Kobanî"],
                      ["Abu Kamal", "Albu Kamal", "Bukamal", "Ālbū Kamāl"], ["Tell Abyad", "Tal Abyad", "Tall Abyaḑ"]]
        for g in groups {
            let strict = Set(g.map(PlaceNameNormalizer.key))
            let loose = Set(g.map(PlaceNameNormalizer.skeleton))
            XCTAssertTrue(strict.count == 1 || loose.count == 1, "\(g) → \(strict) / \(loose)")
        }
        XCTAssertEqual(PlaceNameNormalizer.key("Deir ez-Zor"), PlaceNameNormalizer.key("Dayr az Zawr"))
        XCTAssertEqual(PlaceNameNormalizer.key("Falluja"), PlaceNameNormalizer.key("Al-Fallujah"))
        XCTAssertNotEqual(PlaceNameNormalizer.key("Manbij"), PlaceNameNormalizer.key("Mosul"))
        XCTAssertNotEqual(PlaceNameNormalizer.skeleton("Manbij"), PlaceNameNormalizer.skeleton("Mosul"))
        XCTAssertEqual(PlaceNameNormalizer.key("منبج"), "", "other scripts are not indexed")
    }

    func testOrganisationsPeopleAndShorthandAreNotPlaces() throws {
        let f = try Fixtures.frontline()
        let a = Article(name: "t", text: """
        Test

        A spokesman for the Manbij Military Council said the Syria Democratic Forces held the line. \
        A pro-Damascus newspaper reported it. Observatory Director Rami Abdulrahman spoke in Manbij.
        """)
        let names = f.places(in: a).places.map(\.text)
        XCTAssertEqual(names, ["Manbij"])
        XCTAssertEqual(f.places(in: a).places.first?.mentions.count, 1)
    }

    func testExampleArticlePlacesResolveToTheirTruePositions() throws {
        let f = try Fixtures.frontline()
        let a = try Article.load(path: Fixtures.exampleArticle)
        let r = f.places(in: a)
        let expected: [String: LonLat] = [
            "Manbij": LonLat(lon: 37.955, lat: 36.528), "Marea": LonLat(lon: 37.20, lat: 36.48),
            "Azaz": LonLat(lon: 37.048, lat: 36.586), "Falluja": LonLat(lon: 43.78, lat: 33.35),
            "Baghdad": LonLat(lon: 44.40, lat: 33.34), "Raqqa": LonLat(lon: 39.01, lat: 35.95),
            "Jarabulus": LonLat(lon: 38.011, lat: 36.817),
        ]
        for (name, truth) in expected {
            let p = try XCTUnwrap(r.places.first { $0.text == name }, "\(name) not found")
            XCTAssertLessThan(Geodesic.wgs84.distance(p.coordinate, truth), 5_000, "\(name) at \(p.coordinate)")
        }
        XCTAssertEqual(Array(r.focusCountries.prefix(2)).sorted(), ["IQ", "SY"])
        XCTAssertTrue(r.places.contains { $0.kind == .river && $0.entry.name == "Euphrates" })
        XCTAssertTrue(r.places.contains { $0.text == "Kafr Kalbin" && $0.approximate })
    }
}
