import CCairo
import Foundation

/// Draws a scene on any Cairo surface. One scene, any surface: PNG, SVG or PDF.
public struct Renderer {
    let fonts: FontSet

    public init(fonts: FontSet) { self.fonts = fonts }

    /// Writes `scene` to `path` in `format`, atomically: a failure leaves any earlier file intact.
    public func write(_ scene: Scene, format: OutputFormat, to path: String) throws {
        try AtomicFile.write(Data(bytes(scene, format: format)), to: path)
    }

    /// The file's bytes: drawn, encoded and annotated in memory.
    public func bytes(_ scene: Scene, format: OutputFormat) throws -> [UInt8] {
        // A PDF page has its true size in points; the drawing is scaled from pixels at the DPI.
        let pdfScale = format == .pdf ? (scene.dpi.map { 72 / $0 } ?? 1) : 1
        let canvas = try CairoCanvas(
            format: format, width: scene.width, height: scene.height, fonts: fonts, scale: pdfScale)
        canvas.setTitle(scene.title)
        draw(scene, on: canvas)
        let out = try canvas.finish(dpi: scene.dpi ?? 96)
        return format == .svg ? try SVGDocument.annotate(out, scene: scene) : out
    }

    /// The scene as PNG image bytes (for reports and tests).
    public func pngData(_ scene: Scene) throws -> Data {
        Data(try bytes(scene, format: .png))
    }

    /// The file of each format, in `formats`' order, drawn at the same time on the machine's cores.
    public func files(_ scene: Scene, formats: [OutputFormat]) throws -> [[UInt8]] {
        try Parallel.map(formats) { try bytes(scene, format: $0) }
    }

    func draw(_ scene: Scene, on c: CairoCanvas) {
        for item in scene.items {
            switch item {
            case .path(let parts, let closed, let style):
                c.path(parts, closed: closed)
                c.setEvenOdd(true)
                if let f = style.fill {
                    c.setColor(f)
                    if style.stroke != nil { c.fillPreserve() } else { c.fill() }
                }
                if let s = style.stroke {
                    c.setColor(s)
                    c.setLine(width: style.lineWidth, dash: style.dash)
                    c.stroke()
                }
            case .marker(let m):
                drawMarker(m, on: c)
            case .text(let t):
                c.setFont(t.style, size: t.size)
                c.text(t.text, at: t.origin, angle: t.angle, color: t.color, halo: t.halo, haloWidth: t.haloWidth)
            case .clip(let r):
                c.save()
                c.clip(r)
            case .unclip:
                c.restore()
            }
        }
    }

    func drawMarker(_ m: MarkerItem, on c: CairoCanvas) {
        if m.symbol != .circle || m.ring != nil || m.split != nil || m.changed || m.hollow {
            drawControlSymbol(m, on: c)
            return
        }
        switch m.shape {
        case .dot:
            c.circle(m.center, radius: m.radius)
            c.setColor(m.fill)
            c.fillPreserve()
            c.setColor(m.outline)
            c.setLine(width: m.outlineWidth)
            c.stroke()
        case .approximate:
            // A hollow dot with a dashed outline: the position is inferred, not surveyed.
            c.circle(m.center, radius: m.radius + m.outlineWidth)
            c.setColor(m.outline)
            c.setLine(width: m.outlineWidth * 2.5)
            c.stroke()
            c.circle(m.center, radius: m.radius)
            c.setColor(m.fill)
            c.setLine(width: m.outlineWidth, dash: [m.radius * 0.6, m.radius * 0.45])
            c.stroke()
        }
    }
}

extension Renderer {
    /// The outline of a symbol of radius r.
    func symbolPath(_ m: MarkerItem, radius r: Double) -> [Point] {
        let c = m.center
        switch m.symbol {
        case .circle:
            return (0..<36).map { k in
                let a = Double(k) * .pi / 18
                return Point(x: c.x + r * cos(a), y: c.y + r * sin(a))
            }
        case .square:
            let s = r * 0.9
            return [
                Point(x: c.x - s, y: c.y - s), Point(x: c.x + s, y: c.y - s), Point(x: c.x + s, y: c.y + s),
                Point(x: c.x - s, y: c.y + s),
            ]
        case .diamond:
            let s = r * 1.25
            return [
                Point(x: c.x, y: c.y - s), Point(x: c.x + s, y: c.y), Point(x: c.x, y: c.y + s),
                Point(x: c.x - s, y: c.y),
            ]
        case .triangle:
            let s = r * 1.3
            return [
                Point(x: c.x, y: c.y - s), Point(x: c.x + s * 0.95, y: c.y + s * 0.62),
                Point(x: c.x - s * 0.95, y: c.y + s * 0.62),
            ]
        }
    }

    /// Control symbols: the controller's shape and colour; a besieger's ring; a contest split in two;
    /// an outer ring for a change; hollow where a side withdrew; dashed where the position is approximate.
    func drawControlSymbol(_ m: MarkerItem, on c: CairoCanvas) {
        let r = m.radius
        if let ring = m.ring {
            c.circle(m.center, radius: r * 1.45)
            c.setColor(ring)
            c.setLine(width: r * 0.9)
            c.stroke()
        }
        if m.changed {
            c.circle(m.center, radius: r + m.outlineWidth * 1.8 + (m.ring != nil ? r * 0.9 : 0))
            c.setColor(RGBA(1, 1, 1, 0.9))
            c.setLine(width: m.outlineWidth * 2.6)
            c.stroke()
            c.circle(m.center, radius: r + m.outlineWidth * 1.8 + (m.ring != nil ? r * 0.9 : 0))
            c.setColor(m.hollow ? m.fill : (m.fill.r + m.fill.g + m.fill.b > 2.4 ? m.outline : m.fill))
            c.setLine(width: m.outlineWidth * 1.2)
            c.stroke()
        }
        let shape = symbolPath(m, radius: r)
        c.path([shape], closed: true)
        c.setColor(m.hollow ? RGBA(1, 1, 1) : m.fill)
        c.fill()
        if let split = m.split {
            c.save()
            c.clip(Rect(x: m.center.x, y: m.center.y - r * 2, width: r * 2, height: r * 4))
            c.path([shape], closed: true)
            c.setColor(split)
            c.fill()
            c.restore()
            c.path(
                [[Point(x: m.center.x, y: m.center.y - r * 1.3), Point(x: m.center.x, y: m.center.y + r * 1.3)]],
                closed: false)
            c.setColor(RGBA(1, 1, 1))
            c.setLine(width: m.outlineWidth * 0.8)
            c.stroke()
        }
        c.path([shape], closed: true)
        if m.hollow {
            c.setColor(m.fill)
            c.setLine(width: m.outlineWidth * 1.8, dash: m.shape == .approximate ? [r * 0.6, r * 0.45] : [])
        } else {
            c.setColor(m.outline)
            c.setLine(width: m.outlineWidth, dash: m.shape == .approximate ? [r * 0.6, r * 0.45] : [])
        }
        c.stroke()
    }
}

/// The resolution a PNG records (its pHYs chunk).
enum PNGResolution {
    /// The DPI a PNG records, if any.
    public static func dpi(of file: String) -> Double? {
        guard let b = FileManager.default.contents(atPath: file).map([UInt8].init) else { return nil }
        var i = 8
        while i + 8 <= b.count {
            let len = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            if b[(i + 4)..<(i + 8)].elementsEqual(Array("pHYs".utf8)), i + 17 <= b.count {
                let ppm = Int(b[i + 8]) << 24 | Int(b[i + 9]) << 16 | Int(b[i + 10]) << 8 | Int(b[i + 11])
                return Double(ppm) * 0.0254
            }
            i += 12 + len
        }
        return nil
    }
}

/// Adds what Cairo's SVG surface cannot: a document <title>, a <desc> (alt text) and the map's data in <metadata>.
enum SVGDocument {
    static func annotate(_ svg: [UInt8], scene: Scene) throws -> [UInt8] {
        let open = Array("<svg".utf8)
        guard let start = firstIndex(of: open, in: svg, from: 0),
            let close = svg[(start + open.count)...].firstIndex(of: UInt8(ascii: ">"))
        else {
            throw FrontlineError.library(name: "Cairo", reason: "Cairo wrote no SVG element")
        }
        var head = String(decoding: svg[..<(close + 1)], as: UTF8.self)
        if let dpi = scene.dpi {
            // Real units for print: the same drawing (viewBox in pixels), sized in millimetres.
            let mm = { (px: Double) in String(format: "%.2fmm", px / dpi * 25.4) }
            head = head.replacingOccurrences(
                of: "width=\"\(Int(scene.width))px\"", with: "width=\"\(mm(scene.width))\""
            )
            .replacingOccurrences(of: "height=\"\(Int(scene.height))px\"", with: "height=\"\(mm(scene.height))\"")
        }
        head +=
            "\n<title>\(Markup.escape(scene.title))</title>\n<desc>\(Markup.escape(scene.description))</desc>\n"
            + "<metadata id=\"frontline-data\"><![CDATA[\(Markup.cdata(scene.metadataJSON))]]></metadata>\n"
        return renumberSurfaces(Array(head.utf8), svg[(close + 1)...])
    }

    static func firstIndex(of word: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + word.count <= bytes.count {
            if bytes[i] == word[0], bytes[i..<(i + word.count)].elementsEqual(word) { return i }
            i += 1
        }
        return nil
    }

    /// Cairo names SVG surfaces by a process-wide counter ("surface358"); numbering them by order of
    /// appearance keeps the same map byte-identical however many maps the process drew before.
    static func renumberSurfaces(_ head: [UInt8], _ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let word = Array("surface".utf8)
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        var out = head
        out.reserveCapacity(head.count + bytes.count + 64)
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var i = 0
            // Each "surface" is found by memchr on its first letter; the text between is copied whole.
            var from = 0
            while from < buf.count, let hit = memchr(base + from, Int32(word[0]), buf.count - from) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                from = at + 1
                guard at + word.count <= buf.count, memcmp(base + at, word, word.count) == 0 else { continue }
                var j = at + word.count
                while j < buf.count, (48...57).contains(buf[j]) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: at - i))
                out.append(contentsOf: word)
                if j > at + word.count {
                    let old = bytes[(bytes.startIndex + at + word.count)..<(bytes.startIndex + j)]
                    if numbers[old] == nil { numbers[old] = numbers.count + 1 }
                    out.append(contentsOf: String(numbers[old]!).utf8)
                }
                i = j
                from = j
            }
            if i < buf.count { out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: buf.count - i)) }
        }
        return out
    }

}
