import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import FrontlineKit

final class RenderTests: XCTestCase {
    /// Golden-image test: per-pixel threshold plus an allowed fraction of differing pixels.
    /// Set FRONTLINE_UPDATE_GOLDEN=1 to regenerate the reference on purpose.
    func testExampleRenderMatchesGoldenImage() throws {
        let f = try Fixtures.frontline()
        let name = "example-manbij-marea-falluja-800w"
        let reference = Fixtures.golden + "/\(name).png"
        let dir = try Fixtures.tempDir()
        let actualPath = dir + "/actual.png"
        let scene = try f.scene(for: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: 800))
        try Renderer(fonts: f.fonts).write(scene, format: .png, to: actualPath)
        if ProcessInfo.processInfo.environment["FRONTLINE_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: reference)
            try FileManager.default.copyItem(atPath: actualPath, toPath: reference)
            print("golden image regenerated: \(reference)")
        }
        let expected = try RasterImage(pngFile: reference)
        let actual = try RasterImage(pngFile: actualPath)
        XCTAssertEqual(actual.width, expected.width)
        XCTAssertEqual(actual.height, expected.height)
        let cmp = try XCTUnwrap(actual.compare(to: expected, threshold: 40), "sizes differ: \(actual.width)x\(actual.height) vs \(expected.width)x\(expected.height)")
        if cmp.fraction > 0.002 {
            let failures = Fixtures.golden + "/failures"
            try? FileManager.default.createDirectory(atPath: failures, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: failures + "/\(name).actual.png")
            try FileManager.default.copyItem(atPath: actualPath, toPath: failures + "/\(name).actual.png")
            try cmp.diff.writePNG(to: failures + "/\(name).diff.png")
            XCTFail("\(cmp.differing) pixels (\(cmp.fraction * 100)%) differ from \(reference); see \(failures)")
        }
    }

    func testGoldenComparisonDetectsAChange() throws {
        let reference = try RasterImage(pngFile: Fixtures.golden + "/example-manbij-marea-falluja-800w.png")
        var pixels = reference.pixels
        for i in 0..<(pixels.count / 50) { pixels[i] = 0xFFFF_00FF }
        let changed = RasterImage(width: reference.width, height: reference.height, pixels: pixels)
        let cmp = try XCTUnwrap(changed.compare(to: reference, threshold: 40))
        XCTAssertGreaterThan(cmp.fraction, 0.002)
        XCTAssertEqual(reference.compare(to: reference, threshold: 0)?.differing, 0)
    }

    func testSVGIsVectorWithTitleDescriptionAndMetadata() throws {
        let f = try Fixtures.frontline()
        let dir = try Fixtures.tempDir()
        let article = try Article.load(path: Fixtures.exampleArticle)
        let paths = try f.render(article: article, request: MapRequest(width: 1000), formats: [.svg, .pdf], output: dir + "/map")
        XCTAssertEqual(paths, [dir + "/map.svg", dir + "/map.pdf"])
        let doc = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/map.svg"), options: [])
        let root = try XCTUnwrap(doc.rootElement())
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes?.first { $0.name == "width" }?.stringValue, "1000px")
        XCTAssertEqual(root.attributes?.first { $0.name == "viewBox" }?.stringValue?.hasPrefix("0 0 1000 "), true)
        XCTAssertEqual(root.elements(forName: "title").first?.stringValue, article.title)
        let desc = try XCTUnwrap(root.elements(forName: "desc").first?.stringValue)
        XCTAssertTrue(desc.contains("Manbij (Syria)") && desc.contains("Falluja (Iraq)"), desc)
        let meta = try XCTUnwrap(root.elements(forName: "metadata").first?.stringValue)
        let json = try JSONSerialization.jsonObject(with: Data(meta.utf8)) as? [String: Any]
        let places = try XCTUnwrap(json?["places"] as? [[String: Any]])
        XCTAssertTrue(places.contains { $0["name"] as? String == "Manbij" })
        // Vector: paths, not an embedded bitmap.
        let xml = try String(contentsOfFile: dir + "/map.svg", encoding: .utf8)
        XCTAssertGreaterThan(xml.components(separatedBy: "<path").count, 50)
        XCTAssertFalse(xml.contains("<image"))
        let pdf = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/map.pdf"))
        XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
    }

    func testSameInputGivesIdenticalBytes() throws {
        let f = try Fixtures.frontline()
        let article = try Article.load(path: Fixtures.exampleArticle)
        var outputs: [[Data]] = []
        for _ in 0..<2 {
            let dir = try Fixtures.tempDir()
            let paths = try f.render(article: article, request: MapRequest(width: 600), formats: [.png, .svg, .pdf], output: dir + "/m")
            outputs.append(try paths.map { try XCTUnwrap(FileManager.default.contents(atPath: $0)) })
        }
        for (i, format) in ["png", "svg", "pdf"].enumerated() {
            XCTAssertEqual(outputs[0][i], outputs[1][i], "\(format) differs between two renders")
        }
    }

    func testAFailedWriteLeavesTheEarlierFileIntact() throws {
        let dir = try Fixtures.tempDir()
        let path = dir + "/keep.png"
        FileManager.default.createFile(atPath: path, contents: Data("old".utf8))
        XCTAssertThrowsError(try AtomicFile.write(to: path) { tmp in
            FileManager.default.createFile(atPath: tmp, contents: Data("half".utf8))
            throw FrontlineError.library(name: "test", reason: "fails midway")
        })
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("old".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["keep.png"])
    }
}

final class DeterminismTests: XCTestCase {
    /// The same input twice gives byte-identical JSON from every command that writes it.
    func testJSONOutputsAreByteIdentical() throws {
        for args in [["places", Fixtures.exampleArticle, "--format", "json"], ["places", Fixtures.exampleArticle, "--format", "geojson"],
                     ["claims", Fixtures.exampleArticle, "--format", "json"], ["measure", Fixtures.exampleArticle, "--format", "json"]] {
            let a = try Fixtures.run(args), b = try Fixtures.run(args)
            XCTAssertEqual(a.code, 0, a.err)
            XCTAssertFalse(a.out.isEmpty)
            XCTAssertEqual(a.out, b.out, "\(args) differs between runs")
        }
    }
}
