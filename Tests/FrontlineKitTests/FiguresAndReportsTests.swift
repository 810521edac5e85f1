import XCTest

@testable import FrontlineKit

final class FiguresAndReportsTests: XCTestCase {
    func testSizesInPixelsMillimetresAndPresets() throws {
        XCTAssertEqual(
            try FigureSize.parse(size: "1200x800", dpi: nil, preset: nil),
            FigureSize(width: 1200, height: 800, dpi: nil))
        XCTAssertEqual(
            try FigureSize.parse(size: "85mm", dpi: nil, preset: nil), FigureSize(width: 1004, height: nil, dpi: 300))
        XCTAssertEqual(
            try FigureSize.parse(size: "170x120mm", dpi: 150, preset: nil),
            FigureSize(width: 1004, height: 709, dpi: 150))
        XCTAssertEqual(try FigureSize.parse(size: nil, dpi: nil, preset: "column")?.width, 1004)
        XCTAssertEqual(
            try FigureSize.parse(size: nil, dpi: nil, preset: "slide"), FigureSize(width: 1920, height: 1080, dpi: nil))
        XCTAssertNil(try FigureSize.parse(size: nil, dpi: nil, preset: nil))
        for bad in ["wide", "0x10", "12xx4", "-5mm"] {
            XCTAssertThrowsError(try FigureSize.parse(size: bad, dpi: nil, preset: nil), bad)
        }
        XCTAssertThrowsError(try FigureSize.parse(size: nil, dpi: nil, preset: "poster"))
        XCTAssertThrowsError(try FigureSize.parse(size: "85mm", dpi: 5, preset: nil))
    }

    func testPrintFigureRecordsItsDPIAndRealUnits() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run([
            "render", Fixtures.exampleArticle, "--size", "85mm", "--dpi", "300", "-o", dir + "/fig", "--format",
            "png,svg,pdf",
        ])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(try XCTUnwrap(PNGResolution.dpi(of: dir + "/fig.png")), 300, accuracy: 0.01)
        XCTAssertEqual(try RasterImage(pngFile: dir + "/fig.png").width, 1004)
        let svg = try String(contentsOfFile: dir + "/fig.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("width=\"85.01mm\"") && svg.contains("viewBox=\"0 0 1004 "), String(svg.prefix(300)))
        let pdf = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/fig.pdf"))
        let text = String(decoding: pdf, as: UTF8.self)
        XCTAssertTrue(text.contains("/MediaBox [ 0 0 240.96 "), "85 mm is 240.96 pt wide")
        // Screen figures record 96 dpi.
        let s = try Fixtures.run(["render", Fixtures.exampleArticle, "--width", "600", "-o", dir + "/screen"])
        XCTAssertEqual(s.code, 0, s.err)
        XCTAssertEqual(try XCTUnwrap(PNGResolution.dpi(of: dir + "/screen.png")), 96, accuracy: 0.05)
    }

    func testHTMLReportIsSelfContained() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run([
            "report", Fixtures.exampleArticle, Fixtures.examples + "/mosul-2016.txt", "-o", dir + "/r.html", "--width",
            "900",
        ])
        XCTAssertEqual(r.code, 0, r.err)
        let html = try String(contentsOfFile: dir + "/r.html", encoding: .utf8)
        // No external references: every image is inline, no links, scripts or remote URLs.
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "remote URL")
        XCTAssertFalse(
            html.contains("<link") || html.contains("<script") || html.contains("@import") || html.contains("url("))
        let srcs = html.components(separatedBy: "src=\"").dropFirst().map { $0.prefix(22) }
        XCTAssertEqual(srcs.count, 2)
        XCTAssertTrue(srcs.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        XCTAssertEqual(
            html.components(separatedBy: "alt=\"Map of the places named").count - 1, 2, "alt text for each map")
        for part in [
            "<h3>Control claims</h3>", "<h3>Distance checks</h3>", "Kafr Kalbin", "“60 km west of Baghdad”", "GeoNames",
            "Natural Earth",
        ] {
            XCTAssertTrue(html.contains(part), part)
        }
        XCTAssertEqual(html.components(separatedBy: "<table>").count - 1, 4)
    }

    func testMarkdownReportWritesItsImagesBesideIt() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["report", Fixtures.exampleArticle, "-o", dir + "/r.md", "--width", "800"])
        XCTAssertEqual(r.code, 0, r.err)
        let md = try String(contentsOfFile: dir + "/r.md", encoding: .utf8)
        XCTAssertTrue(md.contains("](r-1-manbij-marea-falluja-2016.png)"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/r-1-manbij-marea-falluja-2016.png"))
        XCTAssertTrue(md.contains("| # | Actor | Action | Place |") && md.contains("| # | Claim | Kind |"))
        let bad = try Fixtures.run(["report", Fixtures.exampleArticle, "-o", dir + "/r.docx"])
        XCTAssertEqual(bad.code, 2)
    }

    /// The map, the comparison and the report credit their sources in the same words, and write a
    /// distance the same way as the map's footer.
    func testOneAttributionAndOneDistanceFormatEverywhere() throws {
        let f = try Fixtures.frontline()
        let a = try f.analyse(try Article.load(path: Fixtures.exampleArticle))
        let map = try f.scene(for: a, request: MapRequest(width: 900))
        XCTAssertTrue(try XCTUnwrap(map.footerLines.last).contains(MapText.attribution))
        let composer = try f.composer()
        let pair = try composer.compareScene(
            ComparisonSide(analysis: a, phase: .before, heading: "Before"),
            ComparisonSide(analysis: a, phase: .after, heading: "After"),
            title: a.article.title, request: MapRequest(width: 1200))
        XCTAssertTrue(pair.footerLines.joined(separator: " ").contains(MapText.attribution))
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["report", Fixtures.exampleArticle, "-o", dir + "/r.md", "--width", "800"])
        XCTAssertEqual(r.code, 0, r.err)
        let md = try String(contentsOfFile: dir + "/r.md", encoding: .utf8)
        XCTAssertTrue(md.contains(MapText.attribution))
        let along = try XCTUnwrap(a.checks.compactMap(\.alongKm).first)
        XCTAssertTrue(md.contains("| " + MapText.kmText(along) + " |"), "the report writes \(MapText.kmText(along))")
        XCTAssertTrue(map.footerLines.contains { $0.contains(MapText.kmText(along)) })
    }
}
