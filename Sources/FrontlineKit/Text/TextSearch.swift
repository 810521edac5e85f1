import Foundation

/// Plain substring search over UTF-8 bytes: exact, locale-free, and far cheaper than Foundation's
/// `range(of:)` for the many short phrases the text stages look for.
enum TextSearch {
    /// The byte offset of the first occurrence of `needle` in `haystack`.
    static func offset(of needle: String, in haystack: [UInt8]) -> Int? {
        let n = Array(needle.utf8)
        guard let first = n.first, n.count <= haystack.count else { return n.isEmpty ? 0 : nil }
        var i = 0
        let last = haystack.count - n.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < n.count, haystack[i + j] == n[j] { j += 1 }
                if j == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func offset(of needle: String, in haystack: String) -> Int? {
        offset(of: needle, in: Array(haystack.utf8))
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, matched on UTF-8 bytes (no Unicode
    /// equivalence: a "<" stays a "<" even with a combining mark after it). Comes back as it is, and
    /// uncopied, when there is nothing to replace.
    func replacingBytes(of target: String, with replacement: String) -> String {
        var text = self
        return text.withUTF8 { bytes -> String in
            let t = Array(target.utf8)
            guard let first = t.first, let base = bytes.baseAddress, bytes.count >= t.count else { return self }
            var out: [UInt8] = []
            var copied = 0, from = 0
            while from + t.count <= bytes.count,
                let hit = memchr(base + from, Int32(first), bytes.count - from - t.count + 1)
            {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, t, t.count) == 0 {
                    if out.isEmpty { out.reserveCapacity(bytes.count + 64) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<at]))
                    out.append(contentsOf: replacement.utf8)
                    copied = at + t.count
                    from = copied
                } else {
                    from = at + 1
                }
            }
            if copied == 0 { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Text set into XML and HTML.
enum Markup {
    /// Content or an attribute value: &, <, > and " as entities.
    static func escape(_ s: String) -> String {
        s.replacingBytes(of: "&", with: "&amp;").replacingBytes(of: "<", with: "&lt;")
            .replacingBytes(of: ">", with: "&gt;").replacingBytes(of: "\"", with: "&quot;")
    }

    /// The content of a CDATA section: a "]]>" inside is split across two sections.
    static func cdata(_ s: String) -> String { s.replacingBytes(of: "]]>", with: "]]]]><![CDATA[>") }
}
