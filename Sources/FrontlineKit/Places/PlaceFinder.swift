import Foundation

/// A stretch of a sentence that names a place, before it is resolved.
public struct NameMention: Sendable, Equatable {
    public var text: String
    /// Character offsets in the article text.
    public var start: Int
    public var end: Int
    public var sentence: Int
    /// Token positions in the sentence (for reading the words around it).
    public var firstToken: Int
    public var lastToken: Int
    /// A cue before it ("village of", "town of", "near"), lowercased, if any.
    public var cue: String?
    /// The name stands for a government or its policy ("Washington said", "pro-Damascus", "backed by Moscow").
    public var metonym = false
    /// A country adjective before a noun ("Iraqi forces"): counts for context, is not a place.
    public var adjective = false
    /// Written as a short all-capitals word (an abbreviation: only a country's code counts).
    public var allCapitals = false
    /// Set when the phrase itself says which entry it is (a border named by its two countries).
    public var entryID: String?
    /// The country a people's name stands for ("Americans", "Palestinians"): an associative mention.
    public var demonymOf: String?
}

/// Finds the stretches of text that name places in a gazetteer, skipping names of organisations
/// and people, and marking names used for governments (metonyms).
public struct PlaceFinder: Sendable {
    public let gazetteer: Gazetteer

    /// Words that make a run of capitalised words the name of an organisation, not a place.
    static let organisationHeads: Set<String> = WordLists.shared.set("organisation heads")
    /// Titles that put a person's name after them.
    static let titles: Set<String> = WordLists.shared.set("person titles")
    /// Lowercase words that can stand inside a place name ("Deir ez Zor", "Ras al Ain", "Gulf of Aqaba").
    static let nameConnectors: Set<String> = WordLists.shared.set("name connectors")
    static let connectors: Set<String> = WordLists.shared.set("connectors")
    static let cues = WordLists.shared.list("cue phrases")  // in the file's order
    /// Common English words that start sentences; never the start of a place name.
    static let stopwords: Set<String> = WordLists.shared.set("stopwords")
    /// Words for peoples, faiths and regions that are also the names of small places.
    static let adjectives: Set<String> = WordLists.shared.set("country adjectives")
    /// Verbs whose subject, when it is a capital or a country, is its government.
    static let speechVerbs: Set<String> = WordLists.shared.set("speech verbs")
    static let auxiliaries: Set<String> = WordLists.shared.set("auxiliaries")
    /// Words after which a place is a party, not a location: "backed by Moscow", "allied to Iran".
    static let agentPhrases = WordLists.shared.list("agent phrases").map { $0.split(separator: " ").map(String.init) }
    /// Nouns after "X's" that make X a location ("Manbij's outskirts"), not an actor.
    static let geographicNouns: Set<String> = WordLists.shared.set("geographic nouns")
    /// Prefixes that make the name after them stand for a government ("pro-Damascus", "anti-Assad").
    static let stancePrefixes = WordLists.shared.list("stance prefixes")
    /// Lowercase words that can end a multi-word name ("Euphrates River", "the border").
    static let featureWords: Set<String> = WordLists.shared.set("feature words")
    /// Speech verbs that do not make a name its government straight after it ("Manbij is", "Aleppo has").
    static let bareVerbs: Set<String> = WordLists.shared.set("bare verbs")
    /// Directions that can stand between a preposition and a place ("in north Manbij").
    static let cardinalPoints: Set<String> = WordLists.shared.set("cardinal points")
    /// Prepositions before a place that make it a location, not the subject of the verb after it.
    static let locationPrepositions: Set<String> = WordLists.shared.set("location prepositions")
    /// Pronouns that take a person, not a place ("Tehran, whose advisers …").
    static let personPronouns: Set<String> = WordLists.shared.set("person pronouns")
    /// Words that end place names ("County", "Street", "Creek"): never a surname after a given name.
    static let nameEndings: Set<String> = WordLists.shared.set("name endings")
    /// Endings of country adjectives ("Iraqi", "Turkish", "Syrian").
    static let adjectiveEndings = WordLists.shared.list("adjective endings")

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public func mentions(in article: Article) -> [NameMention] {
        // People named with a title anywhere ("President Bashar al-Assad") are people everywhere ("Assad's forces").
        var people = Set<String>()
        for s in article.sentences {
            let toks = s.tokens
            for i in personTokens(toks) { people.insert(PlaceNameNormalizer.key(toks[i].text)) }
            for run in givenNameRuns(toks, text: Array(s.text)) {
                people.insert(PlaceNameNormalizer.key(toks[run.upperBound].text))
            }
        }
        people.remove("")
        var out: [NameMention] = []
        for (si, s) in article.sentences.enumerated() {
            // "BEIRUT (Reuters) -", "GOMA, Congo, Jan 28 (Reuters) -": where the story was filed, not a place of it.
            let filed = si < 3 ? Self.datelineEnd(s.text) : nil
            out += mentions(inSentence: s, index: si, people: people).filter { m in
                filed.map { m.end - s.start > $0 } ?? true
            }
            // Past the limit the rest of the article is not read for places: said once, not hidden.
            if out.count > Limits.placeMentions {
                Console.message(
                    "frontline: warning: \(article.path ?? article.name): more than \(Limits.placeMentions) "
                        + "place mentions, the first \(Limits.placeMentions) kept, the rest left out")
                return Array(out.prefix(Limits.placeMentions))
            }
        }
        return out
    }

    /// Where a wire dateline at the start of a sentence ends ("BEIRUT (Reuters) - ", "KYIV, Ukraine (AP) — ",
    /// "ALEPPO, Syria, Aug 8, 2012 (AFP) - "): an agency in parentheses or a place in capitals, then a dash,
    /// within the first 80 characters; nil when the sentence opens with none.
    static func datelineEnd(_ text: String) -> Int? {
        let head = Array(text.prefix(80))
        guard
            let dash = (1..<max(1, head.count - 1)).first(where: { k in
                "-—–".contains(head[k]) && head[k - 1] == " " && head[k + 1] == " "
            })
        else { return nil }
        let before = String(head[..<dash])
        let agency = before.range(of: #"\([A-Z][A-Za-z0-9 .]*\)\s*$"#, options: .regularExpression) != nil
        let capitals = before.prefix { $0 != "," && $0 != "(" }.trimmingCharacters(in: .whitespaces)
        let shouted = capitals.count >= 3 && capitals == capitals.uppercased() && capitals.contains { $0.isLetter }
        return agency || shouted ? dash : nil
    }

    /// People named by a given name ("Darren Ripley", "Jon R. Taylor"): each run from the given name to
    /// the surname, the capitalised word right after it (after an initial, if any) that ends no place name,
    /// unless the gazetteer knows the two words together ("Virginia Beach"). The surname is a person's
    /// throughout the article.
    func givenNameRuns(_ toks: [Token], text: [Character]) -> [ClosedRange<Int>] {
        guard let names = WordLists.shared.givenNames else { return [] }
        var out: [ClosedRange<Int>] = []
        for i in toks.indices.dropLast() where toks[i].isCapitalized && names.contains(toks[i].text.lowercased()) {
            var j = i + 1
            let gap = String(text[toks[i].end..<toks[j].start])
            // An initial between: "Jon R. Taylor".
            if gap == " ", toks[j].text.count == 1, j + 1 < toks.count, toks[j].text.uppercased() == toks[j].text,
                String(text[toks[j].end..<toks[j + 1].start]) == ". "
            {
                j += 1
            } else if gap != " " {
                continue
            }
            // Not a word that ends place names, nor a day ("Madison County", "Charles City", "Alexandria Friday").
            let surname = toks[j].text.lowercased()
            guard toks[j].isCapitalized, toks[j].text.count > 1, !Self.stopwords.contains(surname),
                !Self.nameEndings.contains(surname),
                !gazetteer.hasKey(PlaceNameNormalizer.key(toks[i].text + " " + toks[i + 1].text))
            else { continue }
            out.append(i...j)
        }
        return out
    }

    /// Tokens of people's names: the capitalised words after a title ("Observatory Director Rami Abdulrahman").
    func personTokens(_ toks: [Token]) -> [Int] {
        var out: [Int] = []
        for (i, t) in toks.enumerated() where Self.titles.contains(t.text.lowercased()) {
            var j = i + 1
            while j < toks.count, toks[j].isCapitalized, j - i <= 4 {
                out.append(j)
                j += 1
            }
        }
        return out
    }

    func mentions(inSentence s: Sentence, index si: Int, people: Set<String> = []) -> [NameMention] {
        let chars = Array(s.text)
        let toks = s.tokens
        let lower = toks.map { $0.text.lowercased() }
        var blocked = blockedTokens(toks, text: chars)
        for (i, t) in toks.enumerated() where t.isCapitalized && people.contains(PlaceNameNormalizer.key(t.text)) {
            blocked.insert(i)
        }
        var out: [NameMention] = []
        var i = 0
        while i < toks.count {
            var tok = toks[i]
            var shorthand = false
            // "pro-Damascus", "anti-Assad": the name after the prefix stands for a government.
            for prefix in Self.stancePrefixes where lower[i].hasPrefix(prefix) && tok.text.count > prefix.count {
                tok = Token(
                    text: String(tok.text.dropFirst(prefix.count)), start: tok.start + prefix.count, end: tok.end)
                shorthand = true
            }
            if shorthand, people.contains(PlaceNameNormalizer.key(tok.text)) {
                i += 1
                continue
            }
            // A compass point starts a name only as part of a longer one the gazetteer knows ("South Kivu",
            // "North Darfur", "West Bank"); alone it is a direction.
            // A sentence's first word that names a body ("Alliance commanders said", "Army units") is that
            // body, not a town so called.
            if i == 0, Self.organisationHeads.contains(lower[i]), toks.count == 1 || !toks[1].isCapitalized {
                i += 1
                continue
            }
            let compass = Self.cardinalPoints.contains(lower[i])
            // A common opening word starts a name only as part of a longer one that keeps it ("New York").
            let opener = !compass && Self.stopwords.contains(lower[i])
            guard tok.isCapitalized, !blocked.contains(i) else {
                // "Ohio State University", "the Russian Army": a country or division opening a body's name.
                if let m = embeddedName(at: i, in: s, index: si, blocked: blocked, people: people) {
                    out.append(m.mention)
                    i = m.next
                    continue
                }
                i += 1
                continue
            }
            if !shorthand, Self.adjectives.contains(lower[i]) || (!opener && !compass && lower[i].hasSuffix("s")),
                let m = demonym(at: i, in: s, index: si, lower: lower, blocked: blocked)
            {
                out.append(m)
                i += 1
                continue
            }
            guard !Self.adjectives.contains(lower[i]) else {
                i += 1
                continue
            }
            let found =
                compass || opener
                ? knownName(
                    at: i, token: tok, shorthand: false, in: s, index: si, text: (chars, lower), blocked: blocked,
                    minLength: 2
                ).flatMap { f in compass || keepsOpener(f.mention.text, opener: tok.text) ? f : nil }
                : knownName(
                    at: i, token: tok, shorthand: shorthand, in: s, index: si, text: (chars, lower), blocked: blocked)
                    ?? cuedName(at: i, in: s, index: si, text: (chars, lower), blocked: blocked)
            out += found.map { [$0.mention] } ?? []
            i = found?.next ?? i + 1
        }
        return out + borderMentions(s, index: si, text: (chars, lower), found: out)
    }

    /// The longest name the gazetteer knows from token `i` (up to four tokens; one for a shorthand such
    /// as "pro-Damascus", whose name is `tok`), with the token after it.
    /// `text`: the sentence's characters and its tokens lower-cased, made once per sentence.
    func knownName(
        at i: Int, token tok: Token, shorthand: Bool, in s: Sentence, index si: Int,
        text: (chars: [Character], lower: [String]), blocked: Set<Int>, minLength: Int = 1
    ) -> (mention: NameMention, next: Int)? {
        let toks = s.tokens, (chars, lower) = text
        let maxLen = shorthand ? 1 : min(4, toks.count - i)
        guard maxLen >= minLength else { return nil }
        for n in stride(from: maxLen, through: minLength, by: -1) {
            if (i..<(i + n)).contains(where: { blocked.contains($0) }) { continue }
            let last = toks[i + n - 1]
            // A multi-word name ends on a capitalised word or a feature word ("Euphrates River", "the border").
            if n > 1, !last.isCapitalized, !Self.featureWords.contains(lower[i + n - 1]) { continue }
            if n > 2,
                ((i + 1)..<(i + n - 1)).contains(where: {
                    !toks[$0].isCapitalized && !Self.nameConnectors.contains(lower[$0])
                })
            {
                continue
            }
            // The words of one name are separated by spaces only: "Azaz, Marea" is two places.
            if n > 1,
                ((i + 1)..<(i + n)).contains(where: { k in
                    chars[toks[k - 1].end..<toks[k].start].contains { $0 != " " }
                })
            {
                continue
            }
            let surface = String(chars[tok.start..<last.end])
            let (key, skeleton) = PlaceNameNormalizer.keys(surface)
            guard !key.isEmpty else { continue }
            let caps = n == 1 && tok.text.count <= 4 && tok.text == tok.text.uppercased()
            guard
                gazetteer.hasKey(key)
                    || (!caps && !skeleton.isEmpty && skeleton.count >= 3 && gazetteer.hasKey("~" + skeleton))
            else { continue }
            // Part of a longer name ("Kafr" of "Kafr Kalbin"): not this place.
            if i + n < toks.count, toks[i + n].isCapitalized, !blocked.contains(i + n),
                toks[i + n].start - last.end <= 1, !Self.stopwords.contains(lower[i + n])
            {
                continue
            }
            var m = NameMention(
                text: surface, start: s.start + tok.start, end: s.start + last.end, sentence: si,
                firstToken: i, lastToken: i + n - 1, cue: cue(before: i, in: lower))
            m.allCapitals = caps
            m.metonym = shorthand || isMetonym(first: i, last: i + n - 1, lower: lower, toks: toks, chars: chars)
            m.adjective = isAdjective(surface, next: i + n < toks.count ? toks[i + n] : nil)
            return (m, i + n)
        }
        return nil
    }

    /// A country, its people's name or a first-level division (by its own name) that opens the name of an
    /// organisation ("Ohio State University", "Kentucky Department of Education", "Russian Army"): an
    /// associative mention of that place, never drawn. Only at the start of a blocked run of capitalised words,
    /// never a person's name.
    func embeddedName(
        at i: Int, in s: Sentence, index si: Int, blocked: Set<Int>, people: Set<String>
    ) -> (mention: NameMention, next: Int)? {
        let toks = s.tokens
        let word = toks[i].text.lowercased()
        // The run's first word (after "The"), not a common word, a given name or a bearing ("Central").
        guard toks[i].isCapitalized, i == 0 || !blocked.contains(i - 1) || toks[i - 1].text == "The",
            !people.contains(PlaceNameNormalizer.key(toks[i].text)), !Self.stopwords.contains(word),
            !Self.adjectives.contains(word), !(WordLists.shared.englishWords?.contains(word) ?? false),
            !(WordLists.shared.givenNames?.contains(word) ?? false)
        else { return nil }
        for n in stride(from: min(3, toks.count - i - 1), through: 1, by: -1) {
            let last = toks[i + n - 1]
            guard (i..<(i + n)).allSatisfy({ toks[$0].isCapitalized }), i + n < toks.count, toks[i + n].isCapitalized
            else { continue }
            let surface = String(Array(s.text)[toks[i].start..<last.end])
            let owner = gazetteer.lookup(surface).filter {
                ($0.kind == .country || $0.kind == .region)
                    && (Self.isSpelling($0.name, surface) || $0.alternates.contains { Self.isSpelling($0, surface) })
            }.max { $0.population < $1.population }
            guard let owner else { continue }
            var m = NameMention(
                text: surface, start: s.start + toks[i].start, end: s.start + last.end, sentence: si,
                firstToken: i, lastToken: i + n - 1, cue: nil)
            m.adjective = true
            m.demonymOf = owner.id
            return (m, i + n)
        }
        return nil
    }

    /// Whether a name found from a common opening word is an entry's own name with that word ("New
    /// York"), not a loose match that drops or folds it ("The Russian") nor an alternate ("The UN").
    func keepsOpener(_ name: String, opener: String) -> Bool {
        let key = PlaceNameNormalizer.key(name)
        return key.hasPrefix(PlaceNameNormalizer.key(opener) + " ")
            && gazetteer.lookup(name).contains { Self.isSpelling($0.name, name) }
    }

    /// A people's name standing alone, not part of a longer name ("American", "Palestinians", as
    /// the gazetteer lists a country's demonym among its names, or its plural): an associative mention of
    /// that country, never a place on the map.
    func demonym(at i: Int, in s: Sentence, index si: Int, lower: [String], blocked: Set<Int>) -> NameMention? {
        let toks = s.tokens
        if i + 1 < toks.count, toks[i + 1].isCapitalized, !blocked.contains(i + 1) { return nil }
        let word = toks[i].text
        // A plural ("Palestinians") is its singular's people; the singular ends as a demonym does.
        let singular = String(word.dropLast())
        let plural = word.hasSuffix("s") && Self.adjectiveEndings.contains { singular.lowercased().hasSuffix($0) }
        let forms = (Self.adjectives.contains(lower[i]) ? [word] : []) + (plural ? [singular] : [])
        for form in forms {
            guard form.count >= 4,
                let country = gazetteer.lookup(form).filter({ e in
                    (e.kind == .country || e.kind == .continent) && e.alternates.contains { Self.isSpelling($0, form) }
                }).max(by: { $0.population < $1.population })
            else { continue }
            var m = NameMention(
                text: word, start: s.start + toks[i].start, end: s.start + toks[i].end, sentence: si,
                firstToken: i, lastToken: i, cue: nil)
            m.adjective = true
            m.demonymOf = country.id
            return m
        }
        return nil
    }

    /// Whether two names are spelt alike (up to case, marks and the article), not merely folded alike.
    static func isSpelling(_ name: String, _ form: String) -> Bool {
        PlaceNameNormalizer.spelling(name) == PlaceNameNormalizer.spelling(form)
    }

    /// An unknown name after an explicit cue ("the village of Kafr Kalbin"): still a place.
    func cuedName(
        at i: Int, in s: Sentence, index si: Int, text: (chars: [Character], lower: [String]),
        blocked: Set<Int>
    ) -> (mention: NameMention, next: Int)? {
        let toks = s.tokens, (chars, lower) = text
        guard let c = cue(before: i, in: lower), c.hasSuffix(" of") else { return nil }
        var j = i
        while j < toks.count, toks[j].isCapitalized, !blocked.contains(j), j - i < 4,
            j == i || chars[toks[j - 1].end..<toks[j].start].allSatisfy({ $0 == " " })
        {
            j += 1
        }
        let surface = String(chars[toks[i].start..<toks[j - 1].end])
        let m = NameMention(
            text: surface, start: s.start + toks[i].start, end: s.start + toks[j - 1].end,
            sentence: si, firstToken: i, lastToken: j - 1, cue: c)
        return (m, j)
    }

    /// The cue words right before token `i`, if any.
    func cue(before i: Int, in lower: [String]) -> String? {
        for (c, words) in Self.cueWords {
            guard i >= words.count else { continue }
            if lower[(i - words.count)..<i].elementsEqual(words) { return c }
        }
        return nil
    }

    /// Each cue with its words, split once.
    static let cueWords = cues.map { ($0, $0.split(separator: " ").map(String.init)) }

    /// "Washington said", "Washington previously lacked", "backed by Moscow and Tehran", "Washington's ally".
    func isMetonym(first: Int, last: Int, lower: [String], toks: [Token], chars: [Character]) -> Bool {
        // Subject of a verb of speech or policy, allowing auxiliaries and adverbs between.
        var j = last + 1
        while j < lower.count, Self.auxiliaries.contains(lower[j]) || lower[j].hasSuffix("ly") { j += 1 }
        let between = j < toks.count ? String(chars[toks[last].end..<toks[j].start]) : ""
        if j < lower.count, j > last + 1 || !Self.bareVerbs.contains(lower[j]),
            Self.speechVerbs.contains(lower[j]), !between.contains(where: { ",;:()—–\"“”".contains($0) })
        {
            // Not when a comma or a preposition makes the verb belong to someone else ("in Manbij said").
            var p = first - 1
            while p >= 0, Self.adjectives.contains(lower[p]) || Self.cardinalPoints.contains(lower[p]) { p -= 1 }
            if p < 0 || !Self.locationPrepositions.contains(lower[p]) { return true }
        }
        // "Tehran, whose advisers …", "Ankara, who …": a place does not take "who".
        if last + 1 < lower.count, Self.personPronouns.contains(lower[last + 1]),
            String(chars[toks[last].end..<toks[last + 1].start]).contains(",")
        {
            return true
        }
        // Possessive followed by something that is not a part of the place.
        let after = toks[last].end
        if after + 1 < chars.count, chars[after] == "’" || chars[after] == "'", chars[after + 1] == "s" {
            let nextWord = toks[(last + 1)...].first { $0.start > after + 1 }?.text.lowercased() ?? ""
            if !Self.geographicNouns.contains(nextWord) { return true }
        }
        // Object of "backed by", "allied to", …, possibly as the second of a pair ("by Moscow and Tehran").
        var k = first
        if k >= 2, lower[k - 1] == "and" || lower[k - 1] == "or" {
            k -= 2
            while k > 0, toks[k - 1].isCapitalized { k -= 1 }
        }
        for phrase in Self.agentPhrases where k >= phrase.count {
            if Array(lower[(k - phrase.count)..<k]) == phrase { return true }
        }
        return false
    }

    /// "Iraqi forces", "Turkish frontier": a country adjective before a lowercase noun.
    func isAdjective(_ surface: String, next: Token?) -> Bool {
        let s = surface.lowercased()
        guard Self.adjectiveEndings.contains(where: { s.hasSuffix($0) }) else { return false }
        guard let next, let f = next.text.first, f.isLowercase else { return false }
        return !gazetteer.lookup(surface).contains { $0.kind.isPoint || $0.kind == .river }
    }

    /// "the border with Turkey", "the Turkish frontier", "the Syrian-Turkish border" (when the gazetteer
    /// lacks that form):
    /// the border between the named country and the country of the sentence's other places.
    func borderMentions(
        _ s: Sentence, index si: Int, text: (chars: [Character], lower: [String]), found: [NameMention]
    ) -> [NameMention] {
        let toks = s.tokens, (chars, lower) = text
        var out: [NameMention] = []
        let covered = Set(found.flatMap { Array($0.firstToken...$0.lastToken) })
        for (i, w) in lower.enumerated() where (w == "border" || w == "frontier") && !covered.contains(i) {
            var other: GazetteerEntry?
            var span = (i, i)
            if i + 2 < toks.count, lower[i + 1] == "with" {
                other = gazetteer.lookup(toks[i + 2].text).first { $0.kind == .country }
                span = (i, i + 2)
            } else if i >= 1 {
                // "Turkish frontier", "the last stretch of Turkish frontier"
                other = gazetteer.lookup(toks[i - 1].text).first { $0.kind == .country }
                span = (i - 1, i)
            }
            guard let other else { continue }
            let text = String(chars[toks[span.0].start..<toks[span.1].end])
            var m = NameMention(
                text: text, start: s.start + toks[span.0].start, end: s.start + toks[span.1].end, sentence: si,
                firstToken: span.0, lastToken: span.1, cue: nil)
            // The home side is settled by the resolver, from the sentence's other places.
            m.entryID = "border:?-" + other.country
            out.append(m)
        }
        return out
    }

    /// Tokens that cannot start or be part of a place name: organisation and person names.
    func blockedTokens(_ toks: [Token], text: [Character] = []) -> Set<Int> {
        var blocked = Set<Int>()
        var i = 0
        // Words of one name are separated by spaces only: a comma or a quote ends the run.
        func joined(_ a: Int, _ b: Int) -> Bool {
            text.isEmpty || text[toks[a].end..<toks[b].start].allSatisfy { $0 == " " }
        }
        while i < toks.count {
            guard toks[i].isCapitalized else {
                i += 1
                continue
            }
            // A run of capitalised words, with connectors inside it.
            var j = i + 1
            var lastCap = i
            while j < toks.count, joined(j - 1, j) {
                if toks[j].isCapitalized {
                    lastCap = j
                    j += 1
                    continue
                }
                if Self.connectors.contains(toks[j].text.lowercased()), j + 1 < toks.count, toks[j + 1].isCapitalized {
                    j += 1
                    continue
                }
                break
            }
            let run = Array(i...lastCap)
            let words = run.map { toks[$0].text.lowercased() }
            // "Shan State", "Blue Nile State": a division the gazetteer has by that whole name is no body.
            let isDivision =
                run.count > 1
                && gazetteer.lookup(run.map { toks[$0].text }.joined(separator: " "))
                    .contains { $0.kind == .region }
            let isOrganisation = !isDivision && words.dropFirst().contains { Self.organisationHeads.contains($0) }
            let afterTitle = i > 0 && Self.titles.contains(toks[i - 1].text.lowercased())
            if isOrganisation || afterTitle { run.forEach { blocked.insert($0) } }
            // "President Bashar al-Assad", "Director Rami Abdulrahman": a name after a title inside the run.
            if let t = run.firstIndex(where: { Self.titles.contains(toks[$0].text.lowercased()) }) {
                run[t...].forEach { blocked.insert($0) }
            }
            i = lastCap + 1
        }
        // "Darren Ripley", "Jon R. Taylor": a given name and its surname.
        if !text.isEmpty { for r in givenNameRuns(toks, text: text) { r.forEach { blocked.insert($0) } } }
        return blocked
    }
}
