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
}
