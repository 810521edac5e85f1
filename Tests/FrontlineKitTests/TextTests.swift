import XCTest
@testable import FrontlineKit

final class TextTests: XCTestCase {
    func testExampleArticleTitleDateSourceAndSentences() throws {
        let a = try Article.load(path: Fixtures.exampleArticle)
        XCTAssertEqual(a.title, "Three fronts close in on Islamic State in northern Syria and Iraq")
        XCTAssertEqual(a.date, "June 2, 2016")
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
        XCTAssertEqual(parts.map(\.text), ["Troops from the U.S. arrived.", "“We will enter,” he said.", "It fell?", "Yes."])
    }

    func testSeedBoilerplateAndRepeatedLedeAreSetAside() throws {
        let a = try Fixtures.seed()
        XCTAssertEqual(a.title, "ISIS loses ground on fronts in Syria, Iraq")
        let body = a.sentences.map(\.text).joined(separator: " ")
        XCTAssertFalse(body.contains("bloggers like this"))
        XCTAssertFalse(body.contains("Powered by"))
        XCTAssertFalse(body.contains("Homa Hoodfar"))
        // The lede appears twice in the page; once in the body.
        let lede = "Rebels fighting against both ISIS and the government of President Bashar al-Assad said ISIS fighters had pulled out of an area near the border."
        XCTAssertEqual(a.sentences.filter { $0.text == lede }.count, 1)
        XCTAssertTrue(a.boilerplate.contains { $0.contains("bloggers like this") })
    }

    func testDecoderRefusesBinaryAndInvalidUTF8() {
        XCTAssertThrowsError(try ArticleDecoder.decode(Data([0x41, 0x00, 0x42]), file: "x.txt")) { e in
            XCTAssertEqual((e as? FrontlineError)?.description, "x.txt: contains NUL bytes: binary data, not an article")
        }
        XCTAssertThrowsError(try ArticleDecoder.decode(Data([0x41, 0xFF, 0xFE, 0x42]), file: "y.txt"))
        XCTAssertEqual(try ArticleDecoder.decode(Data([0xFF, 0xFE, 0x41, 0x00]), file: "z.txt"), "A")
    }

    // MARK: the byte-level helpers the parser uses (each against the Character-level way)

    private let awkwardTexts = [
        "Manbij, 30 km (19 miles) south of the Turkish border.", "", " ", "\t lead\u{00A0}", "e\u{301}te\u{301} \u{301}x",
        "line one\r\nline two\r\n", "ʿAzaz – Mare’ «quoted» 👍🏽 flags 🇸🇾🇮🇶 done.", "\u{2009}thin\u{3000}\t", "a\u{200B}b ",
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
        for text in awkwardTexts + [" \t ", "\u{00A0}\u{00A0}", "\nnewline kept\n", " both ends ", "\u{1680}ogham\u{202F}"] {
            XCTAssertEqual(text.trimmingWhitespace, text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertTrue(text.trimmingWhitespace.unicodeScalars.elementsEqual(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
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
        for text in awkwardTexts + ["", "&", "a < b && c > \"d\"", "<<>>", "Tom & Jerry’s “war”", "]]>", "x]]>y]]>", "]]", "&amp;"] {
            XCTAssertEqual(Markup.escape(text), slow(text), text)
            XCTAssertEqual(Markup.cdata(text), text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>"), text)
        }
        // A combining mark after "<" does not hide it: the markup stays well formed.
        XCTAssertEqual(Markup.escape("a <\u{338} b"), "a &lt;\u{338} b")
        XCTAssertEqual("abcabc".replacingBytes(of: "bc", with: "X"), "aXaX")
        XCTAssertEqual("abc".replacingBytes(of: "abcd", with: "X"), "abc")
        XCTAssertEqual("aaa".replacingBytes(of: "aa", with: "b"), "ba")
    }

    func testDatePatternsMatchAsTheRegularExpressionsDo() throws {
        // Generated plain texts, each matched by hand and by NSRegularExpression: the same matches.
        let words = ["at", "the", "end", "start", "beginning", "middle", "of", "in", "since", "by", "until", "from", "early",
                     "mid", "mid-", "late", "june", "july", "may", "march", "december", "June", "July", "May", "March",
                     "December", "2016", "2012", "12", "5", "31", "123", "20167", "2016-06-02", "2016-6-2", "12016-06-02",
                     ",", "-", "’", "“", "—", "x", "inside", "mid-2012", "_", "a1", "on", "Wednesday", "km", "1,000",
                     "‘", "”", "–", "…", "©", "June\r", "\u{0C}"]
        let separators = [" ", " ", " ", "", ", ", "  ", "\t", "-", "\n", "\r\n", "\r", "\u{0C}", "’", "…"]
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return Int(x % UInt64(n)) }
        var texts = ["in july", "at the end of May 2016", "since mid-2012", "in early june 2015", "until late december",
                     "June 2, 2016", "2 June 2016", "MANBIJ, Syria, June 2, 2016 (Reuters) - ", "2016-06-02", "in mid july2",
                     "by the middle of march", "from mid 2014", "in 2016x", "the end of july"]
        for _ in 0..<8000 {
            let n = 1 + next(9)
            texts.append((0..<n).map { _ in words[next(words.count)] }.enumerated().map { $0.offset == 0 ? $0.element : separators[next(separators.count)] + $0.element }.joined())
        }
        let dateLineRes = DateLine.patterns
        let phraseRe = try XCTUnwrap(ClaimReader.datePhrase)
        var phraseMatches = 0, dateLines = 0
        for text in texts {
            let p = try XCTUnwrap(DatePatterns.plain(text), text)
            let ns = text as NSString, all = NSRange(location: 0, length: ns.length)
            // The date line: the first pattern that matches, leftmost.
            let expected = dateLineRes.lazy.compactMap { $0.firstMatch(in: text, range: all) }.first.map { ns.substring(with: $0.range) }
            XCTAssertEqual(DatePatterns.dateLine(p.bytes).map { String(text[p.range($0)]) }, expected, text)
            if expected != nil { dateLines += 1 }
            // Time phrases, on lower case as the claim reader has them.
            let lower = text.lowercased(), lns = lower as NSString
            let lp = try XCTUnwrap(DatePatterns.plain(lower))
            let byHand = DatePatterns.datePhrases(lp.bytes).map { String(lower[lp.range($0)]) }
            let byRe = phraseRe.matches(in: lower, range: NSRange(location: 0, length: lns.length)).map { lns.substring(with: $0.range) }
            XCTAssertEqual(byHand, byRe, lower)
            phraseMatches += byRe.count
            XCTAssertEqual(DatePatterns.firstFourDigits(in: text).map(String.init),
                           text.range(of: #"\d{4}"#, options: .regularExpression).map { String(text[$0]) }, text)
            XCTAssertEqual(DatePatterns.firstYearDashMonth(in: text).map(String.init),
                           text.range(of: #"(\d{4})-(\d{2})"#, options: .regularExpression).map { String(text[$0]) }, text)
        }
        XCTAssertGreaterThan(phraseMatches, 100, "the generated texts exercise the phrases")
        XCTAssertGreaterThan(dateLines, 50, "and the date lines")
        // What is not plain goes to the expressions.
        XCTAssertNil(DatePatterns.plain("2 juin 2016 à Manbij"))
        XCTAssertNil(DatePatterns.plain("June\u{0B}2, 2016"))
        XCTAssertEqual(DateLine.find(in: "٢ June 2016, 2 June 2016"), "٢ June 2016", "ICU's \\d takes any decimal digit")
    }
}
