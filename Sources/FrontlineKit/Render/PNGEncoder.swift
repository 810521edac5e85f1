import CCairo
import CDeflate
import CPNG
import CZlib

/// Encodes Cairo's pixels as PNG, in memory, with the resolution (pHYs) written as the file is.
/// libpng writes the chunks; the image data is compressed here, in pieces that can be made at the
/// same time (one per band of rows drawn on its own thread) and joined into the one deflate stream a
/// PNG holds: every piece but the last by zlib, ended with a sync flush (on a byte boundary, not
/// final, so the next piece can follow it), the last by libdeflate (level 1: on our maps both faster
/// and smaller than zlib's fastest levels, but it can only end a stream). An opaque image — every
/// map — is written as RGB, otherwise as RGBA; no row filter either way. The pixels are used up.
enum PNGEncoder {
    /// A band of rows as scanlines, compressed: a piece of the image's deflate stream.
    final class Piece: @unchecked Sendable {
        let deflated: [UInt8]
        /// Adler-32 and byte count of its scanlines (the stream's trailer is over all of them).
        let adler: UInt32
        let count: Int
        let width: Int
        let rows: Int
        /// True: R, G, B scanlines (every pixel of the band opaque); false: R, G, B, A.
        let rgb: Bool
        let last: Bool
        /// The scanlines: written over the band's own pixels (RGB) or in a buffer of their own (RGBA).
        private let inPlace: UnsafeRawBufferPointer?
        private let owned: [UInt8]
        /// What holds the pixels `inPlace` points into.
        private let owner: AnyObject?

        /// Compresses rows of Cairo ARGB32 pixels (`data`, `rows` × `width`, `stride` apart).
        init(data: UnsafeMutableRawPointer, width: Int, rows: Int, stride: Int, last: Bool, owner: AnyObject?) throws {
            self.owner = owner
            self.width = width
            self.rows = rows
            self.last = last
            let opaque = PNGEncoder.isOpaque(data, width: width, height: rows, stride: stride)
            let lines = opaque ? UnsafeRawBufferPointer(PNGEncoder.rgbScanlinesInPlace(data, width: width, height: rows, stride: stride)) : nil
            let rgba = opaque ? [] : PNGEncoder.rgbaScanlines(data, width: width, height: rows, stride: stride)
            (deflated, adler, count) = try rgba.withUnsafeBytes { buf in
                let l = lines ?? buf
                return (try PNGEncoder.deflate(l, last: last), PNGEncoder.adler32(l), l.count)
            }
            rgb = opaque
            inPlace = lines
            owned = rgba
        }

        /// The same rows as RGBA scanlines, compressed: for an opaque band of an image that another band
        /// makes RGBA (its alpha is 255 throughout).
        init(rgbaOf p: Piece) throws {
            guard p.rgb, let rgbLines = p.inPlace else { throw FrontlineError.library(name: "libpng", reason: "no RGB rows to widen") }
            let (w, h) = (p.width, p.rows)
            width = w; rows = h; last = p.last; rgb = false; inPlace = nil; owner = nil
            var out = [UInt8](repeating: 255, count: (1 + 4 * w) * h)
            out.withUnsafeMutableBytes { o in
                for y in 0..<h {
                    let src = y * (1 + 3 * w), dst = y * (1 + 4 * w)
                    o[dst] = 0
                    for x in 0..<w {
                        o[dst + 1 + 4 * x] = rgbLines[src + 1 + 3 * x]
                        o[dst + 2 + 4 * x] = rgbLines[src + 2 + 3 * x]
                        o[dst + 3 + 4 * x] = rgbLines[src + 3 + 3 * x]
                    }
                }
            }
            (deflated, adler) = try out.withUnsafeBytes { (try PNGEncoder.deflate($0, last: p.last), PNGEncoder.adler32($0)) }
            owned = out
            count = out.count
        }
    }

    /// One surface's image, in one piece.
    static func encode(surface: OpaquePointer, dpi: Double) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32, width > 0, height > 0,
              let data = cairo_image_surface_get_data(surface) else {
            throw FrontlineError.library(name: "libpng", reason: "no image to encode")
        }
        let piece = try Piece(data: UnsafeMutableRawPointer(data), width: width, rows: height,
                              stride: Int(cairo_image_surface_get_stride(surface)), last: true, owner: nil)
        return try assemble([piece], dpi: dpi)
    }

    /// The PNG file of an image's pieces, top to bottom (the last made with `last`).
    static func assemble(_ given: [Piece], dpi: Double) throws -> [UInt8] {
        guard let first = given.first, given.last?.last == true, given.dropLast().allSatisfy({ !$0.last }),
              given.allSatisfy({ $0.width == first.width }) else {
            throw FrontlineError.library(name: "libpng", reason: "no image to encode")
        }
        // One colour type for the file: RGBA if any band has a transparent pixel.
        let rgb = given.allSatisfy(\.rgb)
        let pieces = try given.map { rgb || !$0.rgb ? $0 : try Piece(rgbaOf: $0) }
        let height = pieces.reduce(0) { $0 + $1.rows }

        // The zlib stream: header (deflate, 32 KB window, "fastest"), the pieces, Adler-32 of all.
        var idat: [UInt8] = [0x78, 0x01]
        idat.reserveCapacity(pieces.reduce(6) { $0 + $1.deflated.count })
        var adler = UInt32(1)
        for p in pieces {
            idat += p.deflated
            adler = UInt32(truncatingIfNeeded: adler32_combine(uLong(adler), uLong(p.adler), off_t(p.count)))
        }
        idat += [UInt8(adler >> 24), UInt8(truncatingIfNeeded: adler >> 16), UInt8(truncatingIfNeeded: adler >> 8), UInt8(truncatingIfNeeded: adler)]

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
        png_set_write_fn(png, box.toOpaque(), { p, bytes, count in
            guard let p, let io = png_get_io_ptr(p), let bytes else { return }
            Unmanaged<Sink>.fromOpaque(io).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }, nil)
        let ppm = png_uint_32((dpi / 0.0254).rounded())
        let colour = rgb ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA
        guard frontline_png_write_header(png, info, png_uint_32(first.width), png_uint_32(height), colour, ppm) == 0,
              idat.withUnsafeBufferPointer({ frontline_png_write_chunk(png, "IDAT", $0.baseAddress, $0.count) }) == 0,
              frontline_png_write_chunk(png, "IEND", nil, 0) == 0 else {
            throw FrontlineError.library(name: "libpng", reason: "cannot encode the image")
        }
        return sink.bytes
    }

    /// The bytes libpng writes, collected in memory.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    /// libdeflate's level for the last piece: its fastest, which on a map's long flat runs is both
    /// faster and smaller than zlib's fastest levels. zlib's level for the others: its fastest.
    static let level: Int32 = 1

    /// Raw deflate of `lines`: final (libdeflate) if `last`, else ended by a sync flush (zlib).
    static func deflate(_ lines: UnsafeRawBufferPointer, last: Bool) throws -> [UInt8] {
        if !last {
            let capacity = frontline_deflate_piece_bound(lines.count)
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { o, count in
                count = frontline_deflate_piece(lines.baseAddress, lines.count, o.baseAddress, o.count, level)
            }
            guard !out.isEmpty else { throw FrontlineError.library(name: "zlib", reason: "compression failed") }
            return out
        }
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw FrontlineError.library(name: "libdeflate", reason: "cannot start compressing")
        }
        defer { libdeflate_free_compressor(compressor) }
        // A map compresses to a few per cent of its scanlines: a buffer of a quarter of them is tried
        // first (untouched pages cost nothing), then libdeflate's bound.
        for capacity in [lines.count / 4 + 1024, libdeflate_deflate_compress_bound(compressor, lines.count)] {
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { o, count in
                count = libdeflate_deflate_compress(compressor, lines.baseAddress, lines.count, o.baseAddress, o.count)
            }
            if !out.isEmpty { return out }
        }
        throw FrontlineError.library(name: "libdeflate", reason: "compression failed")
    }

    static func adler32(_ lines: UnsafeRawBufferPointer) -> UInt32 {
        libdeflate_adler32(1, lines.baseAddress, lines.count)
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

    /// The rows' scanlines (filter "none", then R, G, B), written over the pixels they come from, row
    /// after row: a scanline is shorter than a row and starts no later, and each run of four pixels is
    /// read before its twelve bytes are written, so nothing is overwritten before it is read. (No
    /// second image-sized buffer is made and touched.) Returns where they are.
    static func rgbScanlinesInPlace(_ data: UnsafeMutableRawPointer, width: Int, height: Int, stride: Int) -> UnsafeMutableRawBufferPointer {
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
                out[i] = channel(16); out[i + 1] = channel(8); out[i + 2] = channel(0); out[i + 3] = UInt8(a)
            }
        }
        return out
    }
}
