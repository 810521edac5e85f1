import Foundation

/// A sorted word list read whole and searched by bisecting its lines' bytes, so that no set of its
/// 64,000 words is built at start-up: `Shapes/english-words.txt`, the common English words (SCOWL, via
/// Debian's wamerican) a capitalised word of an article is checked against, and `Shapes/given-names.txt`.
/// Its first line names it.
public struct SortedWords: Sendable {

    private let bytes: [UInt8]
    /// Where the first word's line starts (after the header line).
    private let start: Int

    /// The list in `path`; nil when there is none (a basemap folder without it: no word is common).
    public static func load(path: String, magic: String = "frontline-english-words 1") throws -> SortedWords? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try InputFile.read(path, limit: 8 << 20, missing: "cannot read the word list")
        let bytes = [UInt8](data)
        guard let nl = bytes.firstIndex(of: 0x0A),
            String(decoding: bytes[..<nl], as: UTF8.self).hasPrefix(magic)
        else {
            throw FrontlineError.badInput(file: path, reason: "not a word list (first line is not '\(magic) …')")
        }
        return SortedWords(bytes: bytes, start: nl + 1)
    }

    /// Whether `word` (compared byte for byte: give it in lower case) is one of the list's lines.
    public func contains(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard !w.isEmpty else { return false }
        var lo = start, hi = bytes.count
        while lo < hi {
            var s = lo + (hi - lo) / 2
            while s > lo, bytes[s - 1] != 0x0A { s -= 1 }  // the start of the line holding the middle byte
            var e = s
            while e < bytes.count, bytes[e] != 0x0A { e += 1 }
            let line = bytes[s..<e]
            if line.elementsEqual(w) { return true }
            if line.lexicographicallyPrecedes(w) { lo = e + 1 } else { hi = s }
        }
        return false
    }
}
