import Foundation

/// Folds the spellings of Arabic, Kurdish and Turkish place names in Latin script to one key:
/// case and diacritics, ayn/hamza marks and apostrophes, the article al-/ar-/as-/el-/…,
/// doubled letters, and vowel and consonant variants common in transliteration.
public enum PlaceNameNormalizer {
    static let articles: Set<String> = ["al", "ar", "as", "ad", "ad", "el", "an", "at", "az", "ash", "ath", "adh", "ez", "es", "en", "ed", "et", "ul", "il"]
    static let marks: Set<Character> = ["'", "’", "‘", "ʿ", "ʾ", "`", "´", "ʼ", "ʻ"]

    /// The matching key for a name: lowercase ASCII words separated by single spaces.
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "en_US_POSIX"))
        var cleaned = ""
        for ch in folded {
            if marks.contains(ch) { continue }
            if ch.isLetter || ch.isNumber { cleaned.append(ch) } else { cleaned.append(" ") }
        }
        var words = cleaned.split(separator: " ").map(String.init)
        // Articles are dropped wherever they stand: "Deir ez-Zor" ~ "Dayr az Zawr", "Al-Fallujah" ~ "Fallujah".
        if words.count > 1 { words = words.filter { !articles.contains($0) } }
        return words.map(foldWord).joined(separator: " ")
    }

    /// Folds one word's transliteration variants.
    static func foldWord(_ w: String) -> String {
        var s = w
        for (a, b) in [("ou", "u"), ("dh", "z"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("q", "k"),
                       ("ck", "k"), ("ph", "f"), ("ee", "i"), ("oo", "u"), ("w", "u"), ("y", "i"), ("j", "j")] {
            s = s.replacingOccurrences(of: a, with: b)
        }
        s = s.map { c -> Character in
            switch c {
            case "e": return "i"
            case "o": return "u"
            default: return c
            }
        }.reduce(into: "") { $0.append($1) }
        // Final -ah / -eh / -a: Fallujah ~ Falluja, Raqqah ~ Raqqa.
        if s.count > 3, s.hasSuffix("ah") || s.hasSuffix("ih") { s.removeLast() }
        if s.count > 3, s.hasSuffix("a") { s.removeLast() }
        if s.count > 3, s.hasSuffix("i") { s.removeLast() }
        // Doubled letters collapse: Raqqa ~ Raqa, Falluja ~ Faluja.
        var out = ""
        for c in s where out.last != c { out.append(c) }
        // A leading vowel pair from a dropped ayn: Aazaz ~ Azaz.
        return out
    }
}
