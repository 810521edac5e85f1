import CCairo
import CPNG

/// Encodes a Cairo image surface as PNG through libpng, in memory, in one pass: the resolution
/// (pHYs) goes in as the file is written, and the compression suits flat-coloured maps
/// (zlib level 1, no row filter: on our maps as small as Cairo's default, in a quarter of the time).
enum PNGEncoder {
    /// The bytes libpng writes, collected in memory.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    static func encode(surface: OpaquePointer, dpi: Double) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32, width > 0, height > 0,
              let data = cairo_image_surface_get_data(surface) else {
            throw FrontlineError.library(name: "libpng", reason: "no image to encode")
        }
        // Cairo stores each pixel as a native-endian premultiplied 0xAARRGGBB word: B, G, R, A in memory here.
        let opaque = isOpaque(data, width: width, height: height, stride: stride)
        var unpremultiplied: [UInt8] = []
        var rows: [UnsafeMutablePointer<UInt8>?]
        if opaque {
            rows = (0..<height).map { data.advanced(by: $0 * stride) }
        } else {
            unpremultiplied = unpremultiply(data, width: width, height: height, stride: stride)
            rows = []
        }

        guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, nil) else {
            throw FrontlineError.library(name: "libpng", reason: "cannot create a writer")
        }
        var pngPtr: png_structp? = png
        var info = png_create_info_struct(png)
        defer { png_destroy_write_struct(&pngPtr, &info) }
        guard let info else { throw FrontlineError.library(name: "libpng", reason: "cannot create an info struct") }

        let sink = Sink()
        sink.bytes.reserveCapacity(width * height / 2)
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        png_set_write_fn(png, box.toOpaque(), { p, bytes, count in
            guard let p, let io = png_get_io_ptr(p), let bytes else { return }
            Unmanaged<Sink>.fromOpaque(io).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }, nil)
        let ppm = png_uint_32((dpi / 0.0254).rounded())
        let colorType = opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA
        let status: Int32
        if opaque {
            // Rows straight from Cairo's buffer: libpng drops the fourth byte and swaps B and R.
            status = rows.withUnsafeMutableBufferPointer {
                frontline_png_write(png, info, png_uint_32(width), png_uint_32(height), colorType, ppm, 1, $0.baseAddress)
            }
        } else {
            status = unpremultiplied.withUnsafeMutableBufferPointer { buf in
                var rgbaRows = (0..<height).map { Optional(buf.baseAddress!.advanced(by: $0 * width * 4)) }
                return rgbaRows.withUnsafeMutableBufferPointer {
                    frontline_png_write(png, info, png_uint_32(width), png_uint_32(height), colorType, ppm, 0, $0.baseAddress)
                }
            }
        }
        guard status == 0 else { throw FrontlineError.library(name: "libpng", reason: "cannot encode the image") }
        return sink.bytes
    }

    static func isOpaque(_ data: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeRawPointer(data.advanced(by: y * stride)).assumingMemoryBound(to: UInt32.self)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            if all & 0xFF00_0000 != 0xFF00_0000 { return false }
        }
        return true
    }

    /// Straight (not premultiplied) R, G, B, A bytes.
    static func unpremultiply(_ data: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let row = UnsafeRawPointer(data.advanced(by: y * stride)).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let v = row[x], a = v >> 24
                let i = (y * width + x) * 4
                guard a > 0 else { continue }
                func channel(_ shift: UInt32) -> UInt8 { UInt8(min(255, (((v >> shift) & 0xFF) * 255 + a / 2) / a)) }
                out[i] = channel(16); out[i + 1] = channel(8); out[i + 2] = channel(0); out[i + 3] = UInt8(a)
            }
        }
        return out
    }
}
