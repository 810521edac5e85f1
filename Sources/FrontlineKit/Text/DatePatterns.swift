import Foundation

/// The date patterns the text and claim stages look for, matched by hand where the text is plain:
/// ASCII (no vertical tab or other control but tab, line feed, form feed, return) and the typographic
/// marks of news copy (’ ‘ “ ” — – … ©). There ICU's \d is [0-9], \s is [\t\n\f\r ], \w is
/// [A-Za-z0-9_] and \b a change between \w and not, so the patterns below give exactly what
/// NSRegularExpression gives (a test holds them to it), without starting ICU's regular expressions
/// (8 M instructions the first time). Other text goes to NSRegularExpression.
enum DatePatterns {
    /// A plain text as one byte per Unicode scalar, with where each lies in the string.
    struct Plain {
        let bytes: [UInt8]
        /// The string index of each byte's scalar, then the end index.
        let indices: [String.Index]
        func range(_ r: Range<Int>) -> Range<String.Index> { indices[r.lowerBound]..<indices[r.upperBound] }
    }

    /// The text as bytes if it is plain in the sense above.
    static func plain(_ s: String) -> Plain? {
        var bytes: [UInt8] = [], indices: [String.Index] = []
        bytes.reserveCapacity(s.utf8.count)
        indices.reserveCapacity(s.utf8.count + 1)
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            switch scalars[i].value {
            case 0x20...0x7E, 0x09, 0x0A, 0x0C, 0x0D: bytes.append(UInt8(scalars[i].value))
            case 0x2019, 0x2018, 0x201C, 0x201D, 0x2014, 0x2013, 0x2026, 0x00A9: bytes.append(0x80)  // a mark: no word, digit or space
            default: return nil
            }
            indices.append(i)
            i = scalars.index(after: i)
        }
        indices.append(scalars.endIndex)
        return Plain(bytes: bytes, indices: indices)
    }

    /// The first four digits in a row in `s` ("\d{4}"), by hand or by NSRegularExpression.
    static func firstFourDigits(in s: String) -> Substring? {
        if let p = plain(s) { return fourDigits(p.bytes).map { s[p.range($0)] } }
        return s.range(of: #"\d{4}"#, options: .regularExpression).map { s[$0] }
    }

    /// The first "(\d{4})-(\d{2})" in `s`.
    static func firstYearDashMonth(in s: String) -> Substring? {
        if let p = plain(s) { return yearDashMonth(p.bytes).map { s[p.range($0)] } }
        return s.range(of: #"(\d{4})-(\d{2})"#, options: .regularExpression).map { s[$0] }
    }

    // MARK: classes on plain bytes (0x80 stands for a typographic mark)

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    @inline(__always) static func isWord(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// \b at `i`: a word character on one side only.
    static func boundary(_ t: [UInt8], _ i: Int) -> Bool {
        let before = i > 0 && isWord(t[i - 1]), after = i < t.count && isWord(t[i])
        return before != after
    }

    /// `word` at `i`; the index after it.
    static func literal(_ t: [UInt8], _ i: Int, _ word: String) -> Int? {
        var j = i
        for b in word.utf8 {
            guard j < t.count, t[j] == b else { return nil }
            j += 1
        }
        return j
    }

    /// The first of `words` (in order) at `i`; the index after it.
    static func oneOf(_ t: [UInt8], _ i: Int, _ words: [String]) -> Int? {
        for w in words { if let j = literal(t, i, w) { return j } }
        return nil
    }

    /// \s+ at `i`.
    static func spaces(_ t: [UInt8], _ i: Int) -> Int? {
        var j = i
        while j < t.count, isSpace(t[j]) { j += 1 }
        return j > i ? j : nil
    }

    /// \d{n} at `i`.
    static func digits(_ t: [UInt8], _ i: Int, _ n: Int) -> Int? {
        guard i + n <= t.count, (i..<(i + n)).allSatisfy({ isDigit(t[$0]) }) else { return nil }
        return i + n
    }

    /// \d{1,2} at `i` followed by what `then` accepts (greedy, then one digit).
    static func oneOrTwoDigits(_ t: [UInt8], _ i: Int, then: (Int) -> Int?) -> Int? {
        for n in [2, 1] { if let j = digits(t, i, n), let k = then(j) { return k } }
        return nil
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let lowerMonths = months.map { $0.lowercased() }

    // MARK: the article's date line

    /// DateLine's three patterns, in order: the first that matches, leftmost.
    static func dateLine(_ t: [UInt8]) -> Range<Int>? {
        // \b\d{4}-\d{2}-\d{2}\b
        let iso: (Int) -> Int? = { i in
            guard boundary(t, i), let a = digits(t, i, 4), let b = literal(t, a, "-"), let c = digits(t, b, 2),
                  let d = literal(t, c, "-"), let e = digits(t, d, 2), boundary(t, e) else { return nil }
            return e
        }
        // \b(Month)\s+\d{1,2},\s+\d{4}\b
        let monthFirst: (Int) -> Int? = { i in
            guard boundary(t, i), let a = oneOf(t, i, months), let b = spaces(t, a) else { return nil }
            return oneOrTwoDigits(t, b) { j in
                guard let c = literal(t, j, ","), let d = spaces(t, c), let e = digits(t, d, 4), boundary(t, e) else { return nil }
                return e
            }
        }
        // \b\d{1,2}\s+(Month)\s+\d{4}\b
        let dayFirst: (Int) -> Int? = { i in
            guard boundary(t, i) else { return nil }
            return oneOrTwoDigits(t, i) { j in
                guard let a = spaces(t, j), let b = oneOf(t, a, months), let c = spaces(t, b), let d = digits(t, c, 4),
                      boundary(t, d) else { return nil }
                return d
            }
        }
        for pattern in [iso, monthFirst, dayFirst] {
            for i in 0...t.count { if let end = pattern(i) { return i..<end } }
        }
        return nil
    }

    // MARK: time phrases in a claim's sentence (lower case, words joined by spaces)

    /// Every match of ClaimReader's date phrase, left to right, not overlapping.
    static func datePhrases(_ t: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i <= t.count {
            if let end = datePhrase(t, i) {
                out.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// The date phrase at `i`, as the regular expression's alternatives and optional parts try it.
    static func datePhrase(_ t: [UInt8], _ i: Int) -> Int? {
        guard boundary(t, i) else { return nil }
        // \b((?:at )?the (?:end|start|beginning|middle) of|in|since|by|until|from) (early |mid |mid-|late )?(month)( \d{4})?\b
        var heads: [Int] = []
        for at in [true, false] {
            let s = at ? literal(t, i, "at ") : i
            if let s, let a = literal(t, s, "the "), let b = oneOf(t, a, ["end", "start", "beginning", "middle"]), let c = literal(t, b, " of") {
                heads.append(c)
                break
            }
        }
        if heads.isEmpty, let a = oneOf(t, i, ["in", "since", "by", "until", "from"]) { heads.append(a) }
        for head in heads {
            guard let s = literal(t, head, " ") else { continue }
            for qualifier in ["early ", "mid ", "mid-", "late ", ""] {
                guard let q = qualifier.isEmpty ? s : literal(t, s, qualifier), let m = oneOf(t, q, lowerMonths) else { continue }
                if let y = literal(t, m, " "), let e = digits(t, y, 4), boundary(t, e) { return e }
                if boundary(t, m) { return m }
            }
        }
        // \b(in|since) (early |mid-|mid |late )?(\d{4})\b
        if let a = oneOf(t, i, ["in", "since"]), let s = literal(t, a, " ") {
            for qualifier in ["early ", "mid-", "mid ", "late ", ""] {
                guard let q = qualifier.isEmpty ? s : literal(t, s, qualifier), let e = digits(t, q, 4), boundary(t, e) else { continue }
                return e
            }
        }
        return nil
    }

    /// The first \d{4} (no boundaries).
    static func fourDigits(_ t: [UInt8]) -> Range<Int>? {
        guard t.count >= 4 else { return nil }
        for i in 0...(t.count - 4) where digits(t, i, 4) != nil { return i..<(i + 4) }
        return nil
    }

    /// The first (\d{4})-(\d{2}).
    static func yearDashMonth(_ t: [UInt8]) -> Range<Int>? {
        guard t.count >= 7 else { return nil }
        for i in 0...(t.count - 7) {
            if let a = digits(t, i, 4), let b = literal(t, a, "-"), let c = digits(t, b, 2) { return i..<c }
        }
        return nil
    }
}
