import XCTest

@testable import FrontlineKit

final class TextTests: XCTestCase {
    func testExampleArticleTitleDateSourceAndSentences() throws {
        let a = try Article.load(path: Fixtures.exampleArticle)
        XCTAssertEqual(a.title, "Three fronts close in on Islamic State in northern Syria and Iraq")
        XCTAssertEqual(a.date, "2016-06-02")
        XCTAssertEqual(a.displayDate, "2 June 2016")
        XCTAssertEqual(a.source?.hasPrefix("Frontline example article"), true)
        XCTAssertGreaterThan(a.sentences.count, 10)
        // Offsets point at the sentence in the original text.
        let chars = Array(a.text)
        for s in a.sentences {
            XCTAssertEqual(String(chars[s.start..<s.end]), s.text)
        }
    }

    func testSentenceSplitterKeepsAbbreviationsAndQuotes() {
        let parts = SentenceSplitter.split("Troops from the U.S. arrived. “We will enter,” he said. It fell? Yes.")
        XCTAssertEqual(
            parts.map(\.text), ["Troops from the U.S. arrived.", "“We will enter,” he said.", "It fell?", "Yes."])
    }

    func testSeedBoilerplateAndRepeatedLedeAreSetAside() throws {
        let a = try Fixtures.seed()
        XCTAssertEqual(a.title, "ISIS loses ground on fronts in Syria, Iraq")
        let body = a.sentences.map(\.text).joined(separator: " ")
        XCTAssertFalse(body.contains("bloggers like this"))
        XCTAssertFalse(body.contains("Powered by"))
        XCTAssertFalse(body.contains("Homa Hoodfar"))
        // The lede appears twice in the page; once in the body.
        let lede =
            "Rebels fighting against both ISIS and the government of President Bashar al-Assad said "
            + "ISIS fighters had pulled out of an area near the border."
        XCTAssertEqual(a.sentences.filter { $0.text == lede }.count, 1)
        XCTAssertTrue(a.boilerplate.contains { $0.contains("bloggers like this") })
    }

    func testDecoderRefusesBinaryAndInvalidUTF8() {
        XCTAssertThrowsError(try ArticleDecoder.decode(Data([0x41, 0x00, 0x42]), file: "x.txt")) { e in
            XCTAssertEqual(
                (e as? FrontlineError)?.description, "x.txt: contains NUL bytes: binary data, not an article")
        }
        XCTAssertThrowsError(try ArticleDecoder.decode(Data([0x41, 0xFF, 0xFE, 0x42]), file: "y.txt"))
        XCTAssertEqual(try ArticleDecoder.decode(Data([0xFF, 0xFE, 0x41, 0x00]), file: "z.txt"), "A")
    }

    // MARK: the byte-level helpers the parser uses (each against the Character-level way)

    private let awkwardTexts = [
        "Manbij, 30 km (19 miles) south of the Turkish border.", "", " ", "\t lead\u{00A0}",
        "e\u{301}te\u{301} \u{301}x",
        "line one\r\nline two\r\n", "ʿAzaz – Mare’ «quoted» 👍🏽 flags 🇸🇾🇮🇶 done.",
        "\u{2009}thin\u{3000}\t", "a\u{200B}b ",
        "\u{0645}\u{0646}\u{0628}\u{062C} (Manbij)", "trailing tab\t\t", "\u{0301}leading mark",
    ]

    func testCharacterTextSlicesAsStringsOfCharacters() {
        for text in awkwardTexts {
            let t = CharacterText(text), chars = Array(text)
            XCTAssertEqual(t.count, chars.count, text)
            for a in 0...chars.count {
                for b in a...chars.count {
                    let s = t.string(a..<b)
                    XCTAssertEqual(s, String(chars[a..<b]), "\(text) \(a)..<\(b)")
                    XCTAssertTrue(s.utf8.elementsEqual(String(chars[a..<b]).utf8), "\(text) \(a)..<\(b)")
                }
            }
        }
    }

    func testTrimmingWhitespaceAsFoundationDoes() {
        for text in awkwardTexts + [
            " \t ", "\u{00A0}\u{00A0}", "\nnewline kept\n", " both ends ", "\u{1680}ogham\u{202F}",
        ] {
            XCTAssertEqual(text.trimmingWhitespace, text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertTrue(
                text.trimmingWhitespace.unicodeScalars.elementsEqual(
                    text.trimmingCharacters(in: .whitespaces).unicodeScalars))
        }
    }

    func testWindowsLineEndingsCountAsLines() throws {
        // "\r\n" is one Character: the line-length check splits on the byte, so a long CRLF file of
        // short lines is not taken for one line over the limit.
        let line = "    " + String(repeating: "page furniture ", count: 60)
        var text = "A title\r\n\r\nMANBIJ, Syria - Fighters advanced on the town of Manbij.\r\n"
        while text.utf8.count <= Limits.lineBytes + 4096 { text += line + "\r\n" }
        let path = try Fixtures.tempDir() + "/crlf.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let article = try Article.load(path: path)
        XCTAssertEqual(article.title, "A title")
        XCTAssertEqual(article.sentences.map(\.text), ["MANBIJ, Syria - Fighters advanced on the town of Manbij."])
    }

    func testByteReplacementAsFoundationsForMarkup() {
        func slow(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        for text in awkwardTexts + [
            "", "&", "a < b && c > \"d\"", "<<>>", "Tom & Jerry’s “war”", "]]>", "x]]>y]]>", "]]", "&amp;",
        ] {
            XCTAssertEqual(Markup.escape(text), slow(text), text)
            XCTAssertEqual(Markup.cdata(text), text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>"), text)
        }
        // A combining mark after "<" does not hide it: the markup stays well formed.
        XCTAssertEqual(Markup.escape("a <\u{338} b"), "a &lt;\u{338} b")
        XCTAssertEqual("abcabc".replacingBytes(of: "bc", with: "X"), "aXaX")
        XCTAssertEqual("abc".replacingBytes(of: "abcd", with: "X"), "abc")
        XCTAssertEqual("aaa".replacingBytes(of: "aa", with: "b"), "ba")
    }

    func testDatePatterns() throws {
        XCTAssertEqual(DateLine.find(in: "MANBIJ, Syria, June 2, 2016 (Reuters) - ")?.text, "June 2, 2016")
        XCTAssertEqual(DateLine.find(in: "Published 2 June 2016 at noon")?.iso, "2016-06-02")
        XCTAssertEqual(DateLine.find(in: "2016-06-02")?.iso, "2016-06-02")
        XCTAssertNil(DateLine.find(in: "in mid july2"))
        XCTAssertEqual(
            DateLine.find(in: "٢ June 2016, 3 June 2016")?.iso, "2016-06-02", "ICU's \\d takes any decimal digit")
        let phrases = ClaimReader.datePhrases(in: "at the end of may 2016 and since mid-2012, not in 2016x").map(\.0)
        XCTAssertEqual(phrases, ["at the end of may 2016", "since mid-2012"])
        XCTAssertEqual(DatePatterns.firstFourDigits(in: "June 2, 2016").map(String.init), "2016")
        XCTAssertEqual(DatePatterns.firstYearDashMonth(in: "on 2016-06-02").map(String.init), "2016-06")
    }

    func testCapitalisedTokensAsBefore() {
        // The byte-level fast path against the Character-level test it short-cuts.
        func slow(_ text: String) -> Bool {
            guard let f = text.first else { return false }
            if f.isUppercase { return true }
            for prefix in Token.articles where text.hasPrefix(prefix) {
                return text.dropFirst(prefix.count).first?.isUppercase ?? false
            }
            return false
        }
        for word in [
            "Aleppo", "al-Bab", "al-bab", "ash-Sham", "ad-Dana", "el-Arish", "ul-Haq", "Élysée", "été", "Ünye",
            "A\u{301}zaz", "a\u{301}", "5km", "a", "e", "u", "un-Named", "en-", "", "“Manbij", "-Raqqa", "Zab", "zab",
            "Ωmega",
        ] {
            XCTAssertEqual(Token(text: word, start: 0, end: word.count).isCapitalized, slow(word), word)
        }
    }

    func testTextSearchFindsBytes() {
        XCTAssertEqual(TextSearch.offset(of: "last month", in: "fighting late last month in"), 14)
        XCTAssertNil(TextSearch.offset(of: "last week", in: "fighting late last month"))
        XCTAssertEqual(TextSearch.offset(of: "é", in: "café"), 3)
        XCTAssertNil(TextSearch.offset(of: "longer than the text", in: "short"))
    }
}

/// The word lists are data (Shapes/words.json), checked when they are loaded.
final class WordListsTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = try Fixtures.tempDir() + "/words.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testCommittedListsHaveEveryRequiredList() throws {
        let lists = try WordLists.load(path: Fixtures.shapes + "/words.json")
        for name in WordLists.required { XCTAssertFalse(lists.list(name).isEmpty, name) }
        for name in WordLists.requiredTables { XCTAssertFalse(lists.table(name).isEmpty, name) }
        XCTAssertEqual(lists.list("month names").first, "january")
        XCTAssertTrue(lists.set("irrealis words").contains("vowed"))
        XCTAssertEqual(lists.list("compass points").first, "north")
        XCTAssertEqual(lists.table("number words")["twenty"], 20)
        XCTAssertEqual(lists.table("compass bearings")["north-west"], 315)
    }

    func testBadWordFilesAreRefusedInOneLine() throws {
        struct File: Codable {
            var format = "frontline-words 1"
            var lists: [String: [String]]
            var tables: [String: [String: Double]]
        }
        let committedData = try Data(contentsOf: URL(fileURLWithPath: Fixtures.shapes + "/words.json"))
        let committed = try JSONDecoder().decode(File.self, from: committedData)
        func file(_ change: (inout File) -> Void) throws -> String {
            var copy = committed
            change(&copy)
            return try write(String(decoding: JSONEncoder().encode(copy), as: UTF8.self))
        }
        // Every list and every table the code reads is required: a file without any one of them is refused.
        var cases: [(String, String)] = try WordLists.required.map { name in
            (try file { $0.lists[name] = nil }, "list \"\(name)\" is missing")
        }
        cases += try WordLists.requiredTables.map { name in
            (try file { $0.tables[name] = nil }, "table \"\(name)\" is missing")
        }
        cases += [
            (try file { $0.lists["stopwords"]?.append("") }, "list \"stopwords\" is empty or has an empty word"),
            (try file { $0.tables["number words"]?[""] = 1 }, "table \"number words\" is empty or has an empty word"),
            (try file { $0.tables["compass bearings"] = [:] }, "table \"compass bearings\" is empty"),
            (try write(#"{"format": "frontline-words 1", "lists": {}}"#), "list \"abbreviations\" is missing"),
            (try write(#"{"format": "frontline-words 9", "lists": {}}"#), "format must be"),
            (try write("{not json"), "not a words file"),
        ]
        for (path, reason) in cases {
            XCTAssertThrowsError(try WordLists.load(path: path)) { e in
                let message = "\(e)"
                XCTAssertTrue(message.hasPrefix(path) && message.contains(reason), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
        XCTAssertNoThrow(try WordLists.load(path: file { _ in }), "the committed lists, written again, load")
    }

    /// Date lines in the forms wire and web pages print, each read as its day (numeric dates day first,
    /// unless the first number cannot be a month); a dateline without a year keeps no guessed year.
    func testDateLinesInCommonWireForms() {
        let cases: [(String, String?)] = [
            ("June 2, 2016", "2016-06-02"), ("2 June 2016", "2016-06-02"), ("24 August, 2016", "2016-08-24"),
            ("Sunday 13/11/2016", "2016-11-13"), ("16 June, 2018", "2018-06-16"),
            ("Updated 14:05 GMT, 2 June 2016", "2016-06-02"), ("Published: 21.03.2025", "2025-03-21"),
            ("Jul 07,2018", "2018-07-07"), ("Fri 17 Nov 2023 16.20 GMT", "2023-11-17"), ("2016-06-02", "2016-06-02"),
            ("Thursday 02/06/2016", "2016-06-02"), ("11/28/2016", "2016-11-28"),
            ("Published: 09 Dec 2024, 18:45", "2024-12-09"), ("Friday, 10 November, 2017 - 08:15", "2017-11-10"),
            ("NAIROBI, Nov 29, 2020 - The prime minister said", "2020-11-29"), ("Sept 10, 2022", "2022-09-10"),
            ("31/02/2016 is no date", nil), ("Route 66 and 1,200 fighters", nil),
        ]
        for (line, iso) in cases { XCTAssertEqual(DateLine.find(in: line)?.iso, iso, line) }
        let noYear = DateLine.find(
            in: "BEIRUT, March 1 (Reuters) - Rebels said on Thursday they had left the district.")
        XCTAssertEqual(noYear?.text, "March 1")
        XCTAssertNil(noYear?.year)
        let a = Article(
            name: "t", text: "Rebels leave Baba Amr\n\nBEIRUT, March 1 (Reuters) - Rebels left Homs in 2012.\n")
        XCTAssertEqual(a.date, "March 1")
        let standfirst = Article(
            name: "t",
            text:
                "Flags go up on the town's edge\n\nFighters break into the eastern districts, monitors say\n\n"
                + "Last updated: 07 Oct 2014 13:40 GMT\n\nThe fighting went on.\n")
        XCTAssertEqual(standfirst.date, "2014-10-07")
        XCTAssertEqual(Article(name: "t", text: "Assessment, August 28, 2023\n\nForces advanced.\n").date, "2023-08-28")
    }
}
