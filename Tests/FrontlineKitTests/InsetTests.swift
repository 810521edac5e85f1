import CDeflate
import Foundation
import XCTest

@testable import FrontlineKit

/// The locator inset (issue 18, item 5): its extent, the main map's frame on it, its corner, the option
/// that turns it off, and its presence in every format. Run over the committed basemap, or over the one
/// $FRONTLINE_SHAPES names (FRONTLINE_SHAPES=/tmp/wshapes swift test --filter InsetTests: the world's).
final class InsetTests: XCTestCase {
    nonisolated(unsafe) static var world: Frontline?

    /// The pipeline over $FRONTLINE_SHAPES when set, else the committed basemap.
    func frontline() throws -> Frontline {
        guard let dir = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"], !dir.isEmpty else {
            return try Fixtures.frontline()
        }
        if let f = Self.world { return f }
        let f = try Frontline(shapes: dir, cache: nil)
        Self.world = f
        return f
    }

    /// The extent's red, as the styles file gives it.
    var red: RGBA { get throws { try XCTUnwrap(RGBA(hex: try StyleSheet.shared().colour("inset", "extent"))) } }

    func example(width: Double = 1600, inset: Bool = true) throws -> (Scene, MapExtent) {
        let f = try frontline()
        let a = try f.analyse(try Article.load(path: Fixtures.exampleArticle))
        let request = MapRequest(width: width, inset: inset)
        return (try f.scene(for: a, request: request), try f.composer().extent(of: a, request: request))
    }

    func testInsetContainsTheMainExtentAndDrawsItsFrameWhereItIs() throws {
        let (scene, extent) = try example()
        let inset = try XCTUnwrap(scene.inset, "the example map has a free corner")
        for corner in [
            LonLat(lon: extent.box.minLon, lat: extent.box.minLat),
            LonLat(lon: extent.box.maxLon, lat: extent.box.maxLat),
        ] {
            XCTAssertTrue(inset.box.contains(corner), "\(inset.box) contains the main extent \(extent.box)")
        }
        XCTAssertEqual(Set(inset.countries), ["Syria", "Iraq"])
        XCTAssertTrue(scene.frame.contains(inset.frame))
        // The outline, recomputed here: the main frame's corners taken to the globe by the main map's
        // projection, and projected on the inset by a conformal projection of the inset's own extent.
        let main = MapTransform(projection: try .conformal(for: extent.box), box: extent.box, frame: scene.frame)
        let small = MapTransform(projection: try .conformal(for: inset.box), box: inset.box, frame: inset.frame)
        let f = scene.frame
        for (k, corner) in [
            Point(x: f.minX, y: f.minY), Point(x: f.maxX, y: f.minY), Point(x: f.maxX, y: f.maxY),
            Point(x: f.minX, y: f.maxY),
        ].enumerated() {
            let expected = try XCTUnwrap(small.device(try XCTUnwrap(main.geo(corner))))
            let drawn = inset.outline[k * 16]
            XCTAssertEqual(drawn.x, expected.x, accuracy: 0.5, "corner \(k)")
            XCTAssertEqual(drawn.y, expected.y, accuracy: 0.5, "corner \(k)")
            XCTAssertTrue(inset.frame.contains(drawn), "the main map's corner \(k) lies on the inset")
        }
        // Each corner of the extent lies inside the outline's box, and the outline is smaller than the inset.
        let xs = inset.outline.map(\.x), ys = inset.outline.map(\.y)
        for ll in [
            LonLat(lon: extent.box.minLon, lat: extent.box.minLat),
            LonLat(lon: extent.box.maxLon, lat: extent.box.maxLat),
        ] {
            let p = try XCTUnwrap(small.device(ll))
            XCTAssertTrue(
                p.x >= xs.min()! - 0.5 && p.x <= xs.max()! + 0.5 && p.y >= ys.min()! - 0.5 && p.y <= ys.max()! + 0.5)
        }
        XCTAssertLessThan(xs.max()! - xs.min()!, inset.frame.width * 0.7, "the inset zooms out around the map")
        XCTAssertFalse(inset.marksPoint)
        // The red outline drawn is that outline.
        let red = try self.red
        let strokes = scene.items.compactMap { item -> [[Point]]? in
            if case .path(let parts, true, let style) = item, style.stroke == red { return parts }
            return nil
        }
        XCTAssertEqual(strokes, [[inset.outline]])
    }

    func testInsetHidesNoMarkerLabelOrLegendAndNamesKeepOffIt() throws {
        for width in [800.0, 1600] {
            let (scene, _) = try example(width: width)
            let inset = try XCTUnwrap(scene.inset, "at \(width)")
            for l in scene.labels {
                for b in l.boxes { XCTAssertFalse(b.intersects(inset.frame), "\(l.text) under the inset at \(width)") }
            }
            let red = try self.red
            for case .marker(let m) in scene.items where scene.frame.contains(m.center) && m.fill != red {
                XCTAssertFalse(inset.frame.insetBy(-m.radius).contains(m.center), "a marker under the inset")
            }
            XCTAssertTrue(scene.description.contains("A locator inset (\(inset.corner.rawValue))"))
        }
    }

    /// A placer of fixed-size text, for corner choices without fonts.
    struct Measurer: TextMeasuring {
        func size(of text: String, style: FontStyle, fontSize: Double) -> TextSize {
            TextSize(width: Double(text.count) * fontSize * 0.6, ascent: fontSize * 0.8, descent: fontSize * 0.2)
        }
    }

    func testCornerIsTheFirstFreeOneAndNoneWhenAllAreTaken() throws {
        let style = InsetStyle(sheet: try StyleSheet.shared(), map: MapStyle(width: 1600))
        let frame = Rect(x: 0, y: 0, width: 1000, height: 800), size = (width: 240.0, height: 180.0)
        var placer = LabelPlacer(bounds: frame, measurer: Measurer())
        func choose(_ lines: [[Point]] = []) -> LocatorInset.Corner? {
            LocatorInset.corner(size: size, in: frame, markers: [], lines: lines, style: style, placer: placer)?.1
        }
        XCTAssertEqual(choose(), .topRight, "top right when every corner is free")
        placer.reserve(Rect(x: 900, y: 60, width: 30, height: 12))  // a label in the top right corner
        XCTAssertEqual(choose(), .topLeft)
        XCTAssertEqual(choose([[Point(x: 100, y: 100), Point(x: 120, y: 90)]]), .bottomRight, "a measured line")
        placer.reserve(Rect(x: 50, y: 700, width: 30, height: 12))
        placer.reserve(Rect(x: 900, y: 700, width: 30, height: 12))
        XCTAssertEqual(choose(), .topLeft)
        placer.reserve(Rect(x: 100, y: 100, width: 10, height: 10))
        XCTAssertNil(choose(), "no corner free: no inset")
        // Of two free corners, the one with fewer markers close by.
        let empty = LabelPlacer(bounds: frame, measurer: Measurer())
        let crowded = LocatorInset.corner(
            size: size, in: frame, markers: [Point(x: 700, y: 230), Point(x: 720, y: 210)], lines: [], style: style,
            placer: empty)
        XCTAssertEqual(crowded?.1, .topLeft)
    }

    /// A square country, for the region's rules.
    func country(_ iso: String, _ b: GeoBox) -> ShapeRecord {
        let ring = [
            LonLat(lon: b.minLon, lat: b.minLat), LonLat(lon: b.maxLon, lat: b.minLat),
            LonLat(lon: b.maxLon, lat: b.maxLat), LonLat(lon: b.minLon, lat: b.maxLat),
            LonLat(lon: b.minLon, lat: b.minLat),
        ]
        return ShapeRecord(parts: [ring], bounds: b, attributes: ["ISO_A2": iso, "NAME": iso])
    }

    func testRegionIsTheCountryWithAMarginOrAZoomOutForAHugeOne() throws {
        let style = InsetStyle(sheet: try StyleSheet.shared(), map: MapStyle(width: 1600))
        let small = GeoBox(minLon: 37, minLat: 48, maxLon: 38, maxLat: 48.6)
        let ua = country("UA", GeoBox(minLon: 22, minLat: 44, maxLon: 40, maxLat: 52.4))
        let ru = country("RU", GeoBox(minLon: 27, minLat: 41, maxLon: 180, maxLat: 78))
        // Under the map's centre, with no article country: Ukraine, whole, with a margin.
        let (box, focus) = LocatorInset.region(shown: small, countries: [ua, ru], focus: [], style: style)
        XCTAssertEqual(focus, ["UA"])
        XCTAssertTrue(box.minLon < 22 && box.maxLon > 40 && box.minLat < 44 && box.maxLat > 52.4, "\(box)")
        XCTAssertLessThan(box.width, 30)
        // Russia is huge: the map's box zoomed out about it, not all of Russia.
        let (huge, f2) = LocatorInset.region(shown: small, countries: [ua, ru], focus: ["RU"], style: style)
        XCTAssertEqual(f2, ["RU"])
        XCTAssertEqual(huge.center.lon, small.center.lon, accuracy: 0.01)
        XCTAssertEqual(huge.center.lat, small.center.lat, accuracy: 0.01)
        XCTAssertEqual(LocatorInset.span(huge), style.number("least span"), accuracy: 0.05, "the least span")
        XCTAssertLessThan(huge.maxLon, 80)
        // A map that shows all of its country still zooms out: at least `least zoom out` times the map.
        let wide = GeoBox(minLon: 21, minLat: 43, maxLon: 41, maxLat: 53)
        let (around, _) = LocatorInset.region(shown: wide, countries: [ua], focus: ["UA"], style: style)
        XCTAssertGreaterThanOrEqual(
            LocatorInset.span(around) + 1e-9, style.number("least zoom out") * LocatorInset.span(wide))
        // The article's countries among those its places are in; else where most of its places are.
        let sy = country("SY", GeoBox(minLon: 35.7, minLat: 32.3, maxLon: 42.4, maxLat: 37.3))
        let tr = country("TR", GeoBox(minLon: 26, minLat: 36.6, maxLon: 44.8, maxLat: 42.1))
        let iq = country("IQ", GeoBox(minLon: 38.8, minLat: 29.1, maxLon: 48.6, maxLat: 37.4))
        let aleppo = GeoBox(minLon: 36.5, minLat: 35.6, maxLon: 38.2, maxLat: 36.9)
        func inside(_ focus: Set<String>, _ places: [String]) -> Set<String> {
            LocatorInset.countriesInside(shown: aleppo, countries: [sy, tr, iq], focus: focus, places: places)
        }
        XCTAssertEqual(inside(["TR"], ["SY", "SY", "TR"]), ["TR"])
        XCTAssertEqual(inside(["TR"], ["SY", "SY", "SY"]), ["SY"], "no place in Turkey: where the places are")
        XCTAssertEqual(inside(["SY", "IQ"], ["SY", "IQ", "TR"]), ["SY", "IQ"])
        XCTAssertEqual(inside(["UA"], []), ["SY"], "nothing else: the country under the centre")
        for b in [box, huge, around] {
            XCTAssertTrue(b.contains(LonLat(lon: small.minLon, lat: small.minLat)))
            XCTAssertTrue(b.contains(LonLat(lon: small.maxLon, lat: small.maxLat)))
        }
    }

    func testInsetOffDrawsNone() throws {
        let (scene, _) = try example(width: 800, inset: false)
        XCTAssertNil(scene.inset)
        let red = try self.red
        XCTAssertFalse(scene.items.contains { if case .path(_, _, let s) = $0 { s.stroke == red } else { false } })
        XCTAssertFalse(scene.description.contains("locator inset"))
    }

    func testInsetIsInThePNGSVGAndPDF() throws {
        let f = try frontline()
        let renderer = Renderer(fonts: f.fonts)
        let (on, _) = try example(width: 800)
        let (off, _) = try example(width: 800, inset: false)
        let inset = try XCTUnwrap(on.inset)
        // PNG: the red of the outline, in the inset's corner, only when it is drawn.
        func redPixels(_ scene: Scene) throws -> Int {
            let path = try Fixtures.tempDir() + "/map.png"
            try renderer.write(scene, format: .png, to: path)
            let image = try RasterImage(pngFile: path)
            var n = 0
            for y in Int(inset.frame.minY)..<Int(inset.frame.maxY) {
                for x in Int(inset.frame.minX)..<Int(inset.frame.maxX) {
                    let p = image.pixels[y * image.width + x]
                    let r = Int(p >> 16 & 255), g = Int(p >> 8 & 255), b = Int(p & 255)
                    // The outline's red, or a blend of it with the land under its antialiased edge.
                    if r > 150, r - g > 90, r - b > 90 { n += 1 }
                }
            }
            return n
        }
        XCTAssertGreaterThan(try redPixels(on), 100)
        XCTAssertEqual(try redPixels(off), 0)
        // SVG: the outline's stroke colour (Cairo writes colours as percentages).
        func svg(_ scene: Scene) throws -> String {
            String(decoding: try renderer.bytes(scene, format: .svg), as: UTF8.self)
        }
        let stroke = "stroke:rgb(84.313725%,9.803922%,10.980392%)"
        XCTAssertTrue(try svg(on).contains(stroke))
        XCTAssertFalse(try svg(off).contains(stroke))
        XCTAssertTrue(try svg(on).contains("A locator inset ("), "the SVG's description names it")
        // Its <metadata> gives the inset's extent and countries; without one, no inset there.
        func metadata(_ text: String) throws -> [String: Any] {
            let start = try XCTUnwrap(text.range(of: "<![CDATA[")),
                end = try XCTUnwrap(text.range(of: "]]></metadata>"))
            let json = Data(text[start.upperBound..<end.lowerBound].utf8)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        }
        let meta = try XCTUnwrap(try metadata(try svg(on))["inset"] as? [String: Any])
        XCTAssertEqual(meta["corner"] as? String, inset.corner.rawValue)
        XCTAssertEqual(meta["countries"] as? [String], inset.countries)
        let box = try XCTUnwrap(meta["box"] as? [String: Double])
        XCTAssertEqual(try XCTUnwrap(box["minLon"]), inset.box.minLon, accuracy: 1e-6)
        XCTAssertNil(try metadata(try svg(off))["inset"])
        // PDF: a stroke colour operator of that red in the page's (deflated) content.
        XCTAssertTrue(try pdfStrokeColours(renderer.bytes(on, format: .pdf)).contains { Self.isRed($0) })
        XCTAssertFalse(try pdfStrokeColours(renderer.bytes(off, format: .pdf)).contains { Self.isRed($0) })
    }

    static func isRed(_ c: [Double]) -> Bool {
        c.count == 3 && abs(c[0] - 215 / 255) < 0.01 && abs(c[1] - 25 / 255) < 0.01 && abs(c[2] - 28 / 255) < 0.01
    }

    /// The stroke colours ("r g b RG") of every Flate stream of a PDF.
    func pdfStrokeColours(_ pdf: [UInt8]) throws -> [[Double]] {
        let d = try XCTUnwrap(libdeflate_alloc_decompressor())
        defer { libdeflate_free_decompressor(d) }
        var colours: [[Double]] = []
        let start = Array("stream\n".utf8), end = Array("endstream".utf8)
        var i = 0
        while let s = Self.find(start, in: pdf, from: i), let e = Self.find(end, in: pdf, from: s) {
            let body = Array(pdf[(s + start.count)..<e])
            var out = [UInt8](repeating: 0, count: 1 << 23)
            var actual = 0, used = 0  // the stream's data may end with a newline before "endstream"
            let r = body.withUnsafeBytes { b in
                out.withUnsafeMutableBytes { o in
                    libdeflate_zlib_decompress_ex(d, b.baseAddress, b.count, o.baseAddress, o.count, &used, &actual)
                }
            }
            if r == LIBDEFLATE_SUCCESS {
                let words = String(decoding: out[..<actual], as: UTF8.self).split(whereSeparator: \.isWhitespace)
                for k in words.indices where k >= 3 && words[k] == "RG" {
                    colours.append(words[(k - 3)..<k].compactMap { Double($0) })
                }
            }
            i = e + end.count
        }
        return colours
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        for k in from...(hay.count - needle.count)
        where hay[k] == needle[0] && Array(hay[k..<(k + needle.count)]) == needle {
            return k
        }
        return nil
    }

    func testComparisonHasOneInsetUnderItsPanels() throws {
        let f = try frontline()
        let a = try f.analyse(try Article.load(path: Fixtures.exampleArticle))
        func scene(_ inset: Bool) throws -> Scene {
            try f.composer().compareScene(
                ComparisonSide(analysis: a, phase: .before, heading: "Before"),
                ComparisonSide(analysis: a, phase: .after, heading: "After"), title: "t",
                request: MapRequest(width: 1600, inset: inset))
        }
        let on = try scene(true)
        let inset = try XCTUnwrap(on.inset)
        XCTAssertEqual(inset.corner, .underPanels)
        XCTAssertGreaterThan(inset.frame.minY, on.frame.maxY, "under the panels")
        XCTAssertLessThanOrEqual(inset.frame.maxY, on.height)
        let red = try self.red
        let outlines = on.items.filter { if case .path(_, true, let s) = $0 { s.stroke == red } else { false } }
        XCTAssertEqual(outlines.count, 1, "one inset for the figure")
        XCTAssertNil(try scene(false).inset)
    }

    func testInsetOptionIsValidated() throws {
        let bad = try Fixtures.run(["render", Fixtures.exampleArticle, "--inset", "corner", "-o", "/tmp/x.png"])
        XCTAssertNotEqual(bad.code, 0)
        XCTAssertTrue(bad.err.contains("--inset takes auto or off (got 'corner')"), bad.err)
        let help = try Fixtures.run(["render", "--help"])
        XCTAssertTrue(help.out.contains("--inset <auto|off>"), help.out)
        let compare = try Fixtures.run(["compare", Fixtures.exampleArticle, "-o", "/tmp/x", "--inset", "no"])
        XCTAssertTrue(compare.err.contains("--inset takes auto or off"), compare.err)
    }

    func testStylesFileIsCheckedOnLoading() throws {
        let dir = try Fixtures.tempDir()
        let good = try String(contentsOfFile: Fixtures.shapes + "/styles.json", encoding: .utf8)
        for (change, reason) in [
            ("\"extent\": \"#d7191c\"", "colour \"extent\" in \"inset\" is missing"),
            ("\"zoom out\": 8", "number \"zoom out\" in \"inset\" is missing"),
        ] {
            let path = dir + "/styles.json"
            let cut = good.replacingOccurrences(of: change + ",", with: "")
            XCTAssertNotEqual(cut, good, change)
            try cut.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try StyleSheet.load(path: path)) { XCTAssertTrue("\($0)".contains(reason), "\($0)") }
        }
        let path = dir + "/styles.json"
        try good.replacingOccurrences(of: "\"#d7191c\"", with: "\"red\"").write(
            toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try StyleSheet.load(path: path)) {
            XCTAssertTrue("\($0)".contains("neither a finite number nor a colour"), "\($0)")
        }
        XCTAssertEqual(try StyleSheet.load(path: Fixtures.shapes + "/styles.json").number("inset", "zoom out"), 8)
    }
}
