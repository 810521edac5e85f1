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
        let groups = [
            ["Falluja", "Fallujah", "Al-Fallujah", "Fallouja"], ["Marea", "Mare'", "Mari'", "Māri‘"],
            ["Azaz", "A'zaz", "I'zaz", "Aazaz", "I‘zāz"], ["Raqqa", "Raqqah", "Ar-Raqqa", "Rakka", "Ar Raqqah"],
            ["Manbij", "Menbij", "Membij"], ["Jarabulus", "Jarablus", "Jarābulus"],
            ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr"], ["Kobani", "Kobane", "Kobanî"],
            ["Abu Kamal", "Albu Kamal", "Bukamal", "Ālbū Kamāl"], ["Tell Abyad", "Tal Abyad", "Tall Abyaḑ"],
        ]
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
        let a = Article(
            name: "t",
            text: """
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

    func testEachMentionKeepsTheTokensItWasReadFrom() throws {
        let f = try Fixtures.frontline()
        let paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples)
            .filter { $0.hasSuffix(".txt") }.sorted().map { Fixtures.examples + "/" + $0 }
        XCTAssertGreaterThanOrEqual(paths.count, 5)
        var checked = 0
        for path in paths {
            let a = try Article.load(path: path)
            let r = f.places(in: a)
            let mentions = (r.places + r.metonyms).flatMap(\.mentions) + r.unresolved.flatMap(\.mentions)
            for m in mentions {
                let span = try XCTUnwrap(m.tokens, "\(path): a mention at \(m.start) has no tokens")
                let s = a.sentences[span.sentence]
                XCTAssertEqual(s.text, m.sentence, path)
                XCTAssertLessThanOrEqual(span.first, span.last, path)
                XCTAssertEqual(s.start + s.tokens[span.first].start, m.start, "\(path): first token of \(m.start)")
                XCTAssertEqual(s.start + s.tokens[span.last].end, m.end, "\(path): last token of \(m.start)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    // MARK: compiled gazetteer

    func testGazetteerEntriesParseAsBeforeAndOnce() throws {
        // Every line of the committed index: the byte-level parse (memchr for tabs, alternates split
        // on the "|" byte) against splitting the line's text by characters, as it was done before.
        let g = try CompiledGazetteer(path: Fixtures.shapes + "/" + CompiledGazetteer.fileName)
        let text = try String(contentsOfFile: Fixtures.shapes + "/" + CompiledGazetteer.fileName, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertGreaterThan(g.count, 200_000)
        let offsets = g.offsets
        XCTAssertEqual(offsets.count, g.count, "the header's count is the number of entry lines")
        var withAlternates = 0
        // Every 7th line (all 240,000 take a minute in a debug build), and the first and last.
        for (i, offset) in offsets.enumerated() where i % 7 == 0 || i == offsets.count - 1 {
            let cols = lines[2 + i].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let slow = try XCTUnwrap(GazetteerFile.entry(fromProjectColumns: cols), "line \(i + 3)")
            let fast = g.parseEntry(offset)
            XCTAssertEqual(fast, slow, "line \(i + 3)")
            if !fast.alternates.isEmpty { withAlternates += 1 }
        }
        XCTAssertGreaterThan(withAlternates, 1000)
        // A lookup parses each entry once; the second gives the same entries.
        let before = g.parses
        let first = g.lookup(PlaceNameNormalizer.key("Aleppo"))
        let parsedOnce = g.parses
        let again = g.lookup(PlaceNameNormalizer.key("Aleppo"))
        XCTAssertFalse(first.isEmpty)
        XCTAssertEqual(parsedOnce - before, first.count, "each entry found parsed once")
        XCTAssertEqual(g.parses, parsedOnce, "and not again")
        XCTAssertEqual(first, again)
        XCTAssertTrue(first.contains { $0.alternates.count > 50 })
    }

    func testGazetteerKeysFoundByBisectingTheirBytes() throws {
        // Every key line of the committed index is found, with the entries it lists; keys that sort
        // before the first, between two and after the last are not.
        let file = Fixtures.shapes + "/" + CompiledGazetteer.fileName
        let g = try CompiledGazetteer(path: file)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let keyLines = lines[(3 + g.count)...]
        XCTAssertGreaterThan(keyLines.count, 50_000)
        var previous = ""
        for (n, line) in keyLines.enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let key = parts[0], ids = parts[1].split(separator: ",").compactMap { Int($0) }
            XCTAssertTrue(g.hasKey(key), key)
            if n % 97 == 0 {  // the entries themselves, for a sample (each lookup parses them)
                XCTAssertEqual(g.lookup(key).map(\.id), ids.map { g.entry($0).id }, key)
            }
            if n > 0 {
                // Between the key before and this one (no key holds a control byte): absent.
                XCTAssertTrue(Array(previous.utf8).lexicographicallyPrecedes(Array(key.utf8)), "sorted at \(key)")
                XCTAssertFalse(g.hasKey(previous + "\u{01}"), previous)
            }
            previous = key
        }
        XCTAssertFalse(g.hasKey(""))
        XCTAssertFalse(g.hasKey("\u{01}"))
        XCTAssertFalse(g.hasKey("\u{7F}\u{7F}\u{7F}"))
        XCTAssertEqual(g.lookup("\u{7F}\u{7F}"), [])

        // The header's key count is the number of key lines (the loader checks only the byte counts).
        let keyBytes = keyLines.reduce(0) { $0 + $1.utf8.count + 1 }
        XCTAssertEqual(lines[2 + g.count], "keys \(keyLines.count) bytes \(keyBytes)")
    }
    func testIndexThatDisagreesWithItsHeaderIsRefusedNamingTheFile() throws {
        // The header's byte counts against the sections that follow: a truncated, padded or edited
        // file is refused in one line that names it, as is an index written in the format before.
        let file = Fixtures.shapes + "/" + CompiledGazetteer.fileName
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let n = try XCTUnwrap(Int(lines[1].split(separator: " ")[1]))
        func edited(_ change: (inout [String]) -> Void) -> Data {
            var copy = lines
            change(&copy)
            return Data(copy.joined(separator: "\n").utf8)
        }
        let keysHeader = "line \(3 + n): expected 'keys M bytes K' followed by K bytes to the end"
        let entriesHeader = "line 2: expected 'entries N bytes E' followed by N lines of E bytes"
        let bytes = Data(text.utf8)
        let cases: [(String, Data, String)] = [
            ("truncated", bytes.dropLast(40), keysHeader),
            ("padded", bytes + Data("zzzz\t1\n".utf8), keysHeader),
            ("key bytes", edited { $0[2 + n] += "1" }, keysHeader),
            ("entry dropped", edited { $0.remove(at: 2) }, entriesHeader),
            ("entry longer", edited { $0[2] += "x" }, entriesHeader),
            (
                "format 1",
                edited {
                    $0[0] = "frontline-gazetteer-index 1"
                    $0[1] = "entries \(n)"
                },
                "is another format of gazetteer index (this Frontline reads '\(CompiledGazetteer.magic)')"
            ),
        ]
        let dir = try Fixtures.tempDir()
        for (name, data, reason) in cases {
            let path = dir + "/\(name).index"
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try CompiledGazetteer(path: path), name) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(path + ": ") && message.contains(reason), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
        XCTAssertNoThrow(try CompiledGazetteer(path: file), "the committed file itself loads")
    }

    /// A wire dateline names where the story was filed, not a place of it; named again in the story, it is.
    func testADatelineCityIsNoPlaceOfTheStory() throws {
        let f = try Fixtures.frontline()
        for dateline in ["BEIRUT (Reuters) - ", "BEIRUT, Lebanon, June 2, 2016 (AFP) - ", "Beirut (AP) — "] {
            let a = Article(name: "t", text: "Fighting in Syria\n\n\(dateline)Rebels took Marea near Azaz.\n")
            let names = f.places(in: a).places.map(\.text)
            XCTAssertFalse(names.contains { $0.lowercased() == "beirut" }, dateline)
            XCTAssertTrue(names.contains("Marea"), dateline)
        }
        let again = Article(
            name: "t", text: "Fighting in Lebanon\n\nBEIRUT (Reuters) - Strikes hit Beirut and Tyre on Monday.\n")
        XCTAssertTrue(f.places(in: again).places.contains { $0.text == "Beirut" })
        XCTAssertNil(PlaceFinder.datelineEnd("Rebels took Marea - a village near Azaz - on Monday."))
    }
}
