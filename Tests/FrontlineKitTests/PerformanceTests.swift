import CCairo
import CProj
import Foundation
import XCTest
@testable import FrontlineKit

/// The pieces the performance work added: each must give the same answer as the slow way it replaced.
/// (Speed itself is measured by scripts/bench.sh, never asserted here.)
final class PerformanceTests: XCTestCase {
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

    /// The canvas's own pixels (premultiplied ARGB words).
    private func pixels(of c: CairoCanvas) -> [UInt32] {
        cairo_surface_flush(c.surface)
        let w = Int(cairo_image_surface_get_width(c.surface)), h = Int(cairo_image_surface_get_height(c.surface))
        let stride = Int(cairo_image_surface_get_stride(c.surface))
        let data = cairo_image_surface_get_data(c.surface)!
        var out: [UInt32] = []
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w { out.append(row[x]) }
        }
        return out
    }

    private func decode(_ bytes: [UInt8]) throws -> (RasterImage, Double?) {
        let path = try Fixtures.tempDir() + "/t.png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (try RasterImage(pngFile: path), PNGResolution.dpi(of: path))
    }

    func testOpaqueImageDecodesToTheSamePixelsAndRecordsItsResolution() throws {
        // Odd and tiny sizes too: the scanlines are written over the pixels they come from, four pixels
        // at a time and then a tail of one to three, and no pixel may be overwritten before it is read.
        for (w, h) in [(320.0, 241.0), (300.0, 1.0), (301.0, 2.0), (64.0, 7.0), (1.0, 5.0), (2.0, 3.0), (3.0, 4.0), (7.0, 9.0)] {
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
        let scene = try f.scene(for: try Article.load(path: Fixtures.exampleArticle), request: MapRequest(width: 640, dpi: 150))
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
        for (size, angle, halo) in [(14.0, 0.0, RGBA(1, 1, 1, 0.92)), (22.0, 0.4, RGBA(1, 1, 1, 0.5)), (11.0, -1.2, RGBA(1, 1, 1, 0.92))] {
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
                    c.text("Jarabulus ij", at: Point(x: 30, y: 90), angle: angle, color: RGBA(0, 0, 0), halo: halo, haloWidth: size * 0.25)
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
        let svg = Array("<g id=\"surface358\"><use xlink:href=\"#surface12\"/><use href=\"#surface358\"/> surfaces surface</g>".utf8)
        let out = String(decoding: SVGDocument.renumberSurfaces(Array("<svg>".utf8), svg[...]), as: UTF8.self)
        XCTAssertEqual(out, "<svg><g id=\"surface1\"><use xlink:href=\"#surface2\"/><use href=\"#surface1\"/> surfaces surface</g>")
    }

    // MARK: simplification

    /// A wiggly line of `n` vertices about 100 m apart (deterministic).
    private func wiggle(_ n: Int) -> [LonLat] {
        (0..<n).map { i in
            let t = Double(i)
            return LonLat(lon: 38 + t * 0.001, lat: 36 + 0.004 * sin(t / 7) + 0.0007 * sin(t * 1.3))
        }
    }

    /// The simplifier's plane, about the middle vertex (its default origin).
    private func metres(_ p: LonLat, origin o: LonLat) -> Point {
        Point(x: (p.lon - o.lon) * 111_195 * cos(o.lat * .pi / 180), y: (p.lat - o.lat) * 111_195)
    }

    private func distance(_ p: Point, toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1) : 0
        return hypot(p.x - a.x - t * dx, p.y - a.y - t * dy)
    }

    func testSimplifiedLineStaysWithinTolerance() {
        let line = wiggle(2000)
        for tol in [5.0, 50, 400] {
            let kept = Simplifier.simplify(line, metres: tol)
            XCTAssertEqual(kept.first, line.first)
            XCTAssertEqual(kept.last, line.last)
            XCTAssertLessThan(kept.count, line.count)
            // Every dropped vertex lies within the tolerance of the segment of the kept line that spans it.
            var k = 0
            for p in line {
                while k + 1 < kept.count - 1, kept[k + 1].lon <= p.lon { k += 1 }
                let o = line[line.count / 2]
                let d = distance(metres(p, origin: o), toSegment: metres(kept[k], origin: o), metres(kept[k + 1], origin: o))
                XCTAssertLessThanOrEqual(d, tol * 1.0001, "vertex \(p) at tolerance \(tol)")
            }
        }
        XCTAssertEqual(Simplifier.simplify(line, metres: 0), line, "no tolerance, nothing dropped")
        let straight = (0..<50).map { LonLat(lon: 40 + Double($0) * 0.01, lat: 33) }
        XCTAssertEqual(Simplifier.simplify(straight, metres: 1).count, 2, "a straight line keeps its ends")
    }

    func testMapLinesHaveNoMoreVerticesThanPixelsCanShow() throws {
        let f = try Fixtures.frontline()
        let euphrates = try XCTUnwrap(DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).river(named: "Euphrates"))
        let box = try XCTUnwrap(GeoBox(covering: euphrates.points))
        let t = MapTransform(projection: try Projection.conformal(for: box), box: box, frame: Rect(x: 0, y: 0, width: 400, height: 300))
        let drawn = t.line(euphrates.points)
        XCTAssertLessThan(drawn.count, euphrates.points.count / 4, "most full-resolution vertices are below a pixel")
        XCTAssertGreaterThan(drawn.count, 50, "the course's bends are kept")
        // Drawn vertices are vertices of the course; every vertex dropped is within the 0.4 px tolerance.
        let full = euphrates.points.compactMap { t.device($0) }
        for p in drawn {
            let d = zip(full, full.dropFirst()).map { distance(p, toSegment: $0, $1) }.min() ?? .infinity
            XCTAssertLessThan(d, 0.01)
        }
        for p in full {
            let d = zip(drawn, drawn.dropFirst()).map { distance(p, toSegment: $0, $1) }.min() ?? .infinity
            XCTAssertLessThanOrEqual(d, 0.4, "every full-resolution vertex is within 0.4 px of the drawn line")
        }
    }

    func testChainageSummedInOrderWhenMeasuredOnTwoCores() throws {
        // A river's segments are measured in two halves on two cores: the running sums must be those of one pass.
        let f = try Fixtures.frontline()
        let euphrates = try XCTUnwrap(DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).river(named: "Euphrates"))
        XCTAssertGreaterThan(euphrates.points.count, 4_000)
        let g = Geodesic.wgs84
        var cum = [0.0]
        for i in 1..<euphrates.points.count { cum.append(cum[i - 1] + g.distance(euphrates.points[i - 1], euphrates.points[i])) }
        XCTAssertEqual(euphrates.cumulative, cum)
        let short = Array(euphrates.points.prefix(3))
        XCTAssertEqual(MeasuredLine(name: "short", points: short).cumulative.count, 3)
        XCTAssertEqual(MeasuredLine(name: "one", points: [short[0]]).cumulative, [0])
        XCTAssertEqual(MeasuredLine(name: "none", points: []).cumulative, [0])
    }

    // MARK: basemap cut to the frame

    /// Even-odd inside test by ray casting (the rule the basemap is filled with).
    private func inside(_ p: Point, _ ring: [Point]) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (b.x - a.x) * (p.y - a.y) / (b.y - a.y) { odd.toggle() }
        }
        return odd
    }

    /// A jagged ring around (cx, cy), deterministic from `seed`.
    private func star(_ cx: Double, _ cy: Double, _ r: Double, points n: Int, seed: Int) -> [Point] {
        (0..<n).map { k in
            let a = Double(k) * 2 * .pi / Double(n), j = Double((k * 7919 + seed * 104_729) % 97) / 97
            return Point(x: cx + r * (0.45 + 0.55 * j) * cos(a), y: cy + r * (0.45 + 0.55 * j) * sin(a))
        }
    }

    func testRingsCutToTheFrameFillTheSameInside() {
        let box = Rect(x: 100, y: 80, width: 300, height: 200)
        for seed in 0..<12 {
            let ring = star(120 + Double(seed * 23 % 260), 90 + Double(seed * 37 % 180), 180 + Double(seed * 11), points: 90, seed: seed)
            let cut = FrameCut.ring(ring, to: box)
            XCTAssertLessThan(cut.count, ring.count + 8)
            for gx in stride(from: box.minX + 0.37, to: box.maxX, by: 7.3) {
                for gy in stride(from: box.minY + 0.61, to: box.maxY, by: 5.9) {
                    let p = Point(x: gx, y: gy)
                    XCTAssertEqual(inside(p, cut), inside(p, ring), "seed \(seed) at \(gx),\(gy)")
                }
            }
            XCTAssertTrue(cut.allSatisfy { $0.x >= box.minX - 1e-9 && $0.x <= box.maxX + 1e-9 && $0.y >= box.minY - 1e-9 && $0.y <= box.maxY + 1e-9 })
        }
        let small = star(250, 180, 40, points: 30, seed: 1)
        XCTAssertEqual(FrameCut.ring(small, to: box), small, "a ring inside is kept as it is")
        XCTAssertEqual(FrameCut.ring(star(900, 900, 40, points: 30, seed: 2), to: box), [], "a ring outside goes")
    }

    func testLinesCutToTheFrameKeepEverySegmentThatCanShow() {
        let box = Rect(x: 100, y: 80, width: 300, height: 200)
        let line = (0..<400).map { k -> Point in
            let t = Double(k) / 10
            return Point(x: 250 + 260 * cos(t * 0.31) + 15 * sin(t * 3), y: 180 + 190 * sin(t * 0.23))
        }
        let runs = FrameCut.line(line, to: box)
        XCTAssertGreaterThan(runs.count, 1)
        XCTAssertLessThan(runs.reduce(0) { $0 + $1.count }, line.count)
        // Every segment that enters the box is in a run; each run's ends lie outside it (or at the line's ends).
        var kept = Set<Int>()
        for run in runs {
            guard let s = line.indices.first(where: { i in i + run.count <= line.count && Array(line[i..<(i + run.count)]) == run }) else {
                return XCTFail("a run that is not a piece of the line")
            }
            for i in s..<(s + run.count - 1) { kept.insert(i) }
            for end in [run.first!, run.last!] where end != line.first! && end != line.last! { XCTAssertFalse(box.contains(end)) }
        }
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            let samples = (0...20).map { k in Point(x: a.x + (b.x - a.x) * Double(k) / 20, y: a.y + (b.y - a.y) * Double(k) / 20) }
            if samples.contains(where: { box.contains($0) }) { XCTAssertTrue(kept.contains(i), "segment \(i) shows in the box") }
        }
        let within = [Point(x: 150, y: 100), Point(x: 300, y: 250)]
        XCTAssertEqual(FrameCut.line(within, to: box), [within])
        XCTAssertEqual(FrameCut.line([Point(x: 0, y: 0), Point(x: 10, y: 10)], to: box), [])
    }

    func testCutBasemapDrawsTheSamePixels() throws {
        // A frame clip off the pixel grid, as maps have: a land fill, a lake with its outline and a river,
        // drawn whole and cut to the frame plus the margin; the pixels differ at most by rounding.
        let frame = Rect(x: 20.5, y: 14.7, width: 260, height: 170), margin = 16.0
        let shown = Rect(x: frame.minX - margin, y: frame.minY - margin, width: frame.width + 2 * margin, height: frame.height + 2 * margin)
        let land = star(140, 110, 220, points: 160, seed: 3), lake = star(60, 40, 70, points: 50, seed: 5)
        let river = (0..<120).map { k in Point(x: -60 + Double(k) * 4, y: 100 + 60 * sin(Double(k) / 9)) }
        func draw(cut: Bool) throws -> [UInt32] {
            let c = try CairoCanvas(format: .png, width: 300, height: 200, fonts: try FontSet.shared())
            c.rect(Rect(x: 0, y: 0, width: 300, height: 200)); c.setColor(RGBA(1, 1, 1)); c.fill()
            c.save()
            c.clip(frame)
            c.path([cut ? FrameCut.ring(land, to: shown) : land], closed: true); c.setEvenOdd(true); c.setColor(RGBA(0.9, 0.88, 0.84)); c.fill()
            c.path([cut ? FrameCut.ring(lake, to: shown) : lake], closed: true); c.setColor(RGBA(0.79, 0.86, 0.92)); c.fillPreserve()
            c.setColor(RGBA(0.55, 0.7, 0.8)); c.setLine(width: 0.6); c.stroke()
            c.path(cut ? FrameCut.line(river, to: shown) : [river], closed: false); c.setColor(RGBA(0.31, 0.53, 0.72)); c.setLine(width: 1.9); c.stroke()
            c.restore()
            return pixels(of: c)
        }
        let whole = try draw(cut: false), cut = try draw(cut: true)
        var differing = 0, most = 0
        for (a, b) in zip(whole, cut) where a != b {
            differing += 1
            for shift in [0, 8, 16, 24] { most = max(most, abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF))) }
        }
        XCTAssertLessThan(differing, whole.count / 200, "a few edge pixels at most")
        XCTAssertLessThanOrEqual(most, 8, "by rounding only")
    }

    // MARK: nearest point and ray, against the exhaustive search

    /// The nearest point found by projecting every vertex (the method before the planar prefilter).
    private func exhaustiveNearest(_ line: MeasuredLine, _ p: LonLat) throws -> (segment: Int, offset: Double) {
        let aeqd = try Projection(proj: String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +ellps=WGS84", p.lat, p.lon))
        let xy = aeqd.forward(line.points)
        var best = (d: Double.infinity, seg: 0)
        for i in 0..<(xy.count - 1) {
            let d = distance(Point(x: 0, y: 0), toSegment: xy[i], xy[i + 1])
            if d < best.d { best = (d, i) }
        }
        return (best.seg, best.d)
    }

    func testNearestPointMatchesExhaustiveSearch() throws {
        let f = try Fixtures.frontline()
        let checker = DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer)
        let lines = [try XCTUnwrap(checker.river(named: "Euphrates")), try XCTUnwrap(checker.river(named: "Tigris")),
                     try XCTUnwrap(checker.border("SY", "TR"))]
        let places = [LonLat(lon: 37.95, lat: 36.53), LonLat(lon: 43.78, lat: 33.35), LonLat(lon: 37.05, lat: 36.59),
                      LonLat(lon: 40.14, lat: 35.33), LonLat(lon: 44.36, lat: 33.31), LonLat(lon: 36.3, lat: 33.5),
                      LonLat(lon: 47.9, lat: 30.5), LonLat(lon: 42.0, lat: 37.1)]
        for line in lines {
            for p in places {
                let fast = try line.project(p)
                let slow = try exhaustiveNearest(line, p)
                XCTAssertEqual(fast.segment, slow.segment, "\(line.name) from \(p)")
                XCTAssertEqual(fast.offset, slow.offset, accuracy: max(0.5, slow.offset * 1e-6), "\(line.name) from \(p)")
            }
        }
    }

    func testRayHitMatchesExhaustiveSearch() throws {
        let f = try Fixtures.frontline()
        let border = try XCTUnwrap(DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer).border("SY", "TR"))
        let from = LonLat(lon: 37.21, lat: 36.45)
        for azimuth in stride(from: 0.0, to: 360, by: 15) {
            let fast = try border.firstHit(from: from, azimuth: azimuth)
            // Exhaustive: every segment in the projection centred on the place.
            let aeqd = try Projection(proj: String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +ellps=WGS84", from.lat, from.lon))
            let xy = aeqd.forward(border.points)
            let dx = sin(azimuth * .pi / 180), dy = cos(azimuth * .pi / 180)
            var best: Double?
            for i in 0..<(xy.count - 1) {
                let a = xy[i], b = xy[i + 1], ex = b.x - a.x, ey = b.y - a.y, den = dx * ey - dy * ex
                guard abs(den) > 1e-12 else { continue }
                let t = (a.x * ey - a.y * ex) / den, u = (a.x * dy - a.y * dx) / den
                if t >= 0, t <= 500_000, u >= 0, u <= 1, t < (best ?? .infinity) { best = t }
            }
            XCTAssertEqual(fast == nil, best == nil, "azimuth \(azimuth)")
            if let fast, let best { XCTAssertEqual(fast.metres, best, accuracy: 1, "azimuth \(azimuth)") }
        }
    }

    // MARK: PROJ without its database

    func testPROJOpenedOrSaidWhyNot() throws {
        // The load gives PROJ's functions; a library that cannot be opened is named in one line.
        XCTAssertEqual(Int(try ProjLibrary.api().info().major), Int(PROJ_VERSION_MAJOR))
        guard case .failure(let e) = ProjLibrary.open(["libfrontline-no-such-proj.so"], reasons: ["earlier: no"]) else {
            return XCTFail("a missing library opened")
        }
        let message = "\(e)"
        XCTAssertTrue(message.contains("libfrontline-no-such-proj.so"), message)
        XCTAssertTrue(message.contains("earlier: no") && message.contains("apt-get install libproj-dev"), message)
        XCTAssertFalse(message.contains("\n"))
        guard case .success(let api) = ProjLibrary.open(["libfrontline-no-such-proj.so", "libproj.so.25"], reasons: []) else {
            return XCTFail("libproj.so.25 did not open after a missing library")
        }
        XCTAssertEqual(Int(api.info().major), Int(PROJ_VERSION_MAJOR))
    }

    func testPROJGeodesicsMatchGeographicLib() throws {
        let api = try ProjLibrary.api()
        var g = geod_geodesic()
        api.geod_init(&g, 6_378_137, 1 / 298.257223563)
        var s12 = 0.0, a1 = 0.0, a2 = 0.0
        api.geod_inverse(&g, 36.53, 38.01, 33.35, 43.78, &s12, &a1, &a2)
        // GeographicLib (Python package 2.1) gives 634,080.838 m, azimuth 122.1139° for the same two points.
        XCTAssertEqual(s12, 634_080.838, accuracy: 0.001)
        XCTAssertEqual(a1, 122.11388, accuracy: 0.00001)
    }

    func testProjectionsWithoutTheDatabaseMatchPROJsOwn() throws {
        // The pool's contexts keep PROJ from opening proj.db; a context left to PROJ's defaults (which
        // opens it) must project every point to the same metres, both ways.
        let api = try ProjLibrary.api()
        let plain = try XCTUnwrap(api.context_create())
        defer { api.context_destroy(plain) }
        api.log_func(plain, nil) { _, _, _ in }
        let box = GeoBox(minLon: 35, minLat: 29, maxLon: 49, maxLat: 39)
        let points = [LonLat(lon: 38.01, lat: 36.53), LonLat(lon: 43.78, lat: 33.35), LonLat(lon: 35.2, lat: 29.4), LonLat(lon: 48.9, lat: 38.8)]
        for p in [try Projection.conformal(for: box), try Projection.equidistant(around: LonLat(lon: 40.1, lat: 35.3))] {
            let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(p.definition)"
            let reference = try XCTUnwrap(api.create(plain, pipeline))
            defer { _ = api.destroy(reference) }
            for q in points {
                var c = PJ_COORD()
                c.xy.x = q.lon; c.xy.y = q.lat
                let r = api.trans(reference, PJ_FWD, c)
                let ours = try XCTUnwrap(p.forward(q))
                XCTAssertEqual(ours.x, r.xy.x, accuracy: 1e-6, "\(p.definition) at \(q)")
                XCTAssertEqual(ours.y, r.xy.y, accuracy: 1e-6, "\(p.definition) at \(q)")
                let back = try XCTUnwrap(p.inverse(ours))
                XCTAssertEqual(back.lon, q.lon, accuracy: 1e-9)
                XCTAssertEqual(back.lat, q.lat, accuracy: 1e-9)
            }
        }
    }

    // MARK: text layout

    func testWrapBreaksWhereMeasuringEveryCandidateDoes() throws {
        let f = try Fixtures.frontline()
        let measurer = try CairoTextMeasurer(fonts: f.fonts)
        let composer = MapComposer(basemap: f.basemap, gazetteer: f.gazetteer, measurer: measurer)
        let texts = ["(3) “more than 1,000 km down the Euphrates”: measured 1,069 km along the Euphrates from Jarabulus to Falluja (652 km straight), +7%: consistent.",
                     "Source: Frontline example article, written for this project from public reporting of the week. Map by Frontline.",
                     "one", "a b c d e f g h i j k l m n o p", "Supercalifragilisticexpialidocious word"]
        for text in texts {
            for (width, size, style) in [(300.0, 12.5, FontStyle.regular), (1000, 12.5, .regular), (180, 30, .bold), (57.3, 11, .italic), (5, 12, .regular)] {
                // The slow way: every candidate line measured whole.
                var lines: [String] = [], current = ""
                for word in text.split(separator: " ") {
                    let candidate = current.isEmpty ? String(word) : current + " " + word
                    if measurer.size(of: candidate, style: style, fontSize: size).width > width, !current.isEmpty {
                        lines.append(current)
                        current = String(word)
                    } else {
                        current = candidate
                    }
                }
                if !current.isEmpty { lines.append(current) }
                XCTAssertEqual(composer.wrap(text, width: width, size: size, style: style), lines, "\(text) at \(width) px")
            }
        }
    }

    func testLabelPointsMatchTestingEveryPoint() throws {
        let f = try Fixtures.frontline()
        let composer = MapComposer(basemap: f.basemap, gazetteer: f.gazetteer, measurer: try CairoTextMeasurer(fonts: f.fonts))
        // A star with a square hole, and a second ring apart: edges at every slope, even-odd rings.
        let star = (0..<14).map { k -> Point in
            let a = Double(k) * .pi / 7, r = k % 2 == 0 ? 180.0 : 70
            return Point(x: 300 + r * cos(a), y: 220 + r * sin(a))
        }
        let hole = [Point(x: 280, y: 200), Point(x: 320, y: 200), Point(x: 320, y: 240), Point(x: 280, y: 240)]
        let apart = [Point(x: 520, y: 60), Point(x: 600, y: 90), Point(x: 560, y: 160)]
        for (parts, frame, grid) in [([star, hole, apart], Rect(x: 0, y: 0, width: 640, height: 440), 24),
                                     ([star], Rect(x: 150, y: 100, width: 300, height: 250), 8),
                                     ([apart], Rect(x: 500, y: 50, width: 120, height: 120), 24)] {
            let nx = grid, ny = max(grid * 2 / 3, 4)
            var inside: [Point] = []
            for i in 0..<nx {
                for j in 0..<ny {
                    let p = Point(x: frame.minX + (Double(i) + 0.5) * frame.width / Double(nx), y: frame.minY + (Double(j) + 0.5) * frame.height / Double(ny))
                    if pointInPolygon(p, parts) { inside.append(p) }
                }
            }
            let expected: [Point]
            if inside.count < 4 { expected = [] } else {
                let c = Point(x: inside.map(\.x).reduce(0, +) / Double(inside.count), y: inside.map(\.y).reduce(0, +) / Double(inside.count))
                expected = inside.sorted { $0.distance(to: c) < $1.distance(to: c) }
            }
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(composer.labelPoints(parts, frame: frame, grid: grid), expected)
        }
    }

    func testCapitalisedTokensAsBefore() {
        // The byte-level fast path against the Character-level test it short-cuts.
        func slow(_ text: String) -> Bool {
            guard let f = text.first else { return false }
            if f.isUppercase { return true }
            for prefix in Token.articles where text.hasPrefix(prefix) { return text.dropFirst(prefix.count).first?.isUppercase ?? false }
            return false
        }
        for word in ["Aleppo", "al-Bab", "al-bab", "ash-Sham", "ad-Dana", "el-Arish", "ul-Haq", "Élysée", "été", "Ünye",
                     "A\u{301}zaz", "a\u{301}", "5km", "a", "e", "u", "un-Named", "en-", "", "“Manbij", "-Raqqa", "Zab", "zab", "Ωmega"] {
            XCTAssertEqual(Token(text: word, start: 0, end: word.count).isCapitalized, slow(word), word)
        }
    }

    // MARK: gazetteer

    func testGazetteerEntriesParseAsBeforeAndOnce() throws {
        // Every line of the committed index: the byte-level parse (memchr for tabs, alternates split
        // on the "|" byte) against splitting the line's text by characters, as it was done before.
        let g = try CompiledGazetteer(path: Fixtures.shapes + "/" + CompiledGazetteer.fileName)
        let text = try String(contentsOfFile: Fixtures.shapes + "/" + CompiledGazetteer.fileName, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertGreaterThan(g.count, 10_000)
        var withAlternates = 0
        for i in 0..<g.count {
            let cols = lines[2 + i].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let slow = try XCTUnwrap(GazetteerFile.entry(fromProjectColumns: cols), "line \(i + 3)")
            let fast = g.parseEntry(i)
            XCTAssertEqual(fast, slow, "line \(i + 3)")
            if !fast.alternates.isEmpty { withAlternates += 1 }
        }
        XCTAssertGreaterThan(withAlternates, 1000)
        // A lookup parses each entry once; the second gives the same entries.
        let before = g.parses
        let first = g.lookup(PlaceNameNormalizer.key("Aleppo"))
        let parsedOnce = g.parses
        let again = g.lookup(PlaceNameNormalizer.key("Aleppo"))
        XCTAssertFalse(first.isEmpty)
        XCTAssertEqual(parsedOnce - before, first.count, "each entry found parsed once")
        XCTAssertEqual(g.parses, parsedOnce, "and not again")
        XCTAssertEqual(first, again)
        XCTAssertTrue(first.contains { $0.alternates.count > 50 })
    }

    func testGazetteerKeysFoundByBisectingTheirBytes() throws {
        // Every key line of the committed index is found, with the entries it lists; keys that sort
        // before the first, between two and after the last are not; a truncated or padded key
        // section is refused in one line; the key lines are counted eight bytes at a time as one by one.
        let file = Fixtures.shapes + "/" + CompiledGazetteer.fileName
        let g = try CompiledGazetteer(path: file)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let keyLines = lines[(3 + g.count)...]
        XCTAssertGreaterThan(keyLines.count, 50_000)
        var previous = ""
        for (n, line) in keyLines.enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let key = parts[0], ids = parts[1].split(separator: ",").compactMap { Int($0) }
            XCTAssertTrue(g.hasKey(key), key)
            if n % 97 == 0 {  // the entries themselves, for a sample (each lookup parses them)
                XCTAssertEqual(g.lookup(key).map(\.id), ids.map { g.entry($0).id }, key)
            }
            if n > 0 {
                // Between the key before and this one (no key holds a control byte): absent.
                XCTAssertTrue(Array(previous.utf8).lexicographicallyPrecedes(Array(key.utf8)), "sorted at \(key)")
                XCTAssertFalse(g.hasKey(previous + "\u{01}"), previous)
            }
            previous = key
        }
        XCTAssertFalse(g.hasKey(""))
        XCTAssertFalse(g.hasKey("\u{01}"))
        XCTAssertFalse(g.hasKey("\u{7F}\u{7F}\u{7F}"))
        XCTAssertEqual(g.lookup("\u{7F}\u{7F}"), [])

        let dir = try Fixtures.tempDir()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for (name, changed) in [("truncated", bytes.dropLast(40)), ("padded", bytes + Data("zzzz\t1\n".utf8))] {
            let path = dir + "/\(name).index"
            try Data(changed).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try CompiledGazetteer(path: path), name) { error in
                XCTAssertTrue("\(error)".contains("expected 'keys M' followed by M lines"), "\(error)")
            }
        }
        for text in ["", "a", "\n", "a\nb", "a\nb\n", "\n\n\nabc\ndefghijk\nlmnopqrstuvwxyz\n1234567", String(repeating: "x\n", count: 37)] {
            let b = Array(text.utf8)
            for from in 0..<max(1, b.count) {
                let slow = from < b.count ? b[from...].filter { $0 == 0x0A }.count + (b.last == 0x0A ? 0 : 1) : 0
                b.withUnsafeBufferPointer { XCTAssertEqual(CompiledGazetteer.lineCount($0, from: from), slow, "\(text.debugDescription) from \(from)") }
            }
        }
    }

    func testDistancesWrittenWithGroupingAndOneDecimalBelow100Km() {
        XCTAssertEqual(MapComposer.kmText(17.84), "17.8 km")
        XCTAssertEqual(MapComposer.kmText(99.94), "99.9 km")
        XCTAssertEqual(MapComposer.kmText(1_069.4), "1,069 km")
        XCTAssertEqual(MapComposer.kmText(1_234_567.89), "1,234,568 km")
        XCTAssertEqual(MapComposer.kmText(0.25), "0.2 km", "halves to even, as ICU rounds")
    }

    // MARK: parallel helpers and text search

    func testParallelWorkKeepsOrderAndReportsErrors() throws {
        XCTAssertEqual(try Parallel.map(Array(0..<50)) { $0 * $0 }, (0..<50).map { $0 * $0 })
        // Work inside work: each outer item runs an inner map (the waiting thread runs queued jobs).
        XCTAssertEqual(try Parallel.map([3, 1, 2]) { n in try Parallel.map(Array(0..<n)) { "\(n).\($0)" }.joined(separator: ",") },
                       ["3.0,3.1,3.2", "1.0", "2.0,2.1"])
        XCTAssertEqual(try Parallel.both({ try Parallel.both({ 1 }, { 2 }) }, { try Parallel.map([3, 4]) { $0 } }).1, [3, 4])
        let (a, b) = try Parallel.both({ "left" }, { 42 })
        XCTAssertEqual(a, "left")
        XCTAssertEqual(b, 42)
        XCTAssertThrowsError(try Parallel.map([1, 2, 3]) { x -> Int in
            if x == 2 { throw FrontlineError.usage("two") }
            return x
        })
        XCTAssertThrowsError(try Parallel.both({ 1 }, { () throws -> Int in throw FrontlineError.usage("right") }))
    }

    func testTextSearchFindsBytes() {
        XCTAssertEqual(TextSearch.offset(of: "last month", in: "fighting late last month in"), 14)
        XCTAssertNil(TextSearch.offset(of: "last week", in: "fighting late last month"))
        XCTAssertEqual(TextSearch.offset(of: "é", in: "café"), 3)
        XCTAssertNil(TextSearch.offset(of: "longer than the text", in: "short"))
    }
}
