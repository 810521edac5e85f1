import CDeflate
import Foundation

/// The members of a ZIP archive held in memory (a GeoNames country dump: `CC.txt` and `readme.txt`).
/// Only the container is read here, from its central directory; the members' DEFLATE data is inflated by
/// libdeflate (already the PNG encoder's compressor) and checked against the CRC-32 the archive records.
/// Stored and deflated members are read; ZIP64, encryption and other methods are refused.
public struct ZipArchive {
    /// Why bytes are not a usable archive (the caller names where they came from).
    public struct Problem: Error, Equatable { public var text: String }

    public struct Member: Equatable {
        public var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        public var size: Int
        var localHeader: Int
    }

    let bytes: [UInt8]
    public let members: [Member]

    public init(_ data: Data) throws(Problem) {
        bytes = [UInt8](data)
        members = try Self.directory(bytes)
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }

    /// The end-of-central-directory record: the last 22 bytes, or earlier by the length of a comment.
    private static func endRecord(_ b: [UInt8]) throws(Problem) -> Int {
        guard b.count >= 22 else { throw Problem(text: "not a ZIP archive (\(b.count) bytes; truncated download?)") }
        var at = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while at >= lowest {
            if b[at] == 0x50, b[at + 1] == 0x4B, b[at + 2] == 5, b[at + 3] == 6 { return at }
            at -= 1
        }
        throw Problem(text: "not a ZIP archive or truncated (no end of central directory)")
    }

    private static func directory(_ b: [UInt8]) throws(Problem) -> [Member] {
        let end = try endRecord(b)
        let count = u16(b, end + 10), size = u32(b, end + 12), start = u32(b, end + 16)
        guard count != 0xFFFF, start != 0xFFFF_FFFF else { throw Problem(text: "ZIP64 archives are not read") }
        guard start + size <= end else { throw Problem(text: "truncated ZIP archive (central directory cut)") }
        var out: [Member] = []
        var p = start
        for _ in 0..<count {
            guard p + 46 <= end, u32(b, p) == 0x0201_4B50 else {
                throw Problem(text: "corrupt ZIP archive (bad central directory)")
            }
            let nameLength = u16(b, p + 28), extra = u16(b, p + 30), comment = u16(b, p + 32)
            guard p + 46 + nameLength <= end else { throw Problem(text: "corrupt ZIP archive (bad central directory)") }
            let m = Member(
                name: String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self), method: u16(b, p + 10),
                crc: UInt32(u32(b, p + 16)), compressedSize: u32(b, p + 20), size: u32(b, p + 24),
                localHeader: u32(b, p + 42))
            if u16(b, p + 8) & 1 != 0 { throw Problem(text: "\(m.name) is encrypted") }
            out.append(m)
            p += 46 + nameLength + extra + comment
        }
        return out
    }

    /// The bytes of the member named `name`, inflated and checked; at most `limit` bytes.
    public func contents(of name: String, limit: Int) throws(Problem) -> Data {
        guard let m = members.first(where: { $0.name == name }) else {
            throw Problem(text: "the archive has no \(name) (it holds \(members.map(\.name).joined(separator: ", ")))")
        }
        guard m.size <= limit else { throw Problem(text: "\(name) is \(m.size) bytes, more than the \(limit) read") }
        let h = m.localHeader
        guard h + 30 <= bytes.count, Self.u32(bytes, h) == 0x0403_4B50 else {
            throw Problem(text: "corrupt ZIP archive (no local header for \(name))")
        }
        let start = h + 30 + Self.u16(bytes, h + 26) + Self.u16(bytes, h + 28)
        guard start + m.compressedSize <= bytes.count else {
            throw Problem(text: "truncated ZIP archive (\(name) cut)")
        }
        let out: [UInt8]
        switch m.method {
        case 0: out = Array(bytes[start..<(start + m.size)])
        case 8: out = try Inflater().inflate(bytes[start..<(start + m.compressedSize)], size: m.size, name: name)
        default: throw Problem(text: "\(name) uses compression method \(m.method) (only stored and deflate are read)")
        }
        let crc = out.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        guard out.count == m.size, crc == m.crc else {
            throw Problem(text: "corrupt ZIP archive (\(name) fails its CRC-32 check)")
        }
        return Data(out)
    }
}

/// libdeflate's decompressor, freed with this value.
final class Inflater {
    private let d: OpaquePointer?

    init() { d = libdeflate_alloc_decompressor() }
    deinit { if let d { libdeflate_free_decompressor(d) } }

    /// Raw DEFLATE data that must inflate to exactly `size` bytes.
    func inflate(_ input: ArraySlice<UInt8>, size: Int, name: String) throws(ZipArchive.Problem) -> [UInt8] {
        guard let d else { throw ZipArchive.Problem(text: "libdeflate: cannot start decompressing") }
        var out = [UInt8](repeating: 0, count: size)
        var actual = 0
        let result = input.withUnsafeBytes { i in
            out.withUnsafeMutableBytes { o in
                libdeflate_deflate_decompress(d, i.baseAddress, i.count, o.baseAddress, o.count, &actual)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, actual == size else {
            throw ZipArchive.Problem(text: "corrupt ZIP archive (\(name) does not inflate)")
        }
        return out
    }
}
