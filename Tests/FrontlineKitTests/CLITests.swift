import XCTest
@testable import FrontlineKit

final class CLITests: XCTestCase {
    func testRenderWritesEachFormat() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", Fixtures.exampleArticle, "-o", dir + "/ex", "--format", "png,svg,pdf", "--width", "700"])
        XCTAssertEqual(r.code, 0, r.err)
        for ext in ["png", "svg", "pdf"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/ex." + ext), ext)
        }
        let png = try RasterImage(pngFile: dir + "/ex.png")
        XCTAssertEqual(png.width, 700)
    }

    func testSeedArticleRendersThreeFiles() throws {
        _ = try Fixtures.seed()
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", Fixtures.seedArticle, "-o", dir + "/seed", "--format", "png,svg,pdf"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["seed.pdf", "seed.png", "seed.svg"])
    }

    func testMissingArticleIsAClearErrorWithExitCode1() throws {
        let r = try Fixtures.run(["render", "/nonexistent/article.txt"])
        XCTAssertEqual(r.code, 1)
        XCTAssertEqual(r.err, "frontline: error: /nonexistent/article.txt: no such file\n")
    }

    func testDirectoryAsArticleIsRefused() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", dir])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("\(dir): is a directory"), r.err)
    }

    func testUnknownFormatAndBadSizesAreUsageErrors() throws {
        for args in [["--format", "gif"], ["--width", "0"], ["--width", "-5"], ["--height", "99999"]] {
            let r = try Fixtures.run(["render", Fixtures.exampleArticle] + args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err)
        }
    }

    func testMissingOutputDirectoryIsReportedAndNothingIsWritten() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", Fixtures.exampleArticle, "-o", dir + "/nope/map"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("directory \(dir)/nope does not exist"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    func testEmptyArticleIsRefused() throws {
        let dir = try Fixtures.tempDir()
        FileManager.default.createFile(atPath: dir + "/empty.txt", contents: Data("  \n\n ".utf8))
        let r = try Fixtures.run(["render", dir + "/empty.txt"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("empty.txt: has no article text"), r.err)
    }
}
