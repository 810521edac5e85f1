import CCairo
import CPNG


/// Encodes a Cairo image surface as PNG, in memory, in one pass, with the resolution (pHYs) written
/// as the file is. libpng writes the chunks; zlib compresses (level 1, no row filter: on our maps as
/// small as Cairo's default, in a quarter of the time). An opaque image — every map — is compressed as
/// two halves at once, one per core, joined into one zlib stream the way pigz joins its blocks.
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

    /// RGB scanlines (filter type 0) of rows `rows`, raw-deflated; the last part ends the stream.
    private struct Part { var bytes: [UInt8]; var adler: UInt; var length: Int }

    private static func compress(_ data: UnsafeMutablePointer<UInt8>, width: Int, stride: Int, rows: Range<Int>, last: Bool) throws -> Part {
        // Rows go through a small buffer a block at a time (no copy of the whole image is made),
        // and the compressed bytes through a small output window: little memory is touched.
        let lineLength = 1 + 3 * width, block = 32
        var lines = [UInt8](repeating: 0, count: lineLength * block)
        var window = [UInt8](repeating: 0, count: 1 << 16)
        var out: [UInt8] = []
        out.reserveCapacity(lineLength * rows.count / 16)
        var strm = z_stream()
        guard frontline_deflate_init_raw(&strm, 1) == Z_OK else {
            throw FrontlineError.library(name: "zlib", reason: "cannot start compressing")
        }
        defer { deflateEnd(&strm) }
        var adler = adler32(0, nil, 0)
        var y = rows.lowerBound
        while y < rows.upperBound {
            let n = min(block, rows.upperBound - y)
            lines.withUnsafeMutableBufferPointer { buf in
                for k in 0..<n {
                    let src = UnsafeRawPointer(data.advanced(by: (y + k) * stride)).assumingMemoryBound(to: UInt32.self)
                    var o = k * lineLength
                    buf[o] = 0  // filter "none"
                    o += 1
                    for x in 0..<width {
                        let v = src[x]
                        buf[o] = UInt8(truncatingIfNeeded: v >> 16)
                        buf[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                        buf[o + 2] = UInt8(truncatingIfNeeded: v)
                        o += 3
                    }
                }
            }
            y += n
            let flush = y < rows.upperBound ? Z_NO_FLUSH : (last ? Z_FINISH : Z_SYNC_FLUSH)
            let count = n * lineLength
            try lines.withUnsafeMutableBufferPointer { inBuf in
                adler = adler32(adler, inBuf.baseAddress, uInt(count))
                strm.next_in = inBuf.baseAddress
                strm.avail_in = uInt(count)
                try window.withUnsafeMutableBufferPointer { w in
                    repeat {
                        strm.next_out = w.baseAddress
                        strm.avail_out = uInt(w.count)
                        let r = CPNG.deflate(&strm, flush)
                        guard r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR else {
                            throw FrontlineError.library(name: "zlib", reason: "compression failed (\(r))")
                        }
                        out.append(contentsOf: w[..<(w.count - Int(strm.avail_out))])
                    } while strm.avail_out == 0
                }
            }
        }
        return Part(bytes: out, adler: UInt(adler), length: lineLength * rows.count)
    }

    private static func writeOpaque(_ png: png_structp, _ info: png_infop, data: UnsafeMutablePointer<UInt8>,
                                    width: Int, height: Int, stride: Int, ppm: png_uint_32) throws -> Int32 {
        guard frontline_png_write_header(png, info, png_uint_32(width), png_uint_32(height), PNG_COLOR_TYPE_RGB, ppm) == 0 else { return -1 }
        let cut = height / 2
        let halves = cut > 0 ? [0..<cut, cut..<height] : [0..<height]
        let pixels = UnsafeSendablePointer(data)
        let parts = try Parallel.onThreads(halves) { try compress(pixels.pointer, width: width, stride: stride, rows: $0, last: $0.upperBound == height) }
        // One zlib stream: header (deflate, 32 KB window, fastest), the parts, the Adler-32 of it all.
        var idat: [UInt8] = [0x78, 0x01]
        var adler = parts[0].adler
        idat += parts[0].bytes
        for p in parts.dropFirst() {
            idat += p.bytes
            adler = UInt(adler32_combine(uLong(adler), uLong(p.adler), off_t(p.length)))
        }
        idat += [UInt8(truncatingIfNeeded: adler >> 24), UInt8(truncatingIfNeeded: adler >> 16), UInt8(truncatingIfNeeded: adler >> 8), UInt8(truncatingIfNeeded: adler)]
        let wrote = idat.withUnsafeBufferPointer { frontline_png_write_chunk(png, "IDAT", $0.baseAddress, $0.count) }
        guard wrote == 0 else { return -1 }
        return frontline_png_write_chunk(png, "IEND", nil, 0)
    }

    /// The image's pixels, read by both compressing threads (neither writes them).
    private struct UnsafeSendablePointer: @unchecked Sendable { let pointer: UnsafeMutablePointer<UInt8>; init(_ p: UnsafeMutablePointer<UInt8>) { pointer = p } }

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
