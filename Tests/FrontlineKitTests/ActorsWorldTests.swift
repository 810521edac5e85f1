import XCTest

@testable import FrontlineKit

/// The actors of today's wars (Shapes/actors/*.json): each conflict's actors by full name, abbreviation and
/// description; descriptions several wars share resolved by the article's countries, never another
/// country's actor; the data's colours and shapes told apart within each conflict. The articles are
/// written for these tests.
final class ActorsWorldTests: XCTestCase {
    /// The (actor, place) pairs of an article's claims.
    func pairs(_ title: String, _ body: String) throws -> Set<String> {
        let f = try Fixtures.frontline()
        let doc = f.claimsDocument(for: Article(name: "t", text: "\(title)\n\n\(body)\n"))
        return Set(doc.controlClaims.map { "\($0.actor) \($0.location)" })
    }

    /// One article a conflict, in its countries' places: the actor ids its claims get (by full name,
    /// abbreviation and description).
    static let articles: [(conflict: String, title: String, body: String, expected: [String])] = [
        (
            "Ukraine", "Fighting in eastern Ukraine",
            "Russian troops captured Mariupol after a siege of nearly three months. The Armed Forces of Ukraine "
                + "said Kyiv's troops still held Zaporizhzhia. The AFU said Russia's army was advancing on Kharkiv.",
            ["russia Mariupol", "ukraine Zaporizhzhia", "russia Kharkiv"]
        ),
        (
            "Sudan", "War in Sudan",
            "The Rapid Support Forces captured El Fasher after besieging it for a year. The paramilitaries "
                + "captured Nyala in October. Government forces recaptured Omdurman in March. The SAF holds "
                + "Port Sudan.",
            ["rsf El Fasher", "rsf Nyala", "saf Omdurman", "saf Port Sudan"]
        ),
        (
            "Gaza and Lebanon", "Fighting in Gaza and Lebanon",
            "Israeli troops entered Rafah on Tuesday. Hamas fighters still hold Khan Younis. The IDF captured "
                + "Beit Hanoun. The army entered Jabalia a week later. Hezbollah fighters hold Tyre.",
            ["idf Rafah", "hamas Khan Younis", "idf Beit Hanoun", "idf Jabalia", "hezbollah Tyre"]
        ),
        (
            "Yemen", "War in Yemen",
            "The Houthis captured Sanaa in 2014. Government forces hold Aden. Ansar Allah fighters besieged "
                + "Taiz. The rebels seized Hodeidah.",
            ["houthis Sanaa", "yemen-government Aden", "houthis Taiz", "houthis Hodeidah"]
        ),
        (
            "Libya", "War in Libya",
            "The Libyan National Army captured Benghazi in 2017. Haftar's forces besieged Tripoli in 2019. GNA "
                + "forces still hold Tripoli. Government forces hold Misrata.",
            ["lna Benghazi", "lna Tripoli", "gna Tripoli", "gna Misrata"]
        ),
        (
            "Myanmar", "War in Myanmar",
            "The People's Defence Force besieged Mandalay in March. The army still holds Yangon. Resistance "
                + "fighters advanced on Yangon, and the junta withdrew from Mandalay.",
            ["myanmar-resistance Mandalay", "tatmadaw Yangon", "myanmar-resistance Yangon", "tatmadaw Mandalay"]
        ),
        (
            "eastern Congo", "War in eastern Congo",
            "M23 rebels captured Goma in January. The FARDC withdrew from Bukavu. The rebels entered Bukavu days "
                + "later. Congolese troops still hold Uvira.",
            ["m23 Goma", "fardc Bukavu", "m23 Bukavu", "fardc Uvira"]
        ),
        (
            "Nagorno-Karabakh", "War over Nagorno-Karabakh",
            "Azerbaijani forces captured Shusha in November. Armenian troops withdrew from Fuzuli. Karabakh "
                + "Armenian forces still hold Goris.",
            ["azerbaijan Shusha", "armenia Fuzuli", "artsakh Goris"]
        ),
        (
            "Ethiopia", "War in Ethiopia",
            "Tigrayan forces captured Mekelle in June. The ENDF withdrew from Mekelle. Government forces hold "
                + "Bahir Dar. The rebels captured Dessie.",
            ["tplf Mekelle", "endf Mekelle", "endf Bahir Dar", "tplf Dessie"]
        ),
        (
            "Mali", "War in Mali",
            "JNIM fighters besieged Bamako's outskirts. The jihadists captured Sikasso. FAMa troops recaptured "
                + "Sikasso days later. The junta holds Bamako.",
            ["jnim Bamako", "jnim Sikasso", "mali-army Sikasso", "mali-army Bamako"]
        ),
    ]

    func testEachConflictsArticle() throws {
        for a in Self.articles {
            let got = try pairs(a.title, a.body)
            for e in a.expected { XCTAssertTrue(got.contains(e), "\(a.conflict): \(e) not in \(got.sorted())") }
        }
    }

    func testGovernmentForcesAreTheArticlesCountrys() throws {
        XCTAssertTrue(
            try pairs("War in Syria", "Government forces recaptured Aleppo in December.").contains(
                "syrian-government Aleppo"))
        XCTAssertTrue(
            try pairs("War in Sudan", "Government forces recaptured Omdurman in March.").contains("saf Omdurman"))
        XCTAssertTrue(try pairs("War in Syria", "Rebels still hold Idlib.").contains("rebels Idlib"))
    }

    /// A description no actor of the article's countries answers to is kept as written and drawn neutral.
    func testUnknownGroupKeptAsWrittenAndNeutral() throws {
        let f = try Fixtures.frontline()
        let a = Article(name: "t", text: "Fighting in Mozambique\n\nGovernment forces still hold Maputo.\n")
        let doc = f.claimsDocument(for: a)
        let claim = try XCTUnwrap(doc.controlClaims.first { $0.location == "Maputo" })
        XCTAssertEqual(claim.actor, "unlisted:Government forces")
        XCTAssertNil(f.actors.actor(id: claim.actor))
        XCTAssertEqual(f.actors.label(of: claim.actor), "Government forces")
        XCTAssertEqual(doc.claims.first { $0.location == "Maputo" }?.actor_label, "Government forces")
        let state = try XCTUnwrap(doc.states.first { $0.controller == claim.actor })
        let grey = RGBA(0.1, 0.1, 0.1)
        var m = MarkerItem(
            center: Point(x: 0, y: 0), radius: 4, shape: .dot, fill: grey, outline: grey, outlineWidth: 1)
        let layer = ControlLayer(claims: doc.controlClaims, states: doc.states, actors: f.actors)
        layer.style(&m, state: state, style: MapStyle(width: 1600))
        XCTAssertEqual(m.fill, RGBA(hex: "#b3b3b8"), "an actor not in the catalogue is drawn neutral")
        XCTAssertEqual(m.symbol, .circle)
        let legend = layer.legend(states: doc.states, arrows: [], style: MapStyle(width: 1600)).map(\.label)
        XCTAssertTrue(legend.contains("Government forces (not in the catalogue)"), "\(legend)")
        // A claims file with it reads back as it was written.
        let dir = try Fixtures.tempDir()
        try doc.json().write(toFile: dir + "/c.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try ClaimsDocument.read(path: dir + "/c.json", actors: f.actors), doc)
    }

    /// The matching itself, with a given country context.
    func testResolutionByCountryContext() throws {
        let actors = try Fixtures.frontline().actors
        let cases: [(String, [String], String)] = [
            ("government forces", ["SD"], "saf"), ("government forces", ["SY"], "syrian-government"),
            ("government forces", ["IQ"], "iraqi-government"), ("the army", ["MM"], "tatmadaw"),
            ("the military", ["MM"], "tatmadaw"), ("the junta", ["ML"], "mali-army"), ("rebels", ["CD"], "m23"),
            ("the rebels", ["SY"], "rebels"), ("the rebels", ["YE"], "houthis"), ("the paramilitaries", ["SD"], "rsf"),
            ("the militants", ["PS"], "hamas"), ("the militants", ["IQ"], "isis"), ("jihadists", ["ML"], "jnim"),
            ("Russia", ["UA"], "russia"), ("Russia", ["SY"], "russia"), ("Russia", ["FR"], "russia"),
            ("coalition", ["YE"], "saudi-coalition"), ("coalition", ["IQ"], "us-coalition"),
            ("Kyiv's troops", [], "ukraine"), ("RSF", [], "rsf"), ("Sudanese Armed Forces", [], "saf"),
            ("government forces", ["FR"], "unlisted:government forces"), ("the army", [], "unlisted:the army"),
            ("government forces", ["FR", "SD"], "saf"),
        ]
        for (name, context, id) in cases {
            XCTAssertEqual(actors.resolve(name: name, context: context), id, "\(name) in \(context)")
        }
    }

    /// Each conflict's file: every actor has its countries; within a conflict the colours differ, and the
    /// combatants' shapes do too; a description several wars share is never a plain name.
    func testConflictFilesTellTheirActorsApart() throws {
        let dir = Fixtures.shapes + "/actors"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 10)
        let shared: Set<String> = [
            "government forces", "the army", "army", "rebels", "the military", "security forces", "the militants",
            "militants", "jihadists",
        ]
        let base = try ActorCatalog.load(path: Fixtures.shapes + "/actors.json").actors
        var ids = Set(base.map(\.id))
        for (file, actors) in try [("actors.json", base)]
            + files.map { ($0, try ActorCatalog.load(path: dir + "/" + $0).actors) }
        {
            XCTAssertEqual(Set(actors.map(\.colour)).count, actors.count, "\(file): colours repeat")
            if file != "actors.json" {  // Syria and Iraq keep the shapes of their maps
                let combatants = actors.filter { $0.role == .combatant }
                XCTAssertEqual(Set(combatants.map(\.shape)).count, combatants.count, "\(file): shapes repeat")
                for a in actors { XCTAssertTrue(ids.insert(a.id).inserted, "\(file): id \(a.id) again") }
            }
            for a in actors {
                XCTAssertFalse(a.contextCountries.isEmpty, "\(file): \(a.id) has no countries")
                let plain = Set(a.names.map { $0.lowercased() }).intersection(shared)
                XCTAssertTrue(plain.isEmpty, "\(file): \(a.id) has \(plain.sorted()) as names, not descriptions")
            }
        }
    }
}
