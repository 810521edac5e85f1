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
    static let connectors: Set<String> = ["of", "and", "for", "the", "al", "bin", "ibn", "abu"]
    static let cues = ["village of", "villages of", "town of", "towns of", "city of", "cities of",
                       "district of", "province of", "region of", "area of", "outskirts of", "near", "in", "at",
                       "from", "to", "into", "around", "outside"]

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public func mentions(in article: Article) -> [NameMention] {
        var out: [NameMention] = []
        for (si, s) in article.sentences.enumerated() {
            let toks = Tokenizer.tokens(s.text)
            let blocked = blockedTokens(toks)
            var i = 0
            while i < toks.count {
                guard toks[i].isCapitalized, !blocked.contains(i) else { i += 1; continue }
                var matched = false
                let maxLen = min(gazetteer.longestName + 1, toks.count - i)
                for n in stride(from: maxLen, through: 1, by: -1) {
                    let span = toks[i..<(i + n)]
                    if (i..<(i + n)).contains(where: { blocked.contains($0) }) { continue }
                    let first = span.first!, last = span.last!
                    // A multi-word name ends on a capitalised word or a feature word ("Euphrates River", "the border").
                    let surface = String(Array(s.text)[first.start..<last.end])
                    let key = PlaceNameNormalizer.key(surface)
                    if gazetteer.candidates(forKey: key).isEmpty { continue }
                    out.append(NameMention(text: surface, start: s.start + first.start, end: s.start + last.end,
                                           sentence: si, cue: cue(before: i, in: toks)))
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
