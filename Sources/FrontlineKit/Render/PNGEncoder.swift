import CCairo
import CDeflate
import CPNG

/// Encodes Cairo's pixels as PNG, in memory, with the resolution (pHYs) written as the file is.
/// libpng writes the chunks; libdeflate (level 1: on our maps both faster and smaller than zlib's
/// fastest levels) compresses the image data as one zlib stream. An opaque image — every map — is
/// written as RGB, otherwise as RGBA; no row filter either way. The pixels are used up.
enum PNGEncoder {
    /// One finished image surface's PNG file.
    static func encode(surface: OpaquePointer, dpi: Double) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32, width > 0, height > 0,
            let pixels = cairo_image_surface_get_data(surface)
        else {
            throw FrontlineError.library(name: "libpng", reason: "no image to encode")
        }
        let data = UnsafeMutableRawPointer(pixels)
        let rgb = isOpaque(data, width: width, height: height, stride: stride)
        let rgba = rgb ? [] : rgbaScanlines(data, width: width, height: height, stride: stride)
        let idat = try rgba.withUnsafeBytes { buf in
            try compress(
                rgb
                    ? UnsafeRawBufferPointer(
                        rgbScanlinesInPlace(
                            data, width: width, height: height,
                            stride: stride)) : buf)
        }
        return try file(idat: idat, width: width, height: height, rgb: rgb, dpi: dpi)
    }

    /// The PNG file around compressed image data: signature, IHDR, pHYs, IDAT, IEND.
    static func file(idat: [UInt8], width: Int, height: Int, rgb: Bool, dpi: Double) throws -> [UInt8] {
        guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, nil) else {
            throw FrontlineError.library(name: "libpng", reason: "cannot create a writer")
        }
        var pngPtr: png_structp? = png
        var info = png_create_info_struct(png)
        defer { png_destroy_write_struct(&pngPtr, &info) }
        guard let info else { throw FrontlineError.library(name: "libpng", reason: "cannot create an info struct") }
        let sink = Sink()
        sink.bytes.reserveCapacity(idat.count + 1024)
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        png_set_write_fn(
            png, box.toOpaque(),
            { p, bytes, count in
                guard let p, let io = png_get_io_ptr(p), let bytes else { return }
                Unmanaged<Sink>.fromOpaque(io).takeUnretainedValue().bytes.append(
                    contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            }, nil)
        let ppm = png_uint_32((dpi / 0.0254).rounded())
        let colour = rgb ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA
        guard frontline_png_write_header(png, info, png_uint_32(width), png_uint_32(height), colour, ppm) == 0,
            idat.withUnsafeBufferPointer({ frontline_png_write_chunk(png, "IDAT", $0.baseAddress, $0.count) }) == 0,
            frontline_png_write_chunk(png, "IEND", nil, 0) == 0
        else {
            throw FrontlineError.library(name: "libpng", reason: "cannot encode the image")
        }
        return sink.bytes
    }

    /// The bytes libpng writes, collected in memory.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    /// libdeflate's fastest level: on a map's long flat runs both faster and smaller than zlib's fastest.
    static let level: Int32 = 1

    /// `lines` as a zlib stream (header, deflate, Adler-32), by libdeflate.
    static func compress(_ lines: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw FrontlineError.library(name: "libdeflate", reason: "cannot start compressing")
        }
        defer { libdeflate_free_compressor(compressor) }
        // A map compresses to a few per cent of its scanlines: a buffer of a quarter of them is tried
        // first (untouched pages cost nothing), then libdeflate's bound.
        for capacity in [lines.count / 4 + 1024, libdeflate_zlib_compress_bound(compressor, lines.count)] {
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { o, count in
                count = libdeflate_zlib_compress(compressor, lines.baseAddress, lines.count, o.baseAddress, o.count)
            }
            if !out.isEmpty { return out }
        }
        throw FrontlineError.library(name: "libdeflate", reason: "compression failed")
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
            x += 4
            o += 12
        }
        while x < width {
            let v = src[x]
            out.storeBytes(of: UInt8(truncatingIfNeeded: v >> 16), toByteOffset: o, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: v >> 8), toByteOffset: o + 1, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: o + 2, as: UInt8.self)
            x += 1
            o += 3
        }
    }

    /// The rows' scanlines (filter "none", then R, G, B), written over the pixels they come from, row
    /// after row: a scanline is shorter than a row and starts no later, and each run of four pixels is
    /// read before its twelve bytes are written, so nothing is overwritten before it is read. (No
    /// second image-sized buffer is made and touched.) Returns where they are.
    static func rgbScanlinesInPlace(
        _ data: UnsafeMutableRawPointer, width: Int, height: Int, stride: Int
    ) -> UnsafeMutableRawBufferPointer {
        let lineLength = 1 + 3 * width
        for y in 0..<height {
            let src = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            let line = data + y * lineLength
            rgbRow(src, width: width, into: line + 1)
            line.storeBytes(of: 0, as: UInt8.self)
        }
        return UnsafeMutableRawBufferPointer(start: data, count: lineLength * height)
    }

    static func isOpaque(_ data: UnsafeMutableRawPointer, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            if all & 0xFF00_0000 != 0xFF00_0000 { return false }
        }
        return true
    }

    /// Scanlines (filter "none", then straight — not premultiplied — R, G, B, A bytes).
    static func rgbaScanlines(_ data: UnsafeMutableRawPointer, width: Int, height: Int, stride: Int) -> [UInt8] {
        let lineLength = 1 + 4 * width
        var out = [UInt8](repeating: 0, count: lineLength * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let v = row[x], a = v >> 24
                let i = y * lineLength + 1 + x * 4
                guard a > 0 else { continue }
                func channel(_ shift: UInt32) -> UInt8 { UInt8(min(255, (((v >> shift) & 0xFF) * 255 + a / 2) / a)) }
                out[i] = channel(16)
                out[i + 1] = channel(8)
                out[i + 2] = channel(0)
                out[i + 3] = UInt8(a)
            }
        }
        return out
    }
}
