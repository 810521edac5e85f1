import Foundation

/// A distance the text states: "750 km down the Euphrates River", "20 km (12 miles) to the northwest",
/// "the last 80 km (50 mile) stretch of the Syrian-Turkish border", "about 8 km northeast of al-Bab".
public struct DistancePhrase: Sendable, Equatable {
    public enum Unit: String, Sendable, Codable { case km, mi }
    /// Which way along a river the text measures.
    public enum RiverDirection: String, Sendable, Codable { case down, up, along }

    public var sentence: Int
    /// Token positions of the number and of the last word of the phrase.
    public var firstToken: Int
    public var lastToken: Int
    /// Character offsets of the phrase in the article.
    public var start: Int
    public var end: Int
    public var quote: String
    public var value: Double
    public var unit: Unit
    /// A conversion given beside it: "80 km (50 mile)".
    public var conversion: (value: Double, unit: Unit)?
    /// Compass bearing in degrees, and the word used.
    public var bearing: Double?
    public var bearingWord: String?
    /// Token after "of"/"from" where the anchor place starts.
    public var anchorToken: Int?
    /// "down the Euphrates": the token where the river's name starts.
    public var riverToken: Int?
    public var riverDirection: RiverDirection?
    /// "stretch of the … border", "of the frontier": a length along a border.
    public var borderToken: Int?
    /// "more than 700 km" (at least), "less than 10 km" (at most), or a plain figure.
    public var bound: Bound = .about
    /// The number as the text writes it: "1e26", "10,000" (for messages).
    public var figure: String = ""
    /// "advanced 10 km", "pushed forward as much as 50 km": how far a side moved, not a distance between places.
    public var advance = false

    public enum Bound: String, Sendable, Codable { case about, atLeast, atMost }

    public var km: Double { unit == .km ? value : value * DistancePhrase.kmPerMile }

    /// Why the figure cannot be a distance on Earth, or nil: 0 km, or longer than Earth's circumference
    /// (`Limits.distanceKm`). Such a distance is not measured ("cannot check", with this reason).
    public var outOfRange: String? {
        let stated = "\(figure.isEmpty ? Figures.text(value) : figure) \(unit == .km ? "km" : "miles")"
        if !(km > 0) { return "\(stated) is not a distance greater than zero" }
        if km > Limits.distanceKm { return "\(stated) is longer than Earth's circumference (40,075 km)" }
        return nil
    }
    public static let kmPerMile = 1.609344

    public static func == (a: DistancePhrase, b: DistancePhrase) -> Bool {
        a.sentence == b.sentence && a.firstToken == b.firstToken && a.quote == b.quote
    }
}

/// Finds the distances stated in an article's sentences.
public enum DistancePhrases {
    static let units: [String: DistancePhrase.Unit] = Dictionary(
        WordLists.shared.list("kilometre words").map { ($0, .km) }
            + WordLists.shared.list("mile words").map { ($0, .mi) },
        uniquingKeysWith: { first, _ in first })
    /// Verbs whose figure is an advance's length ("advanced", "pushed", "gained").
    static let advanceVerbs: Set<String> = WordLists.shared.set("advance verbs")
    /// Direction words with their bearings in degrees.
    static let compass = WordLists.shared.table("compass bearings")
    static let numberWords = WordLists.shared.table("number words")

    /// The first letters of the number words, lower-cased.
    static let numberInitials = Set(numberWords.keys.compactMap { $0.utf8.first })

    /// Reads "80", "1,200", "2.5", "twenty", "80-km" or "80km" at token `i`: the value and, if glued, the unit.
    static func number(_ t: String) -> (Double, DistancePhrase.Unit?)? {
        // Most tokens are words that are not numbers: one look at the first byte settles them.
        guard let first = t.utf8.first else { return nil }
        let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: ".")
        if !isDigit, !numberInitials.contains(first | 0x20) { return nil }
        let lower = t.lowercased()
        if let v = numberWords[lower] { return (v, nil) }
        guard isDigit else { return nil }
        var parts = lower.split(separator: "-", maxSplits: 1).map(String.init)
        // "10km", "30km", "5mi": the unit glued on without a hyphen.
        if parts.count == 1, let k = parts[0].firstIndex(where: { $0.isLetter }), units[String(parts[0][k...])] != nil {
            parts = [String(parts[0][..<k]), String(parts[0][k...])]
        }
        let digits = parts[0].replacingOccurrences(of: ",", with: "")
        // A figure too large for a Double ("1e400") is not read as a number; 0 is, to be refused as a
        // distance with its reason.
        guard let v = Double(digits), v.isFinite, v >= 0 else { return nil }
        if parts.count == 2 {
            guard let u = units[parts[1]] else { return nil }
            return (v, u)
        }
        return (v, nil)
    }

    /// The distances an article states (as `Article.distancePhrases` keeps them).
    public static func find(in article: Article) -> [DistancePhrase] { article.distancePhrases }

    /// The distances stated in sentences, in order (`sentence` counts from the first).
    static func find(in sentences: [Sentence]) -> [DistancePhrase] {
        var out: [DistancePhrase] = []
        for (si, s) in sentences.enumerated() {
            out += find(in: s, index: si)
        }
        return out
    }

    /// A sentence's words as the phrase steps read them: tokens, lower-cased words and characters.
    struct Words {
        var toks: [Token]
        var lower: [String]
        var chars: [Character]
        var count: Int { toks.count }
        /// The text between token `j - 1` and token `j`.
        func gap(before j: Int) -> String { String(chars[toks[j - 1].end..<toks[j].start]) }
    }

    /// The distances one sentence states, in steps: the number and its unit, a conversion in brackets,
    /// a direction, what it runs along or from (a river, a border, a place), a bound before the number,
    /// and the quote.
    static func find(in s: Sentence, index si: Int) -> [DistancePhrase] {
        let toks = s.tokens
        // Most sentences state no distance: they are passed over before anything is built for them.
        guard toks.contains(where: { number($0.text) != nil }) else { return [] }
        let w = Words(toks: toks, lower: toks.map { $0.text.lowercased() }, chars: Array(s.text))
        var out: [DistancePhrase] = []
        var i = 0
        while i < toks.count {
            guard let (read, glued) = number(toks[i].text) else {
                i += 1
                continue
            }
            let (value, figure, next) = figure(read, at: i, in: w)
            guard value.isFinite else {  // a power too large for a Double ("10^400") is no figure
                i = next
                continue
            }
            var j = next
            var unit = next > i + 1 ? number(toks[next - 1].text)?.1 : glued
            if unit == nil {
                guard j < toks.count, let u = units[w.lower[j]] else {
                    i += 1
                    continue
                }
                unit = u
                j += 1
            }
            var phrase = DistancePhrase(
                sentence: si, firstToken: i, lastToken: j - 1, start: 0, end: 0, quote: "",
                value: value, unit: unit!)
            phrase.figure = figure
            j = readConversion(&phrase, at: j, in: w)
            j = readBearing(&phrase, at: j, in: w)
            j = readWhatItRunsAlong(&phrase, at: j, in: w)
            phrase.bound = bound(before: i, in: w.lower)
            // A verb of movement within four words before the figure ("advanced about 3 km", "pushed forward
            // as much as 50 km"), with no "of"/"from" naming a place it is measured from.
            phrase.advance =
                w.lower[max(0, i - 4)..<i].contains(where: advanceVerbs.contains) && phrase.anchorToken == nil
                && phrase.riverToken == nil
            phrase.lastToken = max(phrase.lastToken, j - 1)
            quote(&phrase, in: s, words: w)
            out.append(phrase)
            i = j
        }
        return out
    }

    /// The figure at token `i`, read as `value`, as the text writes it: a power with a caret ("2^64",
    /// its exponent the next token) and a minus sign before it ("-5") are taken in, to be refused as
    /// distances with their reasons rather than read as 64 or 5. Returns the value, how it is written
    /// and the token after it (the value is infinite for a power too large for a Double).
    static func figure(_ value: Double, at i: Int, in w: Words) -> (Double, String, Int) {
        var v = value, written = String(w.toks[i].text.split(separator: "-", maxSplits: 1).first ?? ""), next = i + 1
        if next < w.count, w.gap(before: next) == "^", let (e, _) = number(w.toks[next].text) {
            v = pow(v, e)
            written += "^" + w.toks[next].text
            next += 1
        }
        let s = w.toks[i].start
        if s >= 1, w.chars[s - 1] == "-" || w.chars[s - 1] == "−", s == 1 || w.chars[s - 2].isWhitespace {
            v = -v
            written = "-" + written
        }
        return (v, written, next)
    }

    /// "(50 mile)", "(12 miles)": a conversion in brackets at token `j`. Returns the token after it.
    static func readConversion(_ phrase: inout DistancePhrase, at j: Int, in w: Words) -> Int {
        guard j < w.count, let (v2, g2) = number(w.toks[j].text) else { return j }
        var u2 = g2
        var k = j + 1
        if u2 == nil, k < w.count, let u = units[w.lower[k]] {
            u2 = u
            k += 1
        }
        guard let u2, w.gap(before: j).contains("(") else { return j }
        phrase.conversion = (v2, u2)
        return k
    }

    /// "northwest", "to the northwest": the bearing at token `j`. Returns the token after it.
    static func readBearing(_ phrase: inout DistancePhrase, at start: Int, in w: Words) -> Int {
        let lower = w.lower
        var j = start
        if j + 1 < w.count, lower[j] == "to", lower[j + 1] == "the", j + 2 < w.count, compass[lower[j + 2]] != nil {
            j += 2
        }
        guard j < w.count, let b = compass[lower[j]] else { return j }
        phrase.bearing = b
        phrase.bearingWord = lower[j]
        return j + 1
    }

    /// What the distance runs along or is measured from, at token `j`: "down the Euphrates River",
    /// "of the … border", "of al-Bab", "stretch of the … border". Returns the token after it.
    static func readWhatItRunsAlong(_ phrase: inout DistancePhrase, at start: Int, in w: Words) -> Int {
        let toks = w.toks, lower = w.lower
        var j = start
        let borderWord = { (from: Int) in
            (from..<min(toks.count, from + 8)).first { lower[$0] == "border" || lower[$0] == "frontier" }
        }
        if j + 1 < toks.count, ["down", "up", "along"].contains(lower[j]), lower[j + 1] == "the" {
            phrase.riverDirection = DistancePhrase.RiverDirection(rawValue: lower[j])
            phrase.riverToken = j + 2 < toks.count ? j + 2 : nil
            j += 2
            while j < toks.count, toks[j].isCapitalized || lower[j] == "river",
                j == phrase.riverToken || !w.gap(before: j).contains(where: { ",;:.()".contains($0) })
            { j += 1 }
        } else if j < toks.count, lower[j] == "of" || lower[j] == "from" {
            if let b = borderWord(j + 1), phrase.bearing == nil {
                phrase.borderToken = b
                j = b + 1
            } else if j + 1 < toks.count {
                phrase.anchorToken = j + 1
                j += 2
                while j < toks.count, toks[j].isCapitalized { j += 1 }
            }
        } else if j < toks.count, ["stretch", "strip", "section", "length", "portion"].contains(lower[j]) {
            if let b = borderWord(j + 1) {
                phrase.borderToken = b
                j = b + 1
            }
        }
        return j
    }

    /// "more than", "over", "at least" / "less than", "under", "within", "up to" before the number at
    /// token `i`.
    static func bound(before i: Int, in lower: [String]) -> DistancePhrase.Bound {
        if i >= 2,
            ["more", "greater"].contains(lower[i - 2]) && lower[i - 1] == "than"
                || lower[i - 2] == "at" && lower[i - 1] == "least"
        {
            return .atLeast
        } else if i >= 1, ["over", "beyond"].contains(lower[i - 1]) {
            return .atLeast
        } else if i >= 2,
            ["less", "fewer"].contains(lower[i - 2]) && lower[i - 1] == "than"
                || lower[i - 2] == "up" && lower[i - 1] == "to"
        {
            return .atMost
        } else if i >= 1, ["under", "within"].contains(lower[i - 1]) {
            return .atMost
        }
        return .about
    }

    /// The phrase's quote and offsets in the article: from "the last …" or the bound if they lead in,
    /// to its last token (and a closing bracket it opened).
    static func quote(_ phrase: inout DistancePhrase, in s: Sentence, words w: Words) {
        let toks = w.toks, lower = w.lower, chars = w.chars
        let i = phrase.firstToken
        var qs = i
        if qs >= 2, lower[qs - 1] == "last", lower[qs - 2] == "the" { qs -= 2 }
        if phrase.bound != .about { qs -= ["over", "beyond", "under", "within"].contains(lower[i - 1]) ? 1 : 2 }
        var qe = toks[phrase.lastToken].end
        let opened = chars[toks[qs].start..<qe]
        if qe < chars.count, chars[qe] == ")", opened.filter({ $0 == "(" }).count > opened.filter({ $0 == ")" }).count {
            qe += 1
        }
        phrase.quote = String(chars[toks[qs].start..<qe])
        phrase.start = s.start + toks[qs].start
        phrase.end = s.start + qe
    }
}
