import XCTest

@testable import FrontlineKit

final class CompareTests: XCTestCase {
    func testSeedComparisonShowsTheSiegeItsBreakingManbijAndFalluja() throws {
        _ = try Fixtures.seed()
        let f = try Fixtures.frontline()
        let dir = try Fixtures.tempDir()
        let written = try f.compare(
            [Fixtures.seedArticle],
            request: MapRequest(width: 2400), formats: [.png, .svg], output: dir + "/cmp")
        XCTAssertEqual(written, [dir + "/cmp.png", dir + "/cmp.svg"])
        let desc = try String(contentsOfFile: dir + "/cmp.svg", encoding: .utf8)
        XCTAssertTrue(
            desc.contains("Marea: held by Syrian rebels, besieged by ISIS → held by Syrian rebels (changed)"),
            "siege and its breaking")
        XCTAssertTrue(desc.contains("Manbij: held by ISIS → ISIS withdrew, SDF advancing"), "Manbij's approach")
        XCTAssertTrue(
            desc.contains("Falluja: held by ISIS → contested between ISIS and Iraqi government"), "Falluja's entry")
        let png = try RasterImage(pngFile: dir + "/cmp.png")
        XCTAssertEqual(png.width, 2400)
    }

    func testTwoInputsCompareTheirStatesAfter() throws {
        let f = try Fixtures.frontline()
        let dir = try Fixtures.tempDir()
        var doc = f.claimsDocument(for: try Article.load(path: Fixtures.exampleArticle))
        try doc.json().write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        let i = try XCTUnwrap(doc.claims.firstIndex { $0.location == "Raqqa" })
        doc.claims[i].actor = "sdf"
        doc.claims[i].action = .captured
        doc.claims[i].phase = .after
        try doc.json().write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["compare", dir + "/a.json", dir + "/b.json", "-o", dir + "/ab", "--format", "svg"])
        XCTAssertEqual(r.code, 0, r.err)
        let svg = try String(contentsOfFile: dir + "/ab.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("Raqqa: held by ISIS → captured by SDF"), "the change is listed")
        let bad = try Fixtures.run(["compare", dir + "/a.json", dir + "/b.json", dir + "/c.json", "-o", dir + "/x"])
        XCTAssertEqual(bad.code, 2)
    }
}
