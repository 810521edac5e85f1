import CCairo
import Foundation

/// Draws a scene on any Cairo surface. One scene, any surface: PNG, SVG or PDF.
public struct Renderer {
    let fonts: FontSet

    public init(fonts: FontSet) { self.fonts = fonts }

    /// Writes `scene` to `path` in `format`, atomically: a failure leaves any earlier file intact.
    public func write(_ scene: Scene, format: OutputFormat, to path: String) throws {
        try AtomicFile.write(to: path) { tmp in
            let canvas = try CairoCanvas(format: format, width: scene.width, height: scene.height,
                                         path: format == .png ? nil : tmp, fonts: fonts)
            canvas.setTitle(scene.title)
            draw(scene, on: canvas)
            try canvas.finish(pngPath: format == .png ? tmp : nil)
            if format == .svg { try SVGDocument.annotate(file: tmp, scene: scene) }
        }
    }

    /// The scene as PNG image bytes (for reports and tests).
    public func pngData(_ scene: Scene) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.path
        let path = dir + "/frontline-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).png"
        defer { unlink(path) }
        try write(scene, format: .png, to: path)
        guard let d = FileManager.default.contents(atPath: path) else {
            throw FrontlineError.cannotWrite(file: path, reason: "PNG vanished")
        }
        return d
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

/// Adds what Cairo's SVG surface cannot: a document <title>, a <desc> (alt text) and the map's data in <metadata>.
enum SVGDocument {
    static func annotate(file: String, scene: Scene) throws {
        guard let data = FileManager.default.contents(atPath: file), var svg = String(data: data, encoding: .utf8),
              let open = svg.range(of: "<svg"), let close = svg[open.upperBound...].range(of: ">") else {
            throw FrontlineError.cannotWrite(file: file, reason: "Cairo wrote no SVG element")
        }
        let insert = "\n<title>\(escape(scene.title))</title>\n<desc>\(escape(scene.description))</desc>\n"
            + "<metadata id=\"frontline-data\"><![CDATA[\(scene.metadataJSON.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>"))]]></metadata>\n"
        svg.insert(contentsOf: insert, at: close.upperBound)
        svg = renumberSurfaces(svg)
        guard FileManager.default.createFile(atPath: file, contents: Data(svg.utf8)) else {
            throw FrontlineError.cannotWrite(file: file, reason: "cannot rewrite SVG")
        }
    }

    /// Cairo names SVG surfaces by a process-wide counter ("surface358"); numbering them by order of
    /// appearance keeps the same map byte-identical however many maps the process drew before.
    static func renumberSurfaces(_ svg: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: "surface[0-9]+") else { return svg }
        let ns = svg as NSString
        var numbers: [String: Int] = [:]
        var out = ""
        var last = 0
        for m in regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let old = ns.substring(with: m.range)
            if numbers[old] == nil { numbers[old] = numbers.count + 1 }
            out += "surface\(numbers[old]!)"
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
