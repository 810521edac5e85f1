import XCTest

@testable import FrontlineKit

/// Numbers from text, options and files checked before use, batch articles isolated, JSON rows bounded
/// (issue 17). Each case asserts the exit code; a refused run one error line naming the file or
/// option, no output written and an earlier output intact.
final class HardeningNumbersTests: XCTestCase {
    var dir = ""
    var out: String { dir + "/out" }
    let earlier = Data("an earlier map".utf8)

    override func setUpWithError() throws {
        dir = try Fixtures.tempDir()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: out + "/map.png", contents: earlier)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    // MARK: helpers

    /// Writes an article (a title and `body`) as `name` in the test folder; returns its name.
    @discardableResult
    func article(_ body: String, name: String = "a.txt") throws -> String {
        try Data(("Fighting near Aleppo\n\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        return name
    }

    /// The files of the output folder with their contents.
    func outputs() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for n in try FileManager.default.contentsOfDirectory(atPath: out) {
            files[n] = FileManager.default.contents(atPath: out + "/" + n) ?? Data()
        }
        return files
    }

    /// The rows `measure --format json` gives for `body` (the run must succeed).
    func rows(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let name = try article(body)
        let r = try Fixtures.run(["measure", name, "--format", "json"], cwd: dir)
        XCTAssertEqual(r.code, 0, r.err, file: file, line: line)
        let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        return doc?["claims"] as? [[String: Any]] ?? []
    }

    /// Asserts the row quoting `quote` cannot be checked, its note saying `why`.
    func cannotCheck(
        _ body: String, quote: String, why: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let found = try rows(body, file: file, line: line)
        guard let row = found.first(where: { ($0["quote"] as? String)?.contains(quote) == true }) else {
            return XCTFail("no row quotes \(quote): \(found)", file: file, line: line)
        }
        XCTAssertEqual(row["verdict"] as? String, "cannot check", file: file, line: line)
        XCTAssertTrue((row["note"] as? String)?.contains(why) == true, "\(row)", file: file, line: line)
    }

    /// Checks a refused run: its code, one line naming `names`, the output folder as before.
    func refused(
        _ args: [String], code: Int32, names: String, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let before = try outputs()
        let r = try Fixtures.run(args, cwd: dir)
        XCTAssertEqual(r.code, code, r.err, file: file, line: line)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err, file: file, line: line)
        XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(names), "\(r.err) does not name \(names)", file: file, line: line)
        XCTAssertEqual(try outputs(), before, "the output folder changed", file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/map.png"), earlier, file: file, line: line)
    }

    /// Renders with `options` into out/map, refused with exit 2 naming `names`.
    func refusedOption(
        _ options: [String], names: String, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let name = try article("Manbij lies 30 km from Aleppo.")
        try refused(["render", name, "-o", "out/map"] + options, code: 2, names: names, file: file, line: line)
    }

    // MARK: distances stated in the text

    let longer = "is longer than Earth's circumference"

    func testScientificNotationIsCannotCheck() throws {
        try cannotCheck("The town of Manbij lies 1e26 km from Aleppo.", quote: "1e26 km", why: "1e26 km " + longer)
    }

    func testCaretPowerIsReadWhole() throws {
        try cannotCheck("Manbij is 2^64 miles from Raqqa.", quote: "2^64 miles", why: "2^64 miles " + longer)
        XCTAssertFalse(try rows("Manbij is 2^64 miles from Raqqa.").contains { ($0["claimed"] as? String) == "64 mi" })
    }

    func testTwentyDigitIntegerIsCannotCheck() throws {
        try cannotCheck(
            "Raqqa is 10000000000000000000 km from Manbij.", quote: "10000000000000000000 km",
            why: "10000000000000000000 km " + longer)
    }

    func test1e300IsCannotCheck() throws {
        try cannotCheck("Raqqa is 1e300 km from Aleppo.", quote: "1e300 km", why: "1e300 km " + longer)
    }

    func testGluedHugeFigureIsCannotCheck() throws {
        try cannotCheck("Raqqa lies a 1e26-km drive from Aleppo.", quote: "1e26-km", why: "1e26 km " + longer)
    }

    func testThousandsSeparatorsOverflowingAreCannotCheck() throws {
        try cannotCheck(
            "Raqqa is 1,000,000,000,000,000,000,000 km from Manbij.", quote: "1,000,000,000,000,000,000,000 km",
            why: longer)
    }

    func testJustOverEarthsCircumferenceIsCannotCheck() throws {
        try cannotCheck("Raqqa is 40,076 km from Manbij.", quote: "40,076 km", why: "40,076 km " + longer)
    }

    func testWithinEarthsCircumferenceIsChecked() throws {
        let found = try rows("Raqqa is 40,000 km from Manbij.")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?["verdict"] as? String, "inconsistent")
    }

    func testZeroKmIsCannotCheck() throws {
        try cannotCheck("Manbij is 0 km from Aleppo.", quote: "0 km", why: "0 km is not a distance greater than zero")
    }

    func testNegativeKmIsCannotCheck() throws {
        try cannotCheck("Manbij is -5 km from Aleppo.", quote: "5 km", why: "-5 km is not a distance greater than zero")
    }

    func testNanAndInfKmAreNoDistances() throws {
        XCTAssertEqual(try rows("Raqqa is nan km from Aleppo. Manbij is inf km from Raqqa.").count, 0)
    }

    func testLiteralTooLargeForADoubleIsNoDistance() throws {
        XCTAssertEqual(try rows("Raqqa is 1e400 km from Aleppo.").count, 0)
    }

    func testPowerTooLargeForADoubleIsNotReadAsItsExponent() throws {
        XCTAssertEqual(try rows("Raqqa is 10^400 km from Aleppo.").count, 0)
    }

    func testHugeConversionDoesNotTrap() throws {
        let found = try rows("Manbij lies 80 km (1e30 miles) from Aleppo.")
        XCTAssertEqual(found.first?["conversion"] as? String, "1e+30 mi")
        XCTAssertEqual(found.first?["conversionAgrees"] as? Bool, false)
    }

    func testTheIssuesArticleRendersAndMeasures() throws {
        let body =
            "The town of Manbij lies 1e26 km from Aleppo. Manbij is 2^64 miles from Raqqa. "
            + "Raqqa is 10000000000000000000 km from Manbij. Raqqa is 1e300 km from Aleppo."
        let name = try article(body)
        let r = try Fixtures.run(["render", name, "-o", "out/issue", "--width", "600"], cwd: dir)
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/issue.png"))
        let table = try Fixtures.run(["measure", name], cwd: dir)
        XCTAssertEqual(table.code, 0, table.err)
        XCTAssertEqual(table.out.components(separatedBy: "CANNOT CHECK").count - 1, 4, table.out)
        for what in ["claims", "places"] { XCTAssertEqual(try Fixtures.run([what, name], cwd: dir).code, 0) }
    }

    // MARK: options

    func testDpiNaNIsRefused() throws { try refusedOption(["--dpi", "nan"], names: "--dpi") }
    func testDpiInfIsRefused() throws { try refusedOption(["--dpi", "inf"], names: "--dpi") }
    func testDpiNegativeIsRefused() throws { try refusedOption(["--dpi=-1"], names: "--dpi") }
    func testDpiHugeIsRefused() throws { try refusedOption(["--dpi", "1e308"], names: "--dpi") }
    func testDpiHugeWithMillimetresIsRefused() throws {
        try refusedOption(["--size", "100mm", "--dpi", "1e308"], names: "--dpi")
    }
    func testSizeHugeIsRefused() throws { try refusedOption(["--size", "1e20x1"], names: "1e+20x1") }
    func testSizeNaNIsRefused() throws { try refusedOption(["--size", "nanxnan"], names: "--size") }
    func testSizeZeroIsRefused() throws { try refusedOption(["--size", "0x0"], names: "--size") }
    func testHugeMillimetresAtHighestDpiAreRefused() throws {
        try refusedOption(["--size", "1e20mm", "--dpi", "1200"], names: "the figure must be")
    }

    // MARK: claims files

    /// A claims file (an article's, written by `claims --format json`) with `edit` applied, as c.json.
    func claimsFile(_ edit: (String) -> String) throws -> String {
        let name = try article("Kurdish forces captured Manbij from Islamic State. Manbij lies 30 km from Aleppo.")
        let r = try Fixtures.run(["claims", name, "--format", "json"], cwd: dir)
        XCTAssertEqual(r.code, 0, r.err)
        let edited = edit(r.out)
        XCTAssertNotEqual(edited, r.out, "the edit changed nothing")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: dir + "/c.json"))
        return "c.json"
    }

    /// A claims file whose `field`'s first value (matching `pattern`) is `value` is refused by `render`,
    /// exit 1, naming the file (and `names`).
    func refusedClaims(
        _ field: String, _ pattern: String, _ value: String, names: String = "c.json", line: UInt = #line
    ) throws {
        let c = try claimsFile {
            $0.replacingOccurrences(
                of: "\"\(field)\" : \(pattern)", with: "\"\(field)\" : \(value)", options: .regularExpression)
        }
        try refused(["render", c, "-o", "out/map"], code: 1, names: names, line: line)
    }

    func testClaimsFileHugeEvidenceOffsetIsRefused() throws {
        try refusedClaims("start", "[0-9]+", "9223372036854775807", names: "c.json: claim")
    }

    func testClaimsFileNegativeEvidenceOffsetIsRefused() throws {
        try refusedClaims("start", "[0-9]+", "-5", names: "c.json: claim")
    }

    func testClaimsFileNaNConfidenceIsRefused() throws { try refusedClaims("confidence", "[0-9.]+", "NaN") }
    func testClaimsFileOverflowingLatitudeIsRefused() throws { try refusedClaims("lat", "[0-9.-]+", "1e400") }
    func testClaimsFileHugeLatitudeIsRefused() throws { try refusedClaims("lat", "[0-9.-]+", "1e300") }
    func testClaimsFileHugeGeoPrecisionIsRefused() throws {
        try refusedClaims("geo_precision", "[0-9]+", "99999999999999999999")
    }

    // MARK: batch isolation

    func testBatchIsolatesACrashingArticle() throws {
        let inputs = dir + "/in"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: Fixtures.examples + "/jarabulus-2016.txt", encoding: .utf8)
        for i in 1...20 { try Data(text.utf8).write(to: URL(fileURLWithPath: inputs + "/good-\(i).txt")) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: inputs + "/boom.txt"))
        FileManager.default.createFile(atPath: out + "/boom.png", contents: earlier)
        let r = try Fixtures.run(
            ["batch", "in", "-o", "out", "--width", "300"], cwd: dir, env: [Batch.testCrashVariable: "boom"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.out.contains("21 articles: 20 rendered, 1 failed"), r.out)
        let failed = r.out.split(separator: "\n").filter { $0.hasPrefix("failed: ") }
        XCTAssertEqual(failed, ["failed: in/boom.txt: crashed with signal 4 (Illegal instruction)"], r.out)
        let files = try outputs()
        XCTAssertEqual(files.keys.filter { $0.hasSuffix(".png") && $0.hasPrefix("good-") }.count, 20)
        XCTAssertEqual(files.keys.filter { $0.hasSuffix(".claims.json") }.count, 20)
        XCTAssertEqual(files["boom.png"], earlier, "the crashed article's earlier map is intact")
        XCTAssertNil(files["boom.claims.json"])
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: out).contains { $0.hasSuffix(".tmp") })
        XCTAssertEqual(files["map.png"], earlier)
    }

    // MARK: JSON rows bounded

    /// A paragraph of one long sentence: filler between `count` stated distances.
    func longSentence(count: Int) -> String {
        "Manbij lies" + (0..<count).map { " \($0 % 90 + 1) km from Aleppo, past fields and farms and" }.joined()
            + " so on."
    }

    /// 15 distances in one sentence of about 180 words: long (over the row's 300 characters), but under the
    /// 200 words past which a sentence is read in pieces.
    func testMeasureRowsCarryABoundedSentenceAndItsIndex() throws {
        let body = "Manbij lies 30 km from Aleppo. " + longSentence(count: 15)
        let name = try article(body)
        let r = try Fixtures.run(["measure", name, "--format", "json"], cwd: dir)
        XCTAssertEqual(r.code, 0, r.err)
        let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let found = doc?["claims"] as? [[String: Any]] ?? []
        XCTAssertEqual(found.count, 16)
        XCTAssertEqual(found.first?["sentence"] as? String, "Manbij lies 30 km from Aleppo.")
        XCTAssertEqual(found.first?["sentenceIndex"] as? Int, 0)
        for row in found.dropFirst() {
            let s = row["sentence"] as? String ?? ""
            XCTAssertLessThanOrEqual(s.count, Limits.excerptCharacters)
            XCTAssertTrue(s.contains(row["quote"] as? String ?? "?"), s)
            XCTAssertEqual(row["sentenceIndex"] as? Int, 1)
        }
        XCTAssertLessThanOrEqual(r.out.utf8.count, 20 * body.utf8.count)
    }

    func testPlacesAndClaimsJSONAreBounded() throws {
        let body =
            longSentence(count: 400) + " Kurdish forces captured Manbij " + String(repeating: "and then ", count: 60)
        let name = try article(body)
        for what in ["places", "claims"] {
            let r = try Fixtures.run([what, name, "--format", "json"], cwd: dir)
            XCTAssertEqual(r.code, 0, r.err)
            XCTAssertLessThanOrEqual(r.out.utf8.count, 20 * body.utf8.count, what)
            XCTAssertFalse(r.out.contains(String(body.prefix(Limits.excerptCharacters + 1))), what)
        }
    }

    func testExcerptsKeepShortSentencesAndCutLongOnes() {
        let e = Excerpts()
        XCTAssertEqual(
            e.excerpt(of: "Manbij lies 30 km from Aleppo.", key: 0, at: 12), "Manbij lies 30 km from Aleppo.")
        let long = String(repeating: "a", count: 1000) + "QUOTE" + String(repeating: "b", count: 1000)
        let cut = e.excerpt(of: long, key: 1, at: 1000)
        XCTAssertEqual(cut.count, Limits.excerptCharacters)
        XCTAssertTrue(cut.hasPrefix("…") && cut.hasSuffix("…") && cut.contains("QUOTE"), cut)
        XCTAssertTrue(e.excerpt(of: long, key: 1, at: 0).hasSuffix("…"))
    }
}
