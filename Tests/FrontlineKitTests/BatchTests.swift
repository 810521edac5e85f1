import XCTest

@testable import FrontlineKit

final class BatchTests: XCTestCase {
    /// Variants of the project's articles plus one corrupt file: all but the corrupt one rendered, it is reported.
    func testBatchGoesOnPastACorruptFileAndSummarises() throws {
        let corpus = try Fixtures.tempDir(), out = try Fixtures.tempDir()
        // The articles the committed basemap draws: those whose case holds its expected outputs (an
        // article of a front beyond it has none until Shapes/ covers it, and would not render).
        let sources = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples).filter {
            $0.hasSuffix(".txt")
                && FileManager.default.fileExists(
                    atPath: Fixtures.cases + "/" + $0.dropLast(4) + "/places.json")
        }.sorted()
        XCTAssertGreaterThanOrEqual(sources.count, 5)
        for i in 0..<11 {
            let text = try String(contentsOfFile: Fixtures.examples + "/" + sources[i % sources.count], encoding: .utf8)
            try ("Variant \(i): " + text).write(
                toFile: corpus + String(format: "/a-%02d.txt", i), atomically: true, encoding: .utf8)
        }
        FileManager.default.createFile(atPath: corpus + "/broken.txt", contents: Data([0x89, 0x50, 0x00, 0x00, 0xFF]))
        let r = try Fixtures.run(["batch", corpus, "-o", out, "--width", "400", "--jobs", "2"])
        XCTAssertEqual(r.code, 1, "a failure makes the exit code non-zero")
        XCTAssertTrue(r.out.contains("12 articles: 11 rendered, 1 failed"), r.out)
        XCTAssertTrue(r.out.contains("failed: \(corpus)/broken.txt: contains NUL bytes"), r.out)
        // Plain progress lines when not on a terminal, one per article.
        XCTAssertEqual(r.err.split(separator: "\n").filter { $0.hasPrefix("batch: ") }.count, 12)
        XCTAssertTrue(r.err.contains("batch: 12/12"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        XCTAssertEqual(files.filter { $0.hasSuffix(".png") }.count, 11)
        XCTAssertEqual(files.filter { $0.hasSuffix(".claims.json") }.count, 11)
        XCTAssertFalse(files.contains { $0.hasPrefix("broken") || $0.hasSuffix(".tmp") })
    }

    func testShardsAreDeterministicAndCoverEverything() throws {
        let inputs = (0..<23).map { String(format: "/x/a-%02d.txt", $0) }.shuffled()
        let sorted = inputs.sorted()
        var all: [String] = []
        for k in 1...4 {
            let part = Batch.shard(sorted, k: k, n: 4)
            XCTAssertEqual(part, Batch.shard(sorted, k: k, n: 4))
            all += part
        }
        XCTAssertEqual(all.sorted(), sorted)
        XCTAssertEqual(Batch.shard(sorted, k: 1, n: 4).first, "/x/a-00.txt")
        XCTAssertEqual(Batch.names(["/a/x.txt", "/b/x.txt", "/c/y.txt"]), ["x", "x-2", "y"])
        let bad = try Fixtures.run(["batch", Fixtures.examples, "-o", "/tmp", "--shard", "5/4"])
        XCTAssertEqual(bad.code, 2)
    }
}
