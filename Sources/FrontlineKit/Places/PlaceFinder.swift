import Foundation

/// A stretch of a sentence that names a place, before it is resolved.
public struct NameMention: Sendable, Equatable {
    public var text: String
    /// Character offsets in the article text.
    public var start: Int
    public var end: Int
    public var sentence: Int
    /// A cue before it ("the village of", "the town of"), lowercased, if any.
    public var cue: String?
    /// Written as a short all-capitals word (an abbreviation: only a country's code counts).
    public var allCapitals: Bool = false
}

/// Finds the stretches of text that name places in a gazetteer, skipping names of
/// organisations and people and adjectives used as political shorthand ("pro-Damascus").
public struct PlaceFinder: Sendable {
    public let gazetteer: Gazetteer

    /// Words that make a run of capitalised words the name of an organisation, not a place.
    static let organisationHeads: Set<String> = [
        "forces", "force", "council", "army", "observatory", "state", "front", "brigade", "brigades",
        "party", "units", "unit", "movement", "ministry", "coalition", "militia", "news", "agency",
        "committee", "organization", "organisation", "group", "guard", "guards", "command", "corps",
        "battalion", "division", "alliance", "union", "times", "post", "television", "tv", "radio",
    ]
    /// Titles that put a person's name after them.
    static let titles: Set<String> = ["president", "director", "minister", "general", "gen", "colonel", "col",
                                      "commander", "spokesman", "spokeswoman", "king", "prince", "sheikh",
                                      "mr", "mrs", "ms", "dr", "prime", "secretary", "leader", "emir"]
    /// Common English words that start sentences; never the start of a place name.
    static let stopwords: Set<String> = [
        "the", "a", "an", "in", "on", "at", "by", "to", "of", "and", "or", "but", "for", "with", "from", "as",
        "its", "it", "he", "she", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her",
        "their", "our", "after", "before", "while", "since", "also", "more", "some", "all", "any", "each",
        "every", "both", "further", "still", "said", "says", "if", "when", "where", "there", "then", "than",
        "no", "not", "one", "two", "three", "many", "most", "much", "other", "such", "so", "yet", "about",
        "over", "under", "into", "up", "down", "out", "new", "last", "first", "next", "what", "who", "how",
    ]
    /// Words for peoples, faiths and regions of the world that are also the names of small places.
    static let adjectives: Set<String> = [
        "arab", "arabs", "arabic", "kurd", "kurds", "kurdish", "shiite", "shi'ite", "shi’ite", "sunni", "sunnis",
        "christian", "christians", "muslim", "muslims", "islamic", "islamist", "jihadist", "european", "western",
        "eastern", "northern", "southern", "central", "american", "americans", "turkmen", "yazidi", "druze",
        "alawite", "assyrian", "armenian", "persian", "global", "regional", "middle", "near", "gulf",
    ]
    static let connectors: Set<String> = ["of", "and", "for", "the", "al", "bin", "ibn", "abu"]
    static let cues = ["village of", "villages of", "town of", "towns of", "city of", "cities of",
                       "district of", "province of", "region of", "area of", "outskirts of", "near", "in", "at",
                       "from", "to", "into", "around", "outside", "towards", "toward", "between", "of"]

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public func mentions(in article: Article) -> [NameMention] {
        var out: [NameMention] = []
        for (si, s) in article.sentences.enumerated() {
            let toks = Tokenizer.tokens(s.text)
            let blocked = blockedTokens(toks)
            var i = 0
            while i < toks.count {
                guard toks[i].isCapitalized, !blocked.contains(i),
                      !Self.stopwords.contains(toks[i].text.lowercased()),
                      !Self.adjectives.contains(toks[i].text.lowercased()) else { i += 1; continue }
                var matched = false
                let maxLen = min(gazetteer.longestName + 1, toks.count - i)
                for n in stride(from: maxLen, through: 1, by: -1) {
                    let span = toks[i..<(i + n)]
                    if (i..<(i + n)).contains(where: { blocked.contains($0) }) { continue }
                    let first = span.first!, last = span.last!
                    // A multi-word name ends on a capitalised word or a feature word ("Euphrates River", "the border").
                    let surface = String(Array(s.text)[first.start..<last.end])
                    let key = PlaceNameNormalizer.key(surface)
                    var candidates = gazetteer.candidates(forKey: key)
                    // A short all-capitals word (SDF, IS) names a place only if it is a country's code.
                    if n == 1, first.text.count <= 4, first.text == first.text.uppercased() {
                        candidates = candidates.filter { $0.kind == .country }
                    }
                    if candidates.isEmpty { continue }
                    // Part of a longer name ("Kafr" of "Kafr Kalbin"): not this place.
                    if i + n < toks.count, toks[i + n].isCapitalized, !blocked.contains(i + n),
                       toks[i + n].start - last.end <= 1 { continue }
                    out.append(NameMention(text: surface, start: s.start + first.start, end: s.start + last.end,
                                           sentence: si, cue: cue(before: i, in: toks), allCapitals: n == 1 && first.text.count <= 4 && first.text == first.text.uppercased()))
                    i += n
                    matched = true
                    break
                }
                if !matched {
                    // An unknown name after an explicit cue ("the village of Kafr Kalbin") is still a place.
                    if let c = cue(before: i, in: toks), c.contains(" of") {
                        var j = i
                        while j < toks.count, toks[j].isCapitalized, !blocked.contains(j) { j += 1 }
                        let surface = String(Array(s.text)[toks[i].start..<toks[j - 1].end])
                        out.append(NameMention(text: surface, start: s.start + toks[i].start,
                                               end: s.start + toks[j - 1].end, sentence: si, cue: c))
                        i = j
                    } else {
                        i += 1
                    }
                }
            }
        }
        return out
    }

    /// The cue words right before token `i`, if any.
    func cue(before i: Int, in toks: [Token]) -> String? {
        for c in Self.cues {
            let words = c.split(separator: " ").map(String.init)
            guard i >= words.count else { continue }
            let before = toks[(i - words.count)..<i].map { $0.text.lowercased() }
            if before == words { return c }
        }
        return nil
    }

    /// Tokens that cannot start or be part of a place name: organisation and person names,
    /// and words prefixed as political shorthand ("pro-Damascus", "anti-Assad").
    func blockedTokens(_ toks: [Token]) -> Set<Int> {
        var blocked = Set<Int>()
        var i = 0
        while i < toks.count {
            let lower = toks[i].text.lowercased()
            if lower.hasPrefix("pro-") || lower.hasPrefix("anti-") { blocked.insert(i) }
            guard toks[i].isCapitalized else { i += 1; continue }
            // A run of capitalised words, with connectors inside it.
            var j = i + 1
            var lastCap = i
            while j < toks.count {
                if toks[j].isCapitalized { lastCap = j; j += 1; continue }
                if Self.connectors.contains(toks[j].text.lowercased()), j + 1 < toks.count, toks[j + 1].isCapitalized { j += 1; continue }
                break
            }
            let run = Array(i...lastCap)
            let words = run.map { toks[$0].text.lowercased() }
            let isOrganisation = words.contains { Self.organisationHeads.contains($0) }
                || (lastCap + 1 < toks.count && ["forces", "militia", "fighters", "troops"].contains(toks[lastCap + 1].text.lowercased()) && words.count > 1)
            let afterTitle = i > 0 && Self.titles.contains(toks[i - 1].text.lowercased())
            if isOrganisation || afterTitle { run.forEach { blocked.insert($0) } }
            i = lastCap + 1
        }
        return blocked
    }
}
