import Foundation
import XCTest

@testable import FrontlineKit

/// Every folder of Tests/Cases is one case, as tippecanoe keeps its tests: `article.path` names the
/// article (relative to the package root), and `places.json`, `claims.json`, `measure.json` are what
/// `frontline places|claims|measure ARTICLE --format json` must print for it, byte for byte. A case
/// with `map-800w.png` also holds its map drawn 800 px wide: the render must match it within the golden
/// threshold (a pixel differs when a channel is off by more than 40; at most 0.2 % may differ).
/// `FRONTLINE_UPDATE_CASES=1 swift test --filter CaseTests` rewrites the expectations on purpose.
final class CaseTests: XCTestCase {
    static let outputs = ["places", "claims", "measure"]
    static let updating = ProcessInfo.processInfo.environment["FRONTLINE_UPDATE_CASES"] == "1"

    func testEveryCase() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Fixtures.cases).filter {
            fm.fileExists(atPath: Fixtures.cases + "/\($0)/article.path")
        }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10, "the case folders are missing")
        var skipped: [String] = []
        for name in names {
            if let reason = try check(name) { skipped.append("\(name): \(reason)") }
        }
        if Self.updating { print("CaseTests: expectations rewritten for \(names.count - skipped.count) cases") }
        if !skipped.isEmpty { throw XCTSkip("cases skipped: " + skipped.joined(separator: "; ")) }
    }

    /// Runs one case; returns why it was skipped, or nil when it ran.
    func check(_ name: String) throws -> String? {
        let dir = Fixtures.cases + "/" + name
        let article = try String(contentsOfFile: dir + "/article.path", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard FileManager.default.fileExists(atPath: Fixtures.packageRoot + "/" + article) else {
            return "its article \(article) is not here (only CI and the project's machines have ../shared)"
        }
        let fm = FileManager.default
        if !Self.updating, !Self.outputs.contains(where: { fm.fileExists(atPath: dir + "/\($0).json") }) {
            // An article of another front, added before the world basemap: its places are checked by
            // ArticleCasesTests; its outputs are written by FRONTLINE_UPDATE_CASES=1 once Shapes/ covers it.
            XCTAssertTrue(fm.fileExists(atPath: dir + "/expected-places.json"), "\(name): no expectations at all")
            print("CaseTests: \(name) has no places/claims/measure expectations yet")
            return nil
        }
        for output in Self.outputs {
            let r = try Fixtures.run([output, article, "--format", "json"])
            XCTAssertEqual(r.code, 0, "\(name): \(output) failed: \(r.err)")
            let expectedPath = dir + "/\(output).json", actualPath = dir + "/actual.\(output).json"
            if Self.updating {
                try Data(r.out.utf8).write(to: URL(fileURLWithPath: expectedPath))
                try? FileManager.default.removeItem(atPath: actualPath)
                continue
            }
            let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
            if r.out == expected {
                try? FileManager.default.removeItem(atPath: actualPath)
            } else {
                try Data(r.out.utf8).write(to: URL(fileURLWithPath: actualPath))
                XCTFail("\(name)/\(output).json differs from what frontline prints (written to \(actualPath))")
            }
        }
        if FileManager.default.fileExists(atPath: dir + "/map-800w.png") { try checkMap(name, article: article) }
        return nil
    }

    /// Renders the case's map at 800 px and compares it with `map-800w.png`; on a failure the actual
    /// image and a diff (differing pixels in red) are written beside it.
    func checkMap(_ name: String, article: String) throws {
        let dir = Fixtures.cases + "/" + name
        let reference = dir + "/map-800w.png", actualPath = dir + "/actual.map-800w.png"
        let r = try Fixtures.run(["render", article, "-o", actualPath, "--width", "800", "--format", "png"])
        XCTAssertEqual(r.code, 0, "\(name): render failed: \(r.err)")
        if Self.updating {
            try? FileManager.default.removeItem(atPath: reference)
            try FileManager.default.moveItem(atPath: actualPath, toPath: reference)
            return
        }
        let expected = try RasterImage(pngFile: reference), actual = try RasterImage(pngFile: actualPath)
        let size = "\(actual.width)x\(actual.height), expected \(expected.width)x\(expected.height)"
        let cmp = try XCTUnwrap(actual.compare(to: expected, threshold: 40), "\(name): the map is \(size)")
        if cmp.fraction > 0.002 {
            try cmp.diff.writePNG(to: dir + "/actual.diff.png")
            XCTFail(
                "\(name): \(cmp.differing) pixels (\(cmp.fraction * 100) %) differ from \(reference); "
                    + "see \(actualPath) and actual.diff.png")
        } else {
            try? FileManager.default.removeItem(atPath: actualPath)
        }
    }
}
