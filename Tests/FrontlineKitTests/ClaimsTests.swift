import XCTest

@testable import FrontlineKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Control claims: actors, actions, phases, attribution, coreference, states, the claims file, symbols.
final class ClaimsTests: XCTestCase {
    func claims(of article: Article) throws -> (doc: ClaimsDocument, claims: [ControlClaim]) {
        let f = try Fixtures.frontline()
        let doc = f.claimsDocument(for: article)
        return (doc, doc.controlClaims)
    }

    func find(
        _ cs: [ControlClaim], _ actor: String, _ action: ControlAction, _ place: String, _ phase: Phase? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> ControlClaim? {
        let c = cs.first {
            $0.actor == actor && $0.action == action && $0.location == place && (phase == nil || $0.phase == phase)
        }
        XCTAssertNotNil(c, "\(actor) \(action.rawValue) \(place) \(phase?.rawValue ?? "")", file: file, line: line)
        return c
    }

    func testActorColoursAreStringsThatSceneTurnsIntoPaint() throws {
        for good in ["#1a1a1a", "#FFFFFF", "1a1a1a", "#1a1a1a80"] { XCTAssertTrue(Actor.isColour(good), good) }
        for bad in ["", "#", "red", "#12345", "#1234567", "#12345g", "#1a1a1a1a1a"] {
            XCTAssertFalse(Actor.isColour(bad), bad)
        }
        let actors = try Fixtures.frontline().actors
        let isis = try XCTUnwrap(actors.actor(id: "isis"))
        XCTAssertEqual(isis.colour, "#1a1a1a")
        XCTAssertEqual(isis.fill, RGBA(hex: "#1a1a1a"))
        XCTAssertEqual(isis.stroke, RGBA(1, 1, 1))
        for a in actors.actors {
            XCTAssertTrue(Actor.isColour(a.colour) && Actor.isColour(a.outline), a.id)
        }
    }

    func testSeedArticleClaims() throws {
        let (doc, cs) = try claims(of: try Fixtures.seed())
        let kafr = find(cs, "rebels", .captured, "Kafr Kalbin", .after)
        XCTAssertEqual(kafr?.time, "on wednesday")
        XCTAssertTrue(kafr?.evidence.sentence.hasPrefix("Rebel fighters in Marea broke the siege") ?? false)
        _ = find(cs, "rebels", .holds, "Marea")
        let siege = find(cs, "isis", .besieged, "Marea", .before)
        XCTAssertEqual(siege?.time, "late last month")
        XCTAssertEqual(siege?.attribution, "rebel sources")
        _ = find(cs, "rebels", .siegeBroken, "Marea", .after)
        let near = find(cs, "isis", .withdrew, "Marea", .after)
        XCTAssertEqual(near?.near, true)
        XCTAssertEqual(near?.attribution, "the Syrian Observatory for Human Rights")
        _ = find(cs, "isis", .holds, "Manbij", .before)
        let outskirts = find(cs, "sdf", .advancing, "Manbij", .after)
        XCTAssertNotNil(outskirts)
        let fled = find(cs, "isis", .withdrew, "Manbij", .after)
        XCTAssertEqual(
            fled?.evidence.sentence.hasPrefix("Darwish said ISIS fighters had fled the city"), true,
            "\"the city\" is Manbij")
        XCTAssertTrue(
            fled?.attribution?.contains("a spokesman for the SDF-allied Manbij Military Council") ?? false,
            fled?.attribution ?? "")
        let azaz = find(cs, "isis", .advancing, "Azaz", .before)
        XCTAssertTrue(
            azaz?.attribution?.contains("Rami Abdulrahman") ?? false,
            "\"they (ISIS)\" in the Observatory director's words")
        _ = find(cs, "isis", .holds, "Falluja", .before)
        _ = find(cs, "iraqi-government", .entered, "Falluja", .after)
        _ = find(cs, "isis", .holds, "Raqqa")
        for c in cs { XCTAssertFalse(c.evidence.sentence.isEmpty) }
        // States after the events: who holds what.
        func after(_ name: String) -> PlaceState? {
            let id = doc.places.first { $0.text == name }?.id
            return doc.states.first { $0.placeID == id && $0.phase == .after }
        }
        XCTAssertEqual(after("Kafr Kalbin")?.status, .recentlyCaptured)
        XCTAssertEqual(after("Kafr Kalbin")?.controller, "rebels")
        XCTAssertEqual(after("Marea")?.status, .held)
        XCTAssertEqual(after("Marea")?.changed, true)
        XCTAssertEqual(after("Falluja")?.status, .contested)
        XCTAssertEqual(after("Falluja")?.opponent, "iraqi-government")
        XCTAssertEqual(after("Manbij")?.status, .withdrawn)
        XCTAssertEqual(after("Manbij")?.advancing, ["sdf"])
        XCTAssertEqual(after("Raqqa")?.controller, "isis")
        let beforeMarea = doc.states.first {
            $0.placeID == doc.places.first { $0.text == "Marea" }?.id && $0.phase == .before
        }
        XCTAssertEqual(beforeMarea?.status, .besieged)
        XCTAssertEqual(beforeMarea?.opponent, "isis")
    }

    struct Expected: Decodable {
        struct C: Decodable {
            var actor: String
            var action: ControlAction
            var place: String
            var phase: Phase
            var sentenceContains: String
        }
        var claims: [C]
    }

    /// The project's own articles with other phrasings: recaptured, retook, fell to, passive voice,
    /// pushed back, encircled, lifted the siege, lost, entered, ISIS-held, under ISIS control.
    func checkOwn(_ name: String, atLeast fraction: Double = 1) throws {
        let article = try Article.load(path: Fixtures.examples + "/claims/\(name).txt")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: Fixtures.cases + "/\(name)/expected-claims.json"))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let (_, cs) = try claims(of: article)
        var missing: [String] = []
        for e in expected.claims {
            let ok = cs.contains {
                $0.actor == e.actor && $0.action == e.action && $0.location == e.place && $0.phase == e.phase
                    && $0.evidence.sentence.contains(e.sentenceContains)
            }
            if !ok {
                missing.append("\(e.actor) \(e.action.rawValue) \(e.place) \(e.phase.rawValue) [\(e.sentenceContains)]")
            }
        }
        let found = Double(expected.claims.count - missing.count) / Double(expected.claims.count)
        XCTAssertGreaterThanOrEqual(found, fraction, "\(name): missing \(missing)")
        // Nothing claimed that the article does not support: every claim's sentence names its place or refers to it.
        for c in cs where !c.inferred {
            XCTAssertTrue(article.text.contains(c.evidence.sentence))
        }
    }

    func testPalmyraRecapturedRetookFellToPassive() throws { try checkOwn("palmyra-2017") }
    func testEastAleppoEncircledLiftedTheSiege() throws { try checkOwn("east-aleppo-2016") }
    func testSawranLostEnteredUnderControl() throws { try checkOwn("dabiq-2016") }

    func testIntentionsAreNotEvents() throws {
        let (_, cs) = try claims(
            of: Article(
                name: "t",
                text: """
                    Fighting in Syria

                    The goal of the offensive is to capture Manbij. Rebels vowed to retake Raqqa. Rebels \
                    managed to besiege Marea on Monday.
                    """))
        XCTAssertFalse(cs.contains { $0.location == "Manbij" || $0.location == "Raqqa" })
        XCTAssertNotNil(find(cs, "rebels", .besieged, "Marea", .after))
    }

    func testClaimsFileRoundTripIsLossless() throws {
        let f = try Fixtures.frontline()
        let doc = f.claimsDocument(for: try Article.load(path: Fixtures.exampleArticle))
        let json = try doc.json()
        let dir = try Fixtures.tempDir()
        try json.write(toFile: dir + "/c.json", atomically: true, encoding: .utf8)
        let back = try ClaimsDocument.read(path: dir + "/c.json", actors: f.actors)
        XCTAssertEqual(back, doc)
        XCTAssertEqual(try back.json(), json)
        // ACLED-like fields are present on every claim.
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try XCTUnwrap((obj["claims"] as? [[String: Any]])?.first)
        for key in [
            "date", "actor", "action", "location", "lat", "lon", "geo_precision", "source", "evidence", "phase",
            "confidence",
        ] {
            XCTAssertTrue(first.keys.contains(key), key)
        }
    }

    func testBadClaimsFilesAreClearErrors() throws {
        let f = try Fixtures.frontline()
        let good = try f.claimsDocument(for: try Article.load(path: Fixtures.exampleArticle)).json()
        let dir = try Fixtures.tempDir()
        let cases: [(String, String)] = [
            ("{ not json", "not a valid claims file: malformed JSON"),
            (
                good.replacingOccurrences(of: "\"actor\" : \"isis\"", with: "\"actor\" : \"martians\""),
                "unknown actor 'martians'"
            ),
            (
                good.replacingOccurrences(of: "\"action\" : \"holds\"", with: "\"action\" : \"teleported\""),
                "not a valid claims file"
            ),
            (
                good.replacingOccurrences(of: "\"format\" : \"frontline-claims 1\"", with: "\"format\" : \"other 2\""),
                "format is 'other 2'"
            ),
        ]
        for (i, (text, message)) in cases.enumerated() {
            let path = dir + "/bad\(i).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try ClaimsDocument.read(path: path, actors: f.actors)) { e in
                let d = (e as? FrontlineError)?.description ?? ""
                XCTAssertTrue(d.hasPrefix(path + ": ") && d.contains(message), d)
            }
        }
        // Latitude 123
        var doc = try ClaimsDocument.read(
            path: {
                let p = dir + "/ok.json"
                try? good.write(toFile: p, atomically: true, encoding: .utf8)
                return p
            }(), actors: f.actors)
        doc.places[0].lat = 123
        try doc.json().write(toFile: dir + "/lat.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ClaimsDocument.read(path: dir + "/lat.json", actors: f.actors)) { e in
            XCTAssertTrue((e as? FrontlineError)?.description.contains("latitude/longitude out of range") ?? false)
        }
    }

    func testSeedMapDrawsControlWithALegendOfExactlyWhatIsDrawn() throws {
        let f = try Fixtures.frontline()
        let scene = try f.scene(for: try Fixtures.seed(), request: MapRequest(width: 1600))
        let labels = scene.legend.map(\.label)
        for l in [
            "ISIS", "SDF", "Syrian rebels", "Iraqi government", "Contested (both sides)", "Changed in these events",
            "Withdrawn from (hollow)", "SDF advance",
        ] {
            XCTAssertTrue(labels.contains(l), "\(l) missing from \(labels)")
        }
        XCTAssertFalse(labels.contains("Syrian government"), "no Syrian government symbol is drawn")
        let markers = scene.items.compactMap { if case .marker(let m) = $0 { return m } else { return nil } }
        XCTAssertTrue(markers.contains { $0.split != nil }, "Falluja contested")
        XCTAssertTrue(markers.contains { $0.hollow }, "Manbij withdrawn")
        XCTAssertTrue(markers.contains { $0.symbol == .square && $0.changed }, "rebel gains")
        // Labels never overlap.
        let boxes = scene.labels.flatMap { l in l.boxes.map { (l.text, $0) } }
        for i in 0..<boxes.count {
            for j in (i + 1)..<boxes.count where boxes[i].0 != boxes[j].0 {
                XCTAssertFalse(boxes[i].1.intersects(boxes[j].1), "\(boxes[i].0) overlaps \(boxes[j].0)")
            }
        }
        // Every place drawn is labelled or listed under the map.
        for p in ["Manbij", "Marea", "Azaz", "Kafr Kalbin", "Falluja", "Baghdad", "Raqqa"] {
            XCTAssertTrue(scene.labels.contains { $0.text == p } || scene.footerLines.contains { $0.contains(p) }, p)
        }
    }

    func testSVGMetadataCarriesTheClaims() throws {
        let f = try Fixtures.frontline()
        let dir = try Fixtures.tempDir()
        try f.render(
            article: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: 900), formats: [.svg],
            output: dir + "/m")
        let doc = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/m.svg"), options: [])
        let meta = try XCTUnwrap(doc.rootElement()?.elements(forName: "metadata").first?.stringValue)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(meta.utf8)) as? [String: Any])
        let claims = try XCTUnwrap(json["claims"] as? [[String: Any]])
        XCTAssertTrue(
            claims.contains { $0["location"] as? String == "Kafr Kalbin" && $0["action"] as? String == "captured" })
        let desc = try XCTUnwrap(doc.rootElement()?.elements(forName: "desc").first?.stringValue)
        XCTAssertTrue(desc.contains("Kafr Kalbin: captured by Syrian rebels"), desc)
    }

    func testRenderDrawsACorrectedClaimsFile() throws {
        let f = try Fixtures.frontline()
        var doc = f.claimsDocument(for: try Article.load(path: Fixtures.exampleArticle))
        // The user corrects one claim: Raqqa is held by the SDF instead.
        let i = try XCTUnwrap(doc.claims.firstIndex { $0.location == "Raqqa" })
        doc.claims[i].actor = "sdf"
        let dir = try Fixtures.tempDir()
        try doc.json().write(toFile: dir + "/c.json", atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["render", dir + "/c.json", "-o", dir + "/map", "--format", "svg"])
        XCTAssertEqual(r.code, 0, r.err)
        let svg = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/map.svg"), options: [])
        let meta = try XCTUnwrap(svg.rootElement()?.elements(forName: "metadata").first?.stringValue)
        XCTAssertTrue(meta.contains("\"actor\" : \"sdf\""))
        let states = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(meta.utf8)) as? [String: Any])?["states"] as? [[String: Any]])
        let raqqa = try XCTUnwrap(doc.places.first { $0.text == "Raqqa" })
        XCTAssertTrue(
            states.contains {
                $0["placeID"] as? String == raqqa.id && $0["phase"] as? String == "after"
                    && $0["controller"] as? String == "sdf"
            })
    }
}
