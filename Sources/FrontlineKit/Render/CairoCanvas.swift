import CCairo
import Foundation

/// The output formats a scene can be drawn to: each is a Cairo surface.
public enum OutputFormat: String, CaseIterable, Sendable, Codable {
    case png, svg, pdf
}

/// A Cairo drawing context over one surface. Owns the surface and context; nothing else sees them.
final class CairoCanvas {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let format: OutputFormat
    let width: Double
    let height: Double
    private let fonts: FontSet
    /// What a vector surface writes, collected in memory (the file is written once, whole).
    private let sink = StreamSink()

    final class StreamSink {
        var bytes: [UInt8] = []
        init() { bytes.reserveCapacity(1 << 20) }
    }

    /// Cairo's stream callback: appends to the StreamSink passed as the closure pointer.
    private static let collect: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<StreamSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(
            contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    /// An in-memory image (PNG) or a vector surface (SVG, PDF) streaming into memory.
    init(format: OutputFormat, width: Double, height: Double, fonts: FontSet, scale: Double = 1) throws {
        self.format = format
        self.width = width
        self.height = height
        self.fonts = fonts
        let s: OpaquePointer?
        switch format {
        case .png:
            s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(Self.pixels(width)), Int32(Self.pixels(height)))
        case .svg:
            s = cairo_svg_surface_create_for_stream(
                CairoCanvas.collect, Unmanaged.passUnretained(sink).toOpaque(), width, height)
            if let s { cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX) }
        case .pdf:
            s = cairo_pdf_surface_create_for_stream(
                CairoCanvas.collect, Unmanaged.passUnretained(sink).toOpaque(), width * scale, height * scale)
            if let s {
                // Fixed dates keep the PDF byte-identical from run to run.
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2016-01-01T00:00:00Z")
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2016-01-01T00:00:00Z")
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Frontline")
            }
        }
        guard let s, cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            let reason = s.map { String(cString: cairo_status_to_string(cairo_surface_status($0))) } ?? "no surface"
            if let s { cairo_surface_destroy(s) }
            throw FrontlineError.library(name: "Cairo", reason: "cannot create a \(format.rawValue) surface: \(reason)")
        }
        guard let c = cairo_create(s) else {
            cairo_surface_destroy(s)
            throw FrontlineError.library(name: "Cairo", reason: "cannot create a drawing context")
        }
        surface = s
        cr = c
        let opts = cairo_font_options_create()
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, opts)
        cairo_font_options_destroy(opts)
        if scale != 1 { cairo_scale(cr, scale, scale) }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// The whole pixels of an image's size (at least one).
    static func pixels(_ size: Double) -> Int { max(1, Int(size.rounded())) }

    func setTitle(_ title: String) {
        if format == .pdf { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
    }

    // MARK: paths

    func path(_ parts: [[Point]], closed: Bool) {
        cairo_new_path(cr)
        for part in parts where part.count > 1 {
            cairo_move_to(cr, part[0].x, part[0].y)
            for p in part.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            if closed { cairo_close_path(cr) }
        }
    }

    func rect(_ r: Rect) {
        cairo_new_path(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
    }

    func circle(_ c: Point, radius: Double) {
        cairo_new_path(cr)
        cairo_arc(cr, c.x, c.y, radius, 0, 2 * Double.pi)
    }

    func setColor(_ c: RGBA) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }
    /// A dashed line is stroked with butt caps, each dash longer by the line's width and each gap
    /// shorter by it: the dashes round caps would draw (but for the caps' corners, a tenth of a square
    /// pixel), without cairo building a round cap at both ends of each dash (a seed render's
    /// governorate lines alone took 10 ms of its 150 ms CPU so).
    func setLine(width: Double, dash: [Double] = []) {
        cairo_set_line_width(cr, width)
        let butt = dash.enumerated().map { i, d in i % 2 == 0 ? d + width : max(d - width, 0) }
        cairo_set_dash(cr, butt, Int32(butt.count), 0)
        cairo_set_line_cap(cr, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
    }
    func setEvenOdd(_ on: Bool) { cairo_set_fill_rule(cr, on ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING) }
    func fillPreserve() { cairo_fill_preserve(cr) }
    func fill() { cairo_fill(cr) }
    func stroke() { cairo_stroke(cr) }
    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }
    func clip(_ r: Rect) {
        rect(r)
        cairo_clip(cr)
    }

    // MARK: text

    func setFont(_ style: FontStyle, size: Double) {
        cairo_set_font_face(cr, fonts.face(style).cairoFace)
        cairo_set_font_size(cr, size)
    }

    /// Width, ascent and descent of `text` in the current font.
    func measure(_ text: String) -> TextSize {
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, text, &te)
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        return TextSize(width: te.x_advance, ascent: fe.ascent, descent: fe.descent)
    }

    /// Text with its baseline starting at `origin`, rotated by `angle` radians; a halo is stroked under it.
    func text(_ s: String, at origin: Point, angle: Double, color: RGBA, halo: RGBA?, haloWidth: Double) {
        save()
        cairo_translate(cr, origin.x, origin.y)
        if angle != 0 { cairo_rotate(cr, angle) }
        cairo_new_path(cr)
        cairo_move_to(cr, 0, 0)
        if let halo, format == .png {
            rasterHalo(s, color: halo, width: haloWidth)
            cairo_new_path(cr)
            cairo_move_to(cr, 0, 0)
        } else if let halo {
            cairo_text_path(cr, s)
            setColor(halo)
            setLine(width: haloWidth)
            cairo_stroke(cr)
            cairo_move_to(cr, 0, 0)
        }
        setColor(color)
        cairo_show_text(cr, s)
        restore()
    }

    /// On a raster, the halo is the text's own coverage widened by half the halo's width (grayscale
    /// dilation by a disc), which is what stroking the glyph outlines covers on a vector surface. The
    /// text is drawn once, into an alpha-only image at the label's pixel phase; the widened coverage
    /// goes into a second one, painted through in the halo's colour and opacity. A tenth of the cost
    /// of stroking the outlines, a quarter of drawing the text at each of a ring of offsets.
    private func rasterHalo(_ s: String, color halo: RGBA, width: Double) {
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, s, &te)
        let r = width / 2
        let (x0, y0, w, h) = deviceBox(te, pad: r + 3)
        guard w > 0, h > 0, w < 1 << 14, h < 1 << 14 else { return }
        // Nothing to do where the box misses this surface (another band of the image has the label).
        let surfaceHeight = Double(cairo_image_surface_get_height(surface)),
            surfaceWidth = Double(cairo_image_surface_get_width(surface))
        guard y0 < surfaceHeight, y0 + Double(h) > 0, x0 < surfaceWidth, x0 + Double(w) > 0 else { return }
        let text = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h),
            union = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h)
        defer {
            cairo_surface_destroy(text)
            cairo_surface_destroy(union)
        }
        // The text once, with the same font and transformation, shifted by whole pixels only.
        let tc = cairo_create(text)
        var m = cairo_matrix_t()
        cairo_get_matrix(cr, &m)
        m.x0 -= x0
        m.y0 -= y0
        cairo_set_matrix(tc, &m)
        cairo_set_scaled_font(tc, cairo_get_scaled_font(cr))
        cairo_move_to(tc, 0, 0)
        cairo_show_text(tc, s)
        cairo_destroy(tc)
        // The coverage widened by the halo's radius, pixel by pixel: a pixel at distance |d| from one
        // the text covers by c lies about c − ½ + (½ + r − |d|) inside the stroke's outer edge.
        cairo_surface_flush(text)
        cairo_surface_flush(union)
        guard let src = cairo_image_surface_get_data(text), let dst = cairo_image_surface_get_data(union) else {
            return
        }
        let stride = Int(cairo_image_surface_get_stride(text)), width = Int(w), height = Int(h)
        let reach = Int((r + 1).rounded(.down))
        // Where each row has ink (most of the box is empty): only that span is spread.
        let ink: [Range<Int>] = (0..<height).map { y in
            let row = src + y * stride
            guard let lo = (0..<width).first(where: { row[$0] != 0 }) else { return 0..<0 }
            return lo..<((0..<width).last(where: { row[$0] != 0 })! + 1)
        }
        for dy in -reach...reach {
            for dx in -reach...reach {
                let bonus = Int(((r - (Double(dx * dx + dy * dy)).squareRoot()) * 255).rounded())
                guard bonus > -255 else { continue }
                for y in max(0, dy)..<min(height, height + dy) where !ink[y - dy].isEmpty {
                    let from = src + (y - dy) * stride - dx, to = dst + y * stride
                    let span = ink[y - dy]
                    let lo = max(0, dx, span.lowerBound + dx), hi = min(width, width + dx, span.upperBound + dx)
                    guard lo < hi else { continue }
                    for x in lo..<hi {
                        let c = Int(from[x])
                        guard c != 0 else { continue }
                        let v = UInt8(clamping: c + bonus)
                        if v > to[x] { to[x] = v }
                    }
                }
            }
        }
        cairo_surface_mark_dirty(union)
        save()
        cairo_identity_matrix(cr)
        cairo_set_source_rgba(cr, halo.r, halo.g, halo.b, halo.a)
        cairo_mask_surface(cr, union, x0, y0)
        restore()
    }

    /// The label's box on the surface (it may be rotated), in whole pixels, with `pad` around it.
    private func deviceBox(_ te: cairo_text_extents_t, pad: Double) -> (x: Double, y: Double, w: Int32, h: Int32) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for (x, y) in [
            (te.x_bearing - pad, te.y_bearing - pad), (te.x_bearing + te.width + pad, te.y_bearing - pad),
            (te.x_bearing - pad, te.y_bearing + te.height + pad),
            (te.x_bearing + te.width + pad, te.y_bearing + te.height + pad),
        ] {
            var dx = x, dy = y
            cairo_user_to_device(cr, &dx, &dy)
            minX = min(minX, dx)
            minY = min(minY, dy)
            maxX = max(maxX, dx)
            maxY = max(maxY, dy)
        }
        let x0 = minX.rounded(.down), y0 = minY.rounded(.down)
        return (x0, y0, Int32(maxX.rounded(.up) - x0), Int32(maxY.rounded(.up) - y0))
    }

    // MARK: output

    /// Finishes the surface and returns the file's bytes: the PNG (recording `dpi`), SVG or PDF.
    func finish(dpi: Double) throws -> [UInt8] {
        let png = format == .png ? try PNGEncoder.encode(surface: surface, dpi: dpi) : nil
        cairo_surface_finish(surface)
        let st = cairo_surface_status(surface)
        guard st == CAIRO_STATUS_SUCCESS else {
            throw FrontlineError.library(name: "Cairo", reason: String(cString: cairo_status_to_string(st)))
        }
        return png ?? sink.bytes
    }
}

/// Measures text with the same fonts and options the renderer uses, so label boxes match what is drawn.
public final class CairoTextMeasurer: TextMeasuring {
    private let canvas: CairoCanvas
    public init(fonts: FontSet) throws {
        canvas = try CairoCanvas(format: .png, width: 1, height: 1, fonts: fonts)
    }
    public func size(of text: String, style: FontStyle, fontSize: Double) -> TextSize {
        canvas.setFont(style, size: fontSize)
        // Cleaned as the scene's text will be: an unclean string would leave the context in error.
        return canvas.measure(SafeText.clean(text))
    }
}
