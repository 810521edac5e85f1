import Foundation

/// A word of a sentence with its character offsets in the sentence.
public struct Token: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// Starts with a capital letter, or with an Arabic article before one ("al-Bab").
    public var isCapitalized: Bool {
        guard let byte = text.utf8.first else { return false }
        // ASCII first letters are settled by their byte; the rest by Unicode's case.
        if byte >= 0x41 && byte <= 0x5A { return true }
        if byte < 0x80 && byte != UInt8(ascii: "a") && byte != UInt8(ascii: "e") && byte != UInt8(ascii: "u") {
            return false
        }
        if byte >= 0x80, text.first?.isUppercase == true { return true }
        for prefix in Self.articles where text.hasPrefix(prefix) {
            return text.dropFirst(prefix.count).first?.isUppercase ?? false
        }
        return false
    }

    /// Arabic articles written before a name, as in "al-Bab".
    static let articles = WordLists.shared.list("arabic articles")  // in the file's order
}

/// Splits text into words: letters and digits, with inner apostrophes and hyphens kept.
public enum Tokenizer {
    static let inner: Set<Character> = ["'", "’", "‘", "ʿ", "ʾ", "`", "-", "‑"]

    public static func tokens(_ s: String) -> [Token] {
        let c = CharacterText(s)
        var out: [Token] = []
        var i = 0
        while i < c.count {
            // A word may begin with an ayn/hamza mark before a letter: ʿAzaz, 'Ain.
            let startsWord =
                c[i].isLetter || c[i].isNumber
                || (inner.contains(c[i]) && c[i] != "-" && i + 1 < c.count && c[i + 1].isLetter
                    && (i == 0 || c[i - 1].isWhitespace))
            guard startsWord else {
                i += 1
                continue
            }
            let start = i
            i += 1
            while i < c.count {
                if c[i].isLetter || c[i].isNumber {
                    i += 1
                    continue
                }
                // "1,000" and "2.5" are one number.
                if c[i] == "," || c[i] == ".", c[i - 1].isNumber, i + 1 < c.count, c[i + 1].isNumber {
                    i += 1
                    continue
                }
                if inner.contains(c[i]), i + 1 < c.count, c[i + 1].isLetter || c[i + 1].isNumber {
                    i += 1
                    continue
                }
                // A closing mark after a name: Mare', Mari'.
                if inner.contains(c[i]), c[i] != "-", i + 1 == c.count || !(c[i + 1].isLetter) {
                    let word = c.string(start..<i)
                    if word.count >= 3, !word.hasSuffix("s") { i += 1 }
                }
                break
            }
            // A possessive "’s" is not part of the name: "Washington’s" is Washington.
            var end = i
            if end - start > 3, c[end - 1] == "s", c[end - 2] == "’" || c[end - 2] == "'" { end -= 2 }
            out.append(Token(text: c.string(start..<end), start: start, end: end))
        }
        return out
    }
}
