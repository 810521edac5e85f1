import Foundation
import XCTest

/// Every folder of Tests/Cases is one case, as tippecanoe keeps its tests: `article.path` names the
/// article (relative to the package root), and `places.json`, `claims.json`, `measure.json` are what
/// `frontline places|claims|measure ARTICLE --format json` must print for it, byte for byte.
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
        return nil
    }
}
