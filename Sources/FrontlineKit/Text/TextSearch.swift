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
