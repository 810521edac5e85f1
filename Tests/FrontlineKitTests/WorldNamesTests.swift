import XCTest

@testable import FrontlineKit

/// Names of worldwide news: peoples' names, names opened by a common word, divisions named bare, the
/// state a local paper names. Every gazetteer here is made up.
final class WorldNamesTests: XCTestCase {
    func entry(
        _ id: String, _ name: String, _ lat: Double, _ lon: Double, _ country: String, _ kind: PlaceKind,
        population: Int = 0, alternates: [String] = []
    ) -> GazetteerEntry {
        GazetteerEntry(
            id: id, name: name, coordinate: LonLat(lon: lon, lat: lat), country: country, kind: kind,
            population: population, alternates: alternates, source: "test")
    }

    func resolve(_ body: String, title: String, _ entries: [GazetteerEntry]) -> PlaceResolution {
        var g = Gazetteer()
        entries.forEach { g.add($0) }
        return PlaceResolver(gazetteer: g).resolve(Article(name: "t", text: "\(title)\n\n\(body)\n"))
    }

    var zembla: [GazetteerEntry] {
        [
            entry("country:ZB", "Zembla", 50, 20, "ZB", .country, population: 9_000_000, alternates: ["Zemblan"]),
            // A smaller country that lists the same people's name must not take it.
            entry("country:ZI", "Zembla Isles", 10, 150, "ZI", .country, population: 50_000, alternates: ["Zemblan"]),
            entry("t:kolvar", "Kolvar", 50.2, 20.3, "ZB", .city, population: 300_000),
        ]
    }

    /// "Zemblan farmers", "Zemblans": an associative mention of the most populous country so called,
    /// reported apart from the places and never drawn.
    func testAPeoplesNameIsAnAssociativeMentionOfItsCountryNeverAPlace() {
        var g = Gazetteer()
        zembla.forEach { g.add($0) }
        let article = Article(
            name: "t",
            text: "Protest in Kolvar\n\nZemblan farmers protested in Kolvar on Monday. Later the Zemblans "
                + "marched again.\n")
        let r = PlaceResolver(gazetteer: g).resolve(article)
        XCTAssertEqual(r.places.map(\.text), ["Kolvar"])
        XCTAssertEqual(r.associative.map(\.entry.id), ["country:ZB"])
        XCTAssertEqual(r.associative.first?.mentions.count, 2, "the singular and the plural are one country")
        XCTAssertFalse(r.points.contains { $0.entry.kind == .country })
        let report = PlacesReport(article: article, resolution: r, offMap: [])
        XCTAssertEqual(report.document.metonyms.map(\.role), ["demonym"])
    }

    /// A capitalised word ending in s whose singular is no country's name as spelt is not a people.
    func testAWordEndingInSIsAPeopleOnlyWhenItsSingularIsSpeltSo() {
        let r = resolve("Zemblani said the talks failed. Zemblanis agreed.", title: "Talks", zembla)
        XCTAssertTrue(r.associative.isEmpty, "\(r.associative.map(\.text))")
    }

    /// A common opening word ("New", "The") starts a name only when an entry's own name keeps it.
    func testACommonOpeningWordStartsOnlyALongerOwnName() {
        let entries = [
            entry("t:new-varden", "New Varden", 40, -75, "US", .city, population: 800_000),
            entry("t:varden", "Varden", 54, -1, "GB", .city, population: 200_000),
            entry("t:ovrax", "Ovrax Falls", 37, -80, "US", .city, population: 100_000, alternates: ["The Ovrax"]),
        ]
        let r = resolve("Flights to New Varden resumed. The Ovrax met on Monday.", title: "Flights", entries)
        XCTAssertEqual(r.places.map(\.entry.id), ["t:new-varden"])
        let r2 = resolve("New Varden is large.", title: "City", entries)
        XCTAssertEqual(r2.places.map(\.text), ["New Varden"], "at a sentence's start too")
    }

    /// A first-level division named bare by its own name is the division, unless a town is the name's
    /// likelier owner: a city of 50,000, or a town of its country within 300 km (the seat it is named after).
    func testABareDivisionNameIsTheDivisionUnlessATownOwnsIt() {
        let base = [
            entry("country:ZB", "Zembla", 50, 20, "ZB", .country, population: 9_000_000),
            entry("t:kolvar", "Kolvar", 50.2, 20.3, "ZB", .city, population: 300_000),
            entry("division:ZB-1", "Ostmark", 48, 25, "ZB", .region),
            entry("t:ostmark", "Ostmark", 56, 5, "ZB", .town, population: 9000),
            entry("division:ZB-2", "Dravik", 52, 18, "ZB", .region),
            entry("t:dravik", "Dravik", 52.3, 18.2, "ZB", .town, population: 12000),
        ]
        let body = "Zembla held a vote. Kolvar was calm. Ostmark voters backed the plan. Dravik stayed home."
        let r = resolve(body, title: "Zembla votes", base)
        XCTAssertEqual(r.places.first { $0.text == "Ostmark" }?.entry.id, "division:ZB-1")
        XCTAssertEqual(r.places.first { $0.text == "Dravik" }?.entry.id, "t:dravik")
    }

    /// A continent ("Ostara") and its adjective ("Ostaran") are associative mentions, never drawn.
    func testAContinentAndItsAdjectiveAreNamedNeverDrawn() {
        let entries = [
            entry("continent:OS", "Ostara", 10, 20, "", .continent, alternates: ["Ostaran"]),
            entry("t:ostara", "Ostara", 40, -90, "US", .village, population: 800),
        ]
        let r = resolve("Aid for Ostara grew. Ostaran leaders met on Monday.", title: "Aid", entries)
        XCTAssertTrue(r.places.isEmpty, "\(r.places.map(\.text))")
        XCTAssertEqual(r.associative.map(\.entry.id), ["continent:OS"])
        XCTAssertEqual(r.associative.first?.mentions.count, 2)
    }

    /// A division named bare by its own name is known by it even where its country is not the article's
    /// ("Kelmar police said"), but not when it is named after a body of water ("Grey Sea") or its name is
    /// a common word in British spelling ("Centre").
    func testABareDivisionIsKnownByNameUnlessNamedAfterWaterOrACommonWord() {
        let entries = [
            entry("division:ZB-3", "Kelmar", 48, 25, "ZB", .region),
            entry("division:ZB-4", "Grey Sea", 45, 30, "ZB", .region),
            entry("division:ZB-5", "Centre", 44, 28, "ZB", .region),
        ]
        let r = resolve(
            "Kelmar police said the road was shut. Grey Sea fishermen left. Centre officials agreed.", title: "Roads",
            entries)
        XCTAssertEqual(r.places.map(\.entry.id), ["division:ZB-3"])
        XCTAssertEqual(PlaceResolver.britishVariants("centre"), ["center"])
    }

    /// A given name before a capitalised word makes that word a surname throughout the article ("Darren
    /// Ripley" ... "Ripley said"), also after an initial; not a word that ends place names ("Madison County")
    /// nor two words the gazetteer knows together ("Virginia Beach").
    func testAGivenNameMakesTheNextWordASurnameThroughoutTheArticle() {
        let entries = [
            entry("country:US", "United States", 39.76, -98.5, "US", .country, population: 300_000_000),
            entry("t:ripley", "Ripley", 35.7, -89.5, "US", .town, population: 8000),
            entry("t:quorvin", "Quorvin", 42.2, -83.3, "US", .town, population: 60000),
            entry("t:madison", "Madison", 43.1, -89.4, "US", .city, population: 250_000),
            entry("division:madison-county", "Madison County", 43.0, -89.5, "US", .region),
            entry("t:virginia-beach", "Virginia Beach", 36.9, -76.0, "US", .city, population: 450_000),
        ]
        let body =
            "Coach Darren Ripley said the team won. Ripley was happy. Jon R. Quorvin spoke later. Quorvin "
            + "agreed. Voters in Madison County and Virginia Beach went to the polls."
        let r = resolve(body, title: "United States sports", entries)
        let texts = Set(r.places.map(\.text))
        XCTAssertFalse(texts.contains("Ripley"), "\(texts)")
        XCTAssertFalse(texts.contains("Quorvin"), "\(texts)")
        XCTAssertTrue(texts.contains("Virginia Beach"), "\(texts)")
        XCTAssertTrue(texts.contains { $0.hasPrefix("Madison") }, "\(texts)")
    }

    /// A city whose name only folds like a division's ("Huai'an" for "Hawaii") does not take the division's
    /// bare name from it: only a namesake spelt so does. (Names as GeoNames and Natural Earth spell them.)
    func testOnlyANamesakeSpeltSoTakesABareDivisionName() {
        let entries = [
            entry("division:ZB-6", "Hawaii", 20, -156, "ZB", .region),
            entry("t:huaian", "Huai'an", 33.6, 119.0, "CN", .city, population: 2_000_000, alternates: ["huai an"]),
        ]
        var g = Gazetteer()
        entries.forEach { g.add($0) }
        XCTAssertEqual(Set(g.candidates(for: "Hawaii").map(\.entry.id)), ["division:ZB-6", "t:huaian"])
        let r = resolve("She moved to Hawaii last year.", title: "Moving", entries)
        XCTAssertEqual(r.places.map(\.entry.id), ["division:ZB-6"], "\(r.unresolved.map(\.reason))")
    }

    /// "Town, Division": the division named after a comma places the town among its namesakes (the nearest
    /// to the division's middle), and the name is then the division, not a country so called.
    func testADivisionAfterACommaPlacesTheTownAndIsTheDivision() {
        let entries = [
            entry("country:GQ", "Velmora", 42, 43.5, "GQ", .country, population: 3_700_000),
            entry("division:ZB-7", "Velmora", 32.7, -83.4, "ZB", .region),
            entry("division:ZB-8", "Tassia", 28.7, -82.5, "ZB", .region),
            entry("t:brenton-v", "Brenton", 34.3, -83.8, "ZB", .town, population: 40000),
            entry("t:brenton-t", "Brenton", 29.6, -82.3, "ZB", .city, population: 130_000),
        ]
        let r = resolve("She grew up in Brenton, Velmora, and later moved away.", title: "A life", entries)
        XCTAssertEqual(r.places.first { $0.text == "Brenton" }?.entry.id, "t:brenton-v")
        XCTAssertEqual(r.places.first { $0.text == "Velmora" }?.entry.id, "division:ZB-7")
    }

    /// A common English word names a place only by that place's own name ("Section" may be the town of
    /// Section), never by an alternate or a loose spelling ("However" is no "Hovever Springs").
    func testACommonWordNamesAPlaceOnlyByItsOwnName() {
        let entries = [
            entry("country:US", "United States", 39.76, -98.5, "US", .country, population: 300_000_000),
            entry("t:hovever", "Hovever Springs", 35.0, -85.0, "US", .town, population: 20000, alternates: ["However"]),
            entry("t:section", "Section", 34.6, -85.98, "US", .town, population: 20000),
            entry("t:kolby", "Kolby", 34.7, -85.9, "US", .town, population: 20000),
        ]
        let body = "Storms hit Kolby in the United States. However, the roads near Section stayed open."
        let r = resolve(body, title: "Storms in the United States", entries)
        let ids = Set(r.places.map(\.entry.id))
        XCTAssertFalse(ids.contains("t:hovever"), "\(ids)")
        XCTAssertTrue(ids.contains("t:section"), "\(ids)")
    }

    /// A division or neighbourhood noun alone ("District 9", "the State") names no place, listed or not.
    func testADivisionNounAloneNamesNoPlace() {
        let entries = [entry("t:district", "District", 60.4, 22.3, "FI", .village, population: 600)]
        let r = resolve("Voters in District 9 backed the plan. The State appealed.", title: "Votes", entries)
        XCTAssertTrue(r.places.isEmpty && r.unresolved.isEmpty, "\(r.places.map(\.text)) \(r.unresolved.map(\.text))")
    }

    /// A country or division opening an organisation's name ("Ostmark State University", "the Zemblan
    /// Army") is an associative mention of it, apart from the place's own mentions and never drawn.
    func testAPlaceOpeningABodysNameIsAnAssociativeMention() {
        let entries = [
            entry("country:ZB", "Zembla", 50, 20, "ZB", .country, population: 9_000_000, alternates: ["Zemblan"]),
            entry("division:ZB-1", "Ostmark", 48, 25, "ZB", .region),
        ]
        let r = resolve(
            "The Ostmark State University and the Zemblan Army signed a deal.", title: "A deal", entries)
        XCTAssertTrue(r.places.isEmpty, "\(r.places.map(\.text))")
        XCTAssertEqual(Set(r.associative.map(\.entry.id)), ["division:ZB-1", "country:ZB"])
    }
}
