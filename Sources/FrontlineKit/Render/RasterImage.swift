import CCairo
import Foundation

/// A decoded PNG (through Cairo) as 8-bit RGBA pixels, for comparing renders.
public struct RasterImage: Sendable {
    public let width: Int
    public let height: Int
    /// Premultiplied ARGB32 pixels, row by row.
    public let pixels: [UInt32]

    public init(pngFile path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FrontlineError.badInput(file: path, reason: "no such file")
        }
        guard let s = cairo_image_surface_create_from_png(path) else {
            throw FrontlineError.badInput(file: path, reason: "not a PNG")
        }
        defer { cairo_surface_destroy(s) }
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            throw FrontlineError.badInput(
                file: path,
                reason: "not a readable PNG: \(String(cString: cairo_status_to_string(cairo_surface_status(s))))")
        }
        cairo_surface_flush(s)
        width = Int(cairo_image_surface_get_width(s))
        height = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        var px = [UInt32](repeating: 0, count: width * height)
        if let data = cairo_image_surface_get_data(s) {
            let fmt = cairo_image_surface_get_format(s)
            for y in 0..<height {
                let row = data.advanced(by: y * stride)
                for x in 0..<width {
                    if fmt == CAIRO_FORMAT_RGB24 || fmt == CAIRO_FORMAT_ARGB32 {
                        px[y * width + x] =
                            row.advanced(by: x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                            | (fmt == CAIRO_FORMAT_RGB24 ? 0xFF00_0000 : 0)
                    }
                }
            }
        }
        pixels = px
    }

    init(width: Int, height: Int, pixels: [UInt32]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The channels of pixel (x, y): alpha, red, green, blue.
    public func channels(_ x: Int, _ y: Int) -> (a: Int, r: Int, g: Int, b: Int) {
        let v = pixels[y * width + x]
        return (Int(v >> 24), Int((v >> 16) & 255), Int((v >> 8) & 255), Int(v & 255))
    }

    /// The outcome of comparing two images of the same size.
    public struct Comparison: Sendable {
        public var differing: Int
        public var total: Int
        public var fraction: Double { total == 0 ? 0 : Double(differing) / Double(total) }
        public var diff: RasterImage
    }

    /// Counts pixels whose largest channel difference exceeds `threshold` (0–255); the diff image
    /// shows them in red over a faded copy of the reference.
    public func compare(to other: RasterImage, threshold: Int) -> Comparison? {
        guard width == other.width, height == other.height else { return nil }
        var differing = 0
        var diff = [UInt32](repeating: 0, count: pixels.count)
        for i in 0..<pixels.count {
            let a = pixels[i], b = other.pixels[i]
            var d = 0
            for shift in stride(from: 0, through: 24, by: 8) {
                d = max(d, abs(Int((a >> UInt32(shift)) & 255) - Int((b >> UInt32(shift)) & 255)))
            }
            if d > threshold {
                differing += 1
                diff[i] = 0xFFFF_0000
            } else {
                let g = UInt32(200 + ((a >> 8) & 255) / 5)
                diff[i] = 0xFF00_0000 | (g << 16) | (g << 8) | g
            }
        }
        return Comparison(
            differing: differing, total: pixels.count, diff: RasterImage(width: width, height: height, pixels: diff))
    }

    /// Writes the image as PNG.
    public func writePNG(to path: String) throws {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw FrontlineError.cannotWrite(file: path, reason: "no surface")
        }
        defer { cairo_surface_destroy(s) }
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        if let data = cairo_image_surface_get_data(s) {
            for y in 0..<height {
                data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { row in
                    for x in 0..<width { row[x] = pixels[y * width + x] }
                }
            }
        }
        cairo_surface_mark_dirty(s)
        try AtomicFile.write(to: path) { tmp in
            let st = cairo_surface_write_to_png(s, tmp)
            guard st == CAIRO_STATUS_SUCCESS else {
                throw FrontlineError.cannotWrite(file: path, reason: String(cString: cairo_status_to_string(st)))
            }
        }
    }
}
