import Foundation

/// A text as an array of characters (what the article's offsets count), which gives any run of them
/// back as a String by copying the run's UTF-8 bytes instead of appending character after character.
struct CharacterText {
    let chars: [Character]
    private let utf8: [UInt8]
    /// Where each character's bytes start in `utf8`, then the end.
    private let offsets: [Int]

    init(_ s: String) {
        chars = Array(s)
        utf8 = Array(s.utf8)
        var offsets = [0]
        offsets.reserveCapacity(chars.count + 1)
        var n = 0
        for c in chars {
            n += c.utf8.count
            offsets.append(n)
        }
        self.offsets = offsets
    }

    var count: Int { chars.count }

    subscript(i: Int) -> Character { chars[i] }

    /// Characters `r` as a String: the same as String(chars[r]).
    func string(_ r: Range<Int>) -> String {
        utf8.withUnsafeBufferPointer {
            String(
                decoding: UnsafeBufferPointer(rebasing: $0[offsets[r.lowerBound]..<offsets[r.upperBound]]),
                as: UTF8.self)
        }
    }
}

extension String {
    /// The same as `trimmingCharacters(in: .whitespaces)` (spaces and tabs, by Unicode scalar), without
    /// a round trip through NSString: most lines have nothing to trim and come back as they are.
    var trimmingWhitespace: String {
        // Printable ASCII at both ends (most text): nothing to trim, settled by two bytes.
        if let a = utf8.first, let b = utf8.last, (0x21..<0x7F).contains(a), (0x21..<0x7F).contains(b) { return self }
        let scalars = unicodeScalars
        var a = scalars.startIndex, b = scalars.endIndex
        while a < b, CharacterSet.whitespaces.contains(scalars[a]) { a = scalars.index(after: a) }
        while b > a, CharacterSet.whitespaces.contains(scalars[scalars.index(before: b)]) {
            b = scalars.index(before: b)
        }
        return a == scalars.startIndex && b == scalars.endIndex ? self : String(scalars[a..<b])
    }
}
