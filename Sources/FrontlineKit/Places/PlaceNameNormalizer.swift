import Foundation

/// Folds the Latin-script spellings of Arabic, Kurdish and Turkish place names to matching keys.
///
/// Two keys, from strict to loose:
/// - `key`: case, diacritics, ayn/hamza marks and apostrophes, the article (al-, ar-, as-, el-, …),
///   transliteration digraphs (dh/z, th/t, kh/k, sh/s, q/k, ou/u, w/u, y/i), e/i and o/u, a final
///   -h after a vowel and doubled letters: Falluja ~ Fallujah ~ Al-Fallujah ~ Fallouja; Raqqa ~ Ar-Raqqah
///   ~ Rakka; Deir ez-Zor ~ Deir al-Zour ~ Dayr az Zawr; Marea ~ Mare' ~ Mari'.
/// - `skeleton`: the consonants of `key`, words joined, a glued article dropped and mb read as nb:
///   Manbij ~ Menbij ~ Membij; Jarabulus ~ Jarablus; Azaz ~ I'zaz; Abu Kamal ~ Albu Kamal ~ Bukamal;
///   Tell Abyad ~ Tal Abyad.
/// Names in other scripts get empty keys (they cannot match English text).
public enum PlaceNameNormalizer {
    static let articles: Set<[UInt8]> = Set(
        [
            "al", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "el", "ez",
            "es", "en", "ed", "et", "ul", "il", "ud",
        ].map { Array($0.utf8) })
    static let marks: Set<UInt32> = [0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x02BB, 0x02BC, 0x02BD, 0x02BE, 0x02BF, 0x2032]

    /// Lowercase ASCII words, marks dropped, separators split; nil for a name in another script.
    static func words(_ name: String) -> [[UInt8]]? {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        for s in name.unicodeScalars {
            let v = s.value
            switch v {
            case 0x61...0x7A, 0x30...0x39: current.append(UInt8(v))
            case 0x41...0x5A: current.append(UInt8(v + 32))
            case _ where marks.contains(v): continue
            case 0xC0...0x24F:
                let c = LatinFold.latin[Int(v - 0xC0)]
                if c == UInt8(ascii: ".") { flush() } else { current.append(c) }
            case 0x1E00...0x1EFF:
                let c = LatinFold.additional[Int(v - 0x1E00)]
                if c == UInt8(ascii: ".") { flush() } else { current.append(c) }
            case 0x300...0x36F: continue  // combining accents
            default:
                if s.properties.isAlphabetic { return nil }
                flush()
            }
        }
        flush()
        if words.count > 1 { words = words.filter { !articles.contains($0) } }
        return words.isEmpty ? nil : words
    }

    /// The strict matching key: folded words separated by single spaces.
    public static func key(_ name: String) -> String {
        guard let ws = words(name) else { return "" }
        return String(decoding: Array(ws.map(lightFold).joined(separator: [0x20])), as: UTF8.self)
    }

    /// The spelling itself, with case, marks and the article folded but no transliteration folded:
    /// "Shire" and "Syria" share a strict key but not a spelling. Whether a text names an entry by its
    /// own name rather than by a variant.
    public static func spelling(_ name: String) -> String {
        guard let ws = words(name) else { return "" }
        return String(decoding: Array(ws.joined(separator: [0x20])), as: UTF8.self)
    }

    /// The loose key: consonants only, words joined.
    public static func skeleton(_ name: String) -> String {
        guard let ws = words(name) else { return "" }
        var out: [UInt8] = []
        for w in ws { out += consonants(lightFold(w)) }
        return out.count >= 2 ? String(decoding: out, as: UTF8.self) : ""
    }

    /// Both keys at once (the gazetteer indexes both).
    static func keys(_ name: String) -> (key: String, skeleton: String) {
        guard let ws = words(name) else { return ("", "") }
        let folded = ws.map(lightFold)
        var sk: [UInt8] = []
        for w in folded { sk += consonants(w) }
        return (
            String(decoding: Array(folded.joined(separator: [0x20])), as: UTF8.self),
            sk.count >= 2 ? String(decoding: sk, as: UTF8.self) : ""
        )
    }

    static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o"),
        u = UInt8(ascii: "u"), h = UInt8(ascii: "h")

    static func isVowel(_ c: UInt8) -> Bool { c == a || c == e || c == i || c == o || c == u }

    /// Transliteration digraphs, vowel classes, a final -h after a vowel, doubled letters.
    static func lightFold(_ w: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        var k = 0
        while k < w.count {
            let c = w[k]
            let next = k + 1 < w.count ? w[k + 1] : 0
            switch (c, next) {
            case (UInt8(ascii: "d"), h):
                out.append(UInt8(ascii: "z"))
                k += 2
                continue
            case (UInt8(ascii: "t"), h), (UInt8(ascii: "k"), h), (UInt8(ascii: "g"), h), (UInt8(ascii: "s"), h):
                out.append(c)
                k += 2
                continue
            case (UInt8(ascii: "p"), h):
                out.append(UInt8(ascii: "f"))
                k += 2
                continue
            case (UInt8(ascii: "c"), UInt8(ascii: "k")):
                out.append(UInt8(ascii: "k"))
                k += 2
                continue
            case (o, u), (o, o), (a, UInt8(ascii: "w")):
                out.append(u)
                k += 2
                continue
            case (e, e), (e, i), (e, UInt8(ascii: "y")), (a, UInt8(ascii: "y")):
                out.append(i)
                k += 2
                continue
            default: break
            }
            switch c {
            case UInt8(ascii: "q"): out.append(UInt8(ascii: "k"))
            case UInt8(ascii: "w"): out.append(u)
            case UInt8(ascii: "y"): out.append(i)
            case e: out.append(i)
            case o: out.append(u)
            default: out.append(c)
            }
            k += 1
        }
        if out.count > 2, out.last == h, isVowel(out[out.count - 2]) { out.removeLast() }
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        for c in out where collapsed.last != c { collapsed.append(c) }
        // A final -a after another vowel: Marea ~ Mari'.
        if collapsed.count > 3, collapsed.last == a, isVowel(collapsed[collapsed.count - 2]) { collapsed.removeLast() }
        return collapsed
    }

    /// The consonants of a folded word; a glued article ("albu") dropped; mb read as nb.
    static func consonants(_ w: [UInt8]) -> [UInt8] {
        var word = w
        if word.count > 3, word[0] == a, word[1] == UInt8(ascii: "l"), !isVowel(word[2]) { word.removeFirst(2) }
        var out: [UInt8] = []
        for c in word where !isVowel(c) {
            if c == UInt8(ascii: "b"), out.last == UInt8(ascii: "m") { out[out.count - 1] = UInt8(ascii: "n") }
            out.append(c)
        }
        return out
    }
}
