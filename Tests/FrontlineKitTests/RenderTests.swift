import CCairo
import XCTest

@testable import FrontlineKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

final class RenderTests: XCTestCase {
    func testGoldenComparisonDetectsAChange() throws {
        let reference = try RasterImage(pngFile: Fixtures.cases + "/manbij-marea-falluja-2016/map-800w.png")
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
        let paths = try f.render(
            article: article, request: MapRequest(width: 1000), formats: [.svg, .pdf], output: dir + "/map")
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
            let paths = try f.render(
                article: article, request: MapRequest(width: 600), formats: [.png, .svg, .pdf], output: dir + "/m")
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
        XCTAssertThrowsError(
            try AtomicFile.write(to: path) { tmp in
                FileManager.default.createFile(atPath: tmp, contents: Data("half".utf8))
                throw FrontlineError.library(name: "test", reason: "fails midway")
            })
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("old".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["keep.png"])
    }

    // MARK: PNG encoding

    /// Draws a few shapes (with antialiased edges) on a canvas of the given size; `paper` fills it first.
    private func canvas(width: Double, height: Double, paper: Bool) throws -> CairoCanvas {
        let c = try CairoCanvas(format: .png, width: width, height: height, fonts: try FontSet.shared())
        if paper {
            c.rect(Rect(x: 0, y: 0, width: width, height: height))
            c.setColor(RGBA(0.96, 0.95, 0.92))
            c.fill()
        }
        c.circle(Point(x: width * 0.4, y: height * 0.5), radius: min(width, height) * 0.3)
        c.setColor(RGBA(0.2, 0.4, 0.8, 0.6))
        c.fill()
        c.path([[Point(x: 1, y: 1), Point(x: width - 2, y: height - 1), Point(x: width * 0.7, y: 2)]], closed: false)
        c.setColor(RGBA(0.8, 0.1, 0.1, 0.9))
        c.setLine(width: 2.5)
        c.stroke()
        return c
    }

    private func decode(_ bytes: [UInt8]) throws -> (RasterImage, Double?) {
        let path = try Fixtures.tempDir() + "/t.png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (try RasterImage(pngFile: path), PNGResolution.dpi(of: path))
    }

    func testOpaqueImageDecodesToTheSamePixelsAndRecordsItsResolution() throws {
        // Odd and tiny sizes too: the scanlines are written over the pixels they come from, four pixels
        // at a time and then a tail of one to three, and no pixel may be overwritten before it is read.
        for (w, h) in [
            (320.0, 241.0), (300.0, 1.0), (301.0, 2.0), (64.0, 7.0), (1.0, 5.0), (2.0, 3.0), (3.0, 4.0), (7.0, 9.0),
        ] {
            let c = try canvas(width: w, height: h, paper: true)
            let expected = pixels(of: c)
            let (image, dpi) = try decode(try c.finish(dpi: 300))
            XCTAssertEqual(image.width, Int(w))
            XCTAssertEqual(image.height, Int(h))
            XCTAssertEqual(image.pixels, expected, "\(w)x\(h): every pixel survives the round trip")
            XCTAssertEqual(try XCTUnwrap(dpi), 300, accuracy: 0.01)
        }
    }

    func testTransparentImageKeepsItsAlpha() throws {
        let c = try canvas(width: 200, height: 120, paper: false)
        let expected = pixels(of: c)
        let (image, _) = try decode(try c.finish(dpi: 96))
        XCTAssertTrue(expected.contains { $0 >> 24 == 0 }, "the test image has transparent pixels")
        XCTAssertTrue(expected.contains { $0 >> 24 > 0 && $0 >> 24 < 255 }, "and partly transparent ones")
        // Straight alpha in the file, premultiplied again on reading: each channel within rounding.
        for (a, b) in zip(image.pixels, expected) {
            for shift in stride(from: 0, through: 24, by: 8) {
                let d = abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF))
                XCTAssertLessThanOrEqual(d, 1, String(format: "%08x vs %08x", a, b))
            }
        }
    }

    func testRenderedMapIsOneEncodingWithItsResolution() throws {
        let f = try Fixtures.frontline()
        let scene = try f.scene(
            for: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: 640, dpi: 150))
        let bytes = try Renderer(fonts: f.fonts).bytes(scene, format: .png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = pngChunks(bytes)
        XCTAssertEqual(chunks.first, "IHDR")
        XCTAssertEqual(chunks.last, "IEND")
        XCTAssertTrue(chunks.contains("pHYs"))
        XCTAssertEqual(chunks.filter { $0 == "pHYs" }.count, 1)
        XCTAssertEqual(try XCTUnwrap(decode(bytes).1), 150, accuracy: 0.02, "pixels per metre, rounded")
    }

    private func pngChunks(_ b: [UInt8]) -> [String] {
        var out: [String] = []
        var i = 8
        while i + 8 <= b.count {
            let len = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            out.append(String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self))
            i += 12 + len
        }
        return out
    }

    func testRasterHaloLooksLikeAStrokedHalo() throws {
        // The raster halo (the text's coverage dilated by half the halo's width) against the outline
        // stroke it replaces, on a dark ground where any gap or excess would show; several sizes,
        // angles and opacities.
        for (size, angle, halo) in [
            (14.0, 0.0, RGBA(1, 1, 1, 0.92)), (22.0, 0.4, RGBA(1, 1, 1, 0.5)), (11.0, -1.2, RGBA(1, 1, 1, 0.92)),
        ] {
            var images: [[UInt32]] = []
            for stroked in [false, true] {
                let c = try CairoCanvas(format: .png, width: 260, height: 160, fonts: try FontSet.shared())
                c.rect(Rect(x: 0, y: 0, width: 260, height: 160))
                c.setColor(RGBA(0.2, 0.3, 0.4))
                c.fill()
                c.setFont(.bold, size: size)
                if stroked {
                    c.save()
                    cairo_translate(c.cr, 30, 90)
                    cairo_rotate(c.cr, angle)
                    cairo_move_to(c.cr, 0, 0)
                    cairo_text_path(c.cr, "Jarabulus ij")
                    c.setColor(halo)
                    cairo_set_line_width(c.cr, size * 0.25)
                    cairo_stroke(c.cr)
                    cairo_move_to(c.cr, 0, 0)
                    c.setColor(RGBA(0, 0, 0))
                    cairo_show_text(c.cr, "Jarabulus ij")
                    c.restore()
                } else {
                    c.text(
                        "Jarabulus ij", at: Point(x: 30, y: 90), angle: angle, color: RGBA(0, 0, 0), halo: halo,
                        haloWidth: size * 0.25)
                }
                images.append(pixels(of: c))
            }
            func channel(_ v: UInt32, _ k: Int) -> Int { Int((v >> UInt32(8 * k)) & 0xFF) }
            func differs(_ a: UInt32, _ b: UInt32, by d: Int) -> Bool {
                (0..<3).contains { k in abs(channel(a, k) - channel(b, k)) > d }
            }
            let haloed = Double(images[1].filter { $0 != images[1][0] }.count)
            XCTAssertGreaterThan(haloed, 500)
            // Antialiased edges differ a little; a gap or a blot would differ by most of the contrast.
            // (What does differ clearly is single pixels in counters narrower than the halo, at 11 px:
            // 1% of the halo; a missing or doubled halo would be most of it.)
            let slightly = Double(zip(images[0], images[1]).filter { differs($0.0, $0.1, by: 40) }.count)
            let clearly = Double(zip(images[0], images[1]).filter { differs($0.0, $0.1, by: 96) }.count)
            XCTAssertLessThan(slightly / haloed, 0.14, "size \(size), angle \(angle), opacity \(halo.a)")
            XCTAssertLessThan(clearly / haloed, 0.015, "size \(size), angle \(angle), opacity \(halo.a)")
        }
    }

    // MARK: SVG

    func testSurfacesAreNumberedByFirstAppearance() {
        let svg = Array(
            "<g id=\"surface358\"><use xlink:href=\"#surface12\"/><use href=\"#surface358\"/> surfaces surface</g>".utf8
        )
        let out = String(decoding: SVGDocument.renumberSurfaces(Array("<svg>".utf8), svg[...]), as: UTF8.self)
        XCTAssertEqual(
            out, "<svg><g id=\"surface1\"><use xlink:href=\"#surface2\"/><use href=\"#surface1\"/> surfaces surface</g>"
        )
    }
}

final class DeterminismTests: XCTestCase {
    /// The same input twice gives byte-identical JSON from every command that writes it.
    func testJSONOutputsAreByteIdentical() throws {
        for args in [
            ["places", Fixtures.exampleArticle, "--format", "json"],
            ["places", Fixtures.exampleArticle, "--format", "geojson"],
            ["claims", Fixtures.exampleArticle, "--format", "json"],
            ["measure", Fixtures.exampleArticle, "--format", "json"],
        ] {
            let a = try Fixtures.run(args), b = try Fixtures.run(args)
            XCTAssertEqual(a.code, 0, a.err)
            XCTAssertFalse(a.out.isEmpty)
            XCTAssertEqual(a.out, b.out, "\(args) differs between runs")
        }
    }
}
