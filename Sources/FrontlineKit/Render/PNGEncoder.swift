import CCairo
import CDeflate
import CPNG

/// Encodes a Cairo image surface as PNG, in memory, in one pass, with the resolution (pHYs) written
/// as the file is (the surface's pixels are used up: finish it next). libpng writes the chunks. An
/// opaque image — every map — is written as RGB with no row filter, compressed in one call by
/// libdeflate (level 1: on our maps both faster and smaller than zlib's fastest levels); other images
/// go through libpng's rows and zlib.
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
        var unpremultiplied = opaque ? [] : unpremultiply(data, width: width, height: height, stride: stride)

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
        let status: Int32
        if opaque {
            status = try writeOpaque(png, info, data: data, width: width, height: height, stride: stride, ppm: ppm)
        } else {
            guard frontline_png_write_header(png, info, png_uint_32(width), png_uint_32(height), PNG_COLOR_TYPE_RGB_ALPHA, ppm) == 0 else {
                throw FrontlineError.library(name: "libpng", reason: "cannot encode the image")
            }
            status = unpremultiplied.withUnsafeMutableBufferPointer { buf in
                var rgbaRows = (0..<height).map { Optional(buf.baseAddress!.advanced(by: $0 * width * 4)) }
                return rgbaRows.withUnsafeMutableBufferPointer { frontline_png_write_rows(png, info, $0.baseAddress) }
            }
        }
        guard status == 0 else { throw FrontlineError.library(name: "libpng", reason: "cannot encode the image") }
        return sink.bytes
    }

    /// One row of Cairo's 0xAARRGGBB words as R, G, B bytes, four pixels (three words) at a time.
    @inline(__always)
    static func rgbRow(_ src: UnsafePointer<UInt32>, width: Int, into out: UnsafeMutableRawPointer) {
        // v.byteSwapped >> 8 is the pixel's R, G, B as a little-endian 24-bit number.
        @inline(__always) func rgb(_ v: UInt32) -> UInt32 { v.byteSwapped >> 8 }
        var x = 0, o = 0
        while x + 4 <= width {
            let a = rgb(src[x]), b = rgb(src[x + 1]), c = rgb(src[x + 2]), d = rgb(src[x + 3])
            out.storeBytes(of: (a | b << 24).littleEndian, toByteOffset: o, as: UInt32.self)
            out.storeBytes(of: (b >> 8 | c << 16).littleEndian, toByteOffset: o + 4, as: UInt32.self)
            out.storeBytes(of: (c >> 16 | d << 8).littleEndian, toByteOffset: o + 8, as: UInt32.self)
            x += 4; o += 12
        }
        while x < width {
            let v = src[x]
            out.storeBytes(of: UInt8(truncatingIfNeeded: v >> 16), toByteOffset: o, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: v >> 8), toByteOffset: o + 1, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: o + 2, as: UInt8.self)
            x += 1; o += 3
        }
    }

    /// libdeflate's level for the image data: its fastest, which on a map's long flat runs is both
    /// faster and smaller than zlib's fastest levels.
    static let level: Int32 = 1

    private static func writeOpaque(_ png: png_structp, _ info: png_infop, data: UnsafeMutablePointer<UInt8>,
                                    width: Int, height: Int, stride: Int, ppm: png_uint_32) throws -> Int32 {
        guard frontline_png_write_header(png, info, png_uint_32(width), png_uint_32(height), PNG_COLOR_TYPE_RGB, ppm) == 0 else { return -1 }
        // The scanlines (filter "none", then R, G, B) are written over the pixels they come from, row
        // after row: a scanline is shorter than a row and starts no later, and each run of four pixels
        // is read before its twelve bytes are written, so nothing is overwritten before it is read.
        // (The surface is finished right after; no second image-sized buffer is made and touched.)
        let lineLength = 1 + 3 * width
        let raw = UnsafeMutableRawPointer(data)
        for y in 0..<height {
            let src = UnsafeRawPointer(data.advanced(by: y * stride)).assumingMemoryBound(to: UInt32.self)
            let line = raw + y * lineLength
            rgbRow(src, width: width, into: line + 1)
            line.storeBytes(of: 0, as: UInt8.self)
        }
        let lines = UnsafeRawBufferPointer(start: raw, count: lineLength * height)
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw FrontlineError.library(name: "libdeflate", reason: "cannot start compressing")
        }
        defer { libdeflate_free_compressor(compressor) }
        // A map compresses to a few per cent of its scanlines: a buffer of a quarter of them is tried
        // first (untouched pages cost nothing), then libdeflate's bound.
        var idat: [UInt8] = []
        var n = 0
        for capacity in [lines.count / 4 + 1024, libdeflate_zlib_compress_bound(compressor, lines.count)] where n == 0 {
            idat = [UInt8](unsafeUninitializedCapacity: capacity) { o, count in
                count = libdeflate_zlib_compress(compressor, lines.baseAddress, lines.count, o.baseAddress, o.count)
            }
            n = idat.count
        }
        guard n > 0 else { throw FrontlineError.library(name: "libdeflate", reason: "compression failed") }
        let wrote = idat.withUnsafeBufferPointer { frontline_png_write_chunk(png, "IDAT", $0.baseAddress, n) }
        guard wrote == 0 else { return -1 }
        return frontline_png_write_chunk(png, "IEND", nil, 0)
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
