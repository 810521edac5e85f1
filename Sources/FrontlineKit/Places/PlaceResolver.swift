import Foundation

/// Where in the article a place is named.
public struct PlaceMention: Sendable, Equatable, Codable {
    /// Character offsets in the article text.
    public var start: Int
    public var end: Int
    /// The text of the sentence it is in.
    public var sentence: String
    /// This mention names a government, not a location ("Washington said").
    public var metonym: Bool = false
    /// The mention's tokens: its sentence and first and last token there, as later stages read the
    /// words around it; nil for a mention not read from the article's words (a claims file's evidence).
    public var tokens: TokenSpan?
}

/// A place named in the article, joined to one gazetteer entry, with the reason it was chosen.
public struct ResolvedPlace: Sendable, Equatable {
    public var text: String
    public var entry: GazetteerEntry
    public var mentions: [PlaceMention]
    public var confidence: Double
    public var why: String
    /// True when the position is inferred from the text rather than taken from a gazetteer.
    public var approximate: Bool = false
    /// ACLED-style geo precision: 1 the place itself, 2 near it (placed from the text), 3 a wider area.
    public var precision: Int { approximate ? 2 : entry.kind.isPoint ? 1 : 3 }

    public var name: String { entry.name }
    public var coordinate: LonLat { entry.coordinate }
    public var kind: PlaceKind { entry.kind }
}

/// A name that could not be joined to a single place, with what it might have been.
public struct UnresolvedName: Sendable, Equatable {
    public var text: String
    public var mentions: [PlaceMention]
    public var candidates: [GazetteerEntry]
    public var reason: String
    /// The text marks it as a place ("the village of …"), so a reader expects to see it.
    public var cued: Bool
}

/// The places of one article.
public struct PlaceResolution: Sendable {
    public var places: [ResolvedPlace]
    public var unresolved: [UnresolvedName]
    /// Names used only for governments ("Washington said", "backed by Moscow"): not drawn.
    public var metonyms: [ResolvedPlace]
    /// The countries the article is about (ISO alpha-2), most mentioned first.
    public var focusCountries: [String]
    /// Peoples' names and country adjectives ("Mexican farmers", "Palestinians"): associative mentions of
    /// their country, not drawn.
    public var associative: [ResolvedPlace] = []

    public var points: [ResolvedPlace] { places.filter { $0.kind.isPoint } }
}

/// A distance and direction the text states between two named places ("Azaz, 20 km to the northwest").
struct StatedRelation {
    var subject: Int  // group of the place located
    var anchor: Int  // group of the place it is located from
    var km: Double
    var bearing: Double?  // degrees from north, if a direction is given

    static let qualifiers: Set<String> = WordLists.shared.set("distance qualifiers")
}

/// Joins each name mention to one gazetteer entry, using the evidence a reader uses: the countries the
/// article is about, population and feature class, closeness to the other places it names, cue words
/// ("the village of"), "X, Country" patterns and stated distances between places.
public struct PlaceResolver: Sendable {
    public let gazetteer: Gazetteer
    /// Read when a distance is first needed: the text side of the work goes on while PROJ is still opening.
    var geod: Geodesic { Geodesic.wgs84 }

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    struct Group {
        var key: String
        var mentions: [NameMention]
        var candidates: [(entry: GazetteerEntry, match: NameMatch)] = []
        var constraintCountry: String?
        /// The division named right after a mention ("Columbus, Ohio"): its towns near that division's middle.
        var constraintDivision: GazetteerEntry?
        /// A mention names a first-level division: "Aleppo province", "Donetsk Oblast", "the province of X".
        var namesDivision = false
        /// A mention names a river: "60 km down the Dnipro" (a distance phrase's river), "the Dnipro River".
        var namesRiver = false
        /// A mention follows a location preposition ("in Geneva", "from north Paris").
        var located = false
        /// A mention names a part of a city: "the Sukkari district", "the neighbourhood of X".
        var namesNeighbourhood = false
        var text: String { mentions[0].text }
        var cue: String? { mentions.compactMap(\.cue).first }
        /// Every mention that is not a mere adjective names a government.
        var allMetonym: Bool { mentions.filter { !$0.adjective }.allSatisfy(\.metonym) }
        var allAdjective: Bool { mentions.allSatisfy(\.adjective) }
    }

    /// Resolves every place the article names, in steps: the mentions are grouped by name, each group
    /// gets its candidates, the article's countries and unambiguous places are found, candidates are
    /// scored (with the distances the text states between places), each group's best candidate is
    /// chosen or the name left unresolved, borders named by one country are completed, and cued names
    /// no gazetteer has are placed from the text.
    public func resolve(_ article: Article) -> PlaceResolution {
        let mentions = PlaceFinder(gazetteer: gazetteer).mentions(in: article)
        let sentenceTokens = article.sentences.map(\.tokens)
        var groups = Self.grouped(mentions, tokens: sentenceTokens)
        addCandidates(to: &groups, article: article, tokens: sentenceTokens)
        // "Gainesville, Georgia": a name that places a town is that division, not the country so called.
        let placing = Set(groups.compactMap { $0.constraintDivision?.id })
        for i in groups.indices where groups[i].candidates.contains(where: { placing.contains($0.entry.id) }) {
            groups[i].namesDivision = true
        }
        let focus = focusCountries(of: groups, title: article.title)
        // The countries whose towns the article names, then the anchors among those towns only (a unique
        // village of a country named as an actor is no anchor: "United States" names many).
        let towns = Self.placeFocus(focus: focus, anchors: Self.anchors(groups, focus: focus.set), groups: groups)
        let anchors = Self.anchors(groups, focus: towns)
        let relations = statedRelations(article, groups: groups, tokens: sentenceTokens)
        var scores: [[Score]] = groups.enumerated().map { gi, g in
            g.candidates.map {
                score(
                    $0.entry, match: $0.match, group: g, index: gi, focus: $0.entry.kind.isPoint ? towns : focus.set,
                    anchors: anchors)
            }
        }
        addRelationFits(relations, groups: groups, to: &scores)
        var choices = choose(
            groups: groups, scores: scores, relations: relations, focus: (focus.set, towns), article: article)
        completeBorders(groups: groups, focus: focus.ranked, article: article, into: &choices)
        placeCuedNames(
            groups: groups, relations: relations, article: article, tokens: sentenceTokens,
            into: &choices)
        return PlaceResolution(
            places: PlaceResolver.mergeSameEntry(choices.places), unresolved: choices.unresolved,
            metonyms: PlaceResolver.mergeSameEntry(choices.metonyms), focusCountries: focus.ranked,
            associative: PlaceResolver.mergeSameEntry(choices.associative))
    }

    /// The mentions grouped by what they name (the entry a phrase names itself, else the normalised
    /// name; a division phrase apart from the bare name, as "Donetsk region" is not the city of "Russian-held
    /// Donetsk"), groups in the order of their first mention.
    static func grouped(_ mentions: [NameMention], tokens: [[Token]]) -> [Group] {
        var groups: [Group] = []
        var groupOf: [String: Int] = [:]
        for m in mentions {
            let name = PlaceNameNormalizer.key(m.text)
            // A people's name or a place opening a body's name ("Congo River Alliance") apart from the place's
            // own mentions, so that its words say nothing of them.
            let k =
                m.entryID
                ?? (m.demonymOf != nil
                    ? name + " (associative)" : namesDivision(m, tokens: tokens) ? name + " (division)" : name)
            if let g = groupOf[k] {
                groups[g].mentions.append(m)
            } else {
                groupOf[k] = groups.count
                groups.append(Group(key: name, mentions: [m]))
            }
        }
        return groups
    }

    /// The places' mentions as a resolution reports them, each with its sentence's text and its tokens.
    static func placeMentions(_ ms: [NameMention], article: Article) -> [PlaceMention] {
        ms.map {
            PlaceMention(
                start: $0.start, end: $0.end, sentence: article.sentences[$0.sentence].text,
                metonym: $0.metonym,
                tokens: TokenSpan(sentence: $0.sentence, first: $0.firstToken, last: $0.lastToken))
        }
    }

    /// Gives each group its gazetteer candidates (only countries for a name in capitals), and the
    /// country an "X, Syria" or "X in Iraq" after a mention places it in. Borders named by one country
    /// are left for `completeBorders`.
    func addCandidates(to groups: inout [Group], article: Article, tokens: [[Token]]) {
        var chars: [Int: [Character]] = [:]  // each sentence's characters, made once (not once a mention)
        for g in groups.indices {
            let m = groups[g].mentions[0]
            if m.entryID != nil { continue }  // borders named by one country are settled after the others
            if let id = m.demonymOf, let e = gazetteer.entry(id: id) {
                groups[g].candidates = [(e, .spelling)]
                continue
            }
            var cands = gazetteer.candidates(for: m.text)
            if groups[g].mentions.allSatisfy(\.allCapitals) { cands = cands.filter { $0.entry.kind == .country } }
            groups[g].candidates = cands
            groups[g].namesDivision = groups[g].mentions.contains { Self.namesDivision($0, tokens: tokens) }
            groups[g].namesRiver = groups[g].mentions.contains { Self.namesRiver($0, article: article, tokens: tokens) }
            groups[g].located = groups[g].mentions.contains { Self.followsLocationPreposition($0, tokens: tokens) }
            groups[g].namesNeighbourhood = groups[g].mentions.contains { Self.namesNeighbourhood($0, tokens: tokens) }
            for mm in groups[g].mentions {
                if let c = countryNamed(after: mm, article: article, tokens: tokens, chars: &chars),
                    cands.contains(where: { $0.entry.country == c && $0.entry.kind.isPoint })
                {
                    groups[g].constraintCountry = c
                }
                if let d = divisionNamed(after: mm, article: article, tokens: tokens, chars: &chars),
                    cands.contains(where: { $0.entry.country == d.country && $0.entry.kind.isPoint })
                {
                    groups[g].constraintDivision = d
                    groups[g].constraintCountry = d.country
                }
            }
        }
    }

    /// The nouns of first-level divisions ("province", "oblast", "state"), from the word lists.
    static let divisionNouns = Set(WordLists.shared.list("division nouns"))

    /// Whether a mention is a division's name: its last word or the word after it a division noun
    /// ("Donetsk Oblast", "Aleppo province", "North Darfur state"), or after "province of", "region of".
    static func namesDivision(_ m: NameMention, tokens: [[Token]]) -> Bool {
        if let c = m.cue, c == "province of" || c == "region of" { return true }
        let toks = tokens[m.sentence]
        let last = m.text.split(separator: " ").last.map { $0.lowercased() } ?? ""
        let next = m.lastToken + 1 < toks.count ? toks[m.lastToken + 1].text.lowercased() : ""
        return divisionNouns.contains(last) || divisionNouns.contains(next)
    }

    /// Whether a mention is a river's name: where a distance phrase's river starts ("60 km down the
    /// Dnipro", which is not the city of Dnipro), or with "river" after it.
    static func namesRiver(_ m: NameMention, article: Article, tokens: [[Token]]) -> Bool {
        if article.distancePhrases.contains(where: { $0.sentence == m.sentence && $0.riverToken == m.firstToken }) {
            return true
        }
        let toks = tokens[m.sentence]
        return m.lastToken + 1 < toks.count && toks[m.lastToken + 1].text.lowercased() == "river"
    }

    /// Whether a group's name is one common English word ("Center", "Alliance", "Leaders", "Sake"), as
    /// `Shapes/english-words.txt` lists them.
    static func isCommonWord(_ g: Group) -> Bool {
        let t = g.text
        guard !t.contains(" "), !t.contains("-"), t.first?.isUppercase == true,
            let words = WordLists.shared.englishWords
        else { return false }
        return ([t.lowercased()] + britishVariants(t.lowercased())).contains { words.contains($0) }
    }

    /// The American spellings of a British one ("centre" -> "center", "harbour" -> "harbor"), as the word
    /// list is American English.
    static func britishVariants(_ w: String) -> [String] {
        var out: [String] = []
        if w.hasSuffix("re"), w.count > 4 { out.append(String(w.dropLast(2)) + "er") }
        if w.hasSuffix("our"), w.count > 4 { out.append(String(w.dropLast(3)) + "or") }
        if w.hasSuffix("ise"), w.count > 4 { out.append(String(w.dropLast(3)) + "ize") }
        return out
    }

    /// Evidence beyond its spelling that a common word names this place: named as a place ("the town
    /// of Sake"), placed by a stated distance or a country after it, near the article's other places in
    /// its countries or after a preposition there ("fighting near Sake"), or a city of a million after a
    /// preposition ("talks in Nice" needs France in the article).
    static func hasEvidence(
        _ b: ((entry: GazetteerEntry, match: NameMatch), Score), group g: Group, focus towns: Set<String>,
        backed: Bool
    ) -> Bool {
        g.cue?.hasSuffix(" of") == true || backed || g.constraintCountry != nil
            || (towns.contains(b.0.entry.country) && (b.1.near || g.located))
            || (b.0.entry.population >= 1_000_000 && g.located)
    }

    /// The nouns of parts of a city ("district", "neighbourhood", "quarter"), from the word lists.
    static let neighbourhoodNouns = WordLists.shared.set("neighbourhood nouns")

    /// Whether a mention names a part of a city: a neighbourhood noun after it ("the Sukkari district")
    /// or "neighbourhood of" before it.
    static func namesNeighbourhood(_ m: NameMention, tokens: [[Token]]) -> Bool {
        let toks = tokens[m.sentence]
        let next = m.lastToken + 1 < toks.count ? toks[m.lastToken + 1].text.lowercased() : ""
        let cueNoun = m.cue.flatMap { $0.split(separator: " ").first.map(String.init) } ?? ""
        return neighbourhoodNouns.contains(next)
            || (m.cue?.hasSuffix(" of") == true && neighbourhoodNouns.contains(cueNoun))
    }

    /// A part of a city lies within this many kilometres of a place the article names (its city).
    static let neighbourhoodKm = 40.0

    /// Whether a candidate can be what a neighbourhood mention names: a point near another place the
    /// article names (its city), or a town of the article's countries that a district is named after
    /// ("the Tal Afar district"); never a division or a town abroad.
    static func fitsNeighbourhood(
        _ c: (entry: GazetteerEntry, match: NameMatch), _ score: Score, focus: Set<String>
    ) -> Bool {
        guard c.entry.kind.isPoint else { return false }
        if let d = score.nearestKm, d <= neighbourhoodKm { return true }
        return focus.contains(c.entry.country)
    }

    /// Whether a mention follows a location preposition, perhaps with a compass point between ("in
    /// Geneva", "from north Paris").
    static func followsLocationPreposition(_ m: NameMention, tokens: [[Token]]) -> Bool {
        let toks = tokens[m.sentence]
        var j = m.firstToken - 1
        if j >= 0, PlaceFinder.cardinalPoints.contains(toks[j].text.lowercased()) { j -= 1 }
        return j >= 0 && PlaceFinder.locationPrepositions.contains(toks[j].text.lowercased())
            && toks[j].text.lowercased() != "of"
    }

    /// Whether nothing but its name ties a candidate town or division to the article: not in a country
    /// the article is about, not near its other places, not named as a place ("the town of"), no country
    /// or stated distance placing it.
    static func isRemote(
        _ best: ((entry: GazetteerEntry, match: NameMatch), Score), group g: Group, focus: Set<String>,
        relationBacked: Bool
    ) -> Bool {
        let kind = best.0.entry.kind
        // "the village of X" places X; a preposition or a verb before it ("to X", "took X") does not.
        let namedAsPlace = g.cue?.hasSuffix(" of") ?? false
        return (kind.isPoint || kind == .region) && !focus.contains(best.0.entry.country) && !best.1.near
            && !namedAsPlace && g.constraintCountry == nil && !relationBacked
    }

    /// A remote place must be one a reader would know by that name: a city of 100,000 named by its own
    /// name (not one of its alternates: "Hamas" is an alternate of Hamm), or of a million after a location
    /// preposition ("in Kiev"); a division by its own name ("Texas"; after a preposition only, "in
    /// Kherson", when another place shares the name, see `sharedWithTown`). Otherwise
    /// the word is more likely a common word or an organisation ("Alliance", "Trucks") than a town on
    /// another continent.
    static func isKnownByName(_ e: GazetteerEntry, group g: Group) -> Bool {
        let ownName = Self.isOwnName(e, g)
        if e.kind == .region { return ownName && (g.located || !sharedWithTown(g, division: e)) }
        return (e.population >= 100_000 && ownName) || (e.population >= 1_000_000 && g.located)
    }

    /// Nouns of bodies of water ("sea", "gulf"): a division named after one ("Red Sea") named bare is the water.
    static let waterNouns = WordLists.shared.set("water nouns")

    /// Whether a bare division name is rather another place's: a city of 50,000 or more spelt so ("Kherson"),
    /// a town of the division's country within 300 km of its point (the seat it is named after: "Fuzuli",
    /// "Kidal"), a river or lake ("the Blue Nile"), or a body of water the gazetteer may lack ("Red Sea").
    static func sharedWithTown(_ g: Group, division e: GazetteerEntry) -> Bool {
        sharedWithTown(g.text, candidates: g.candidates, division: e)
    }

    static func sharedWithTown(
        _ text: String, candidates: [(entry: GazetteerEntry, match: NameMatch)], division e: GazetteerEntry
    ) -> Bool {
        if let last = e.name.split(separator: " ").last, e.name.contains(" "),
            waterNouns.contains(last.lowercased())
        {
            return true
        }
        let spelt = PlaceNameNormalizer.spelling(text)
        return candidates.contains {
            // Spelt so, not merely folded alike ("Huai'an" is no "Hawaii").
            guard $0.match == .spelling,
                PlaceNameNormalizer.spelling($0.entry.name) == spelt
                    || $0.entry.alternates.contains(where: { PlaceNameNormalizer.spelling($0) == spelt })
            else { return false }
            if $0.entry.kind == .river || $0.entry.kind == .lake { return true }
            return $0.entry.kind.isPoint
                && ($0.entry.population >= 50_000
                    || ($0.entry.country == e.country
                        && Geodesic.wgs84.distance($0.entry.coordinate, e.coordinate) < 300_000))
        }
    }

    /// The country named straight after a mention, after a comma or "in" ("Manbij, Syria", "Mosul in
    /// Iraq"), if any.
    func countryNamed(
        after mm: NameMention, article: Article, tokens: [[Token]], chars: inout [Int: [Character]]
    ) -> String? {
        let toks = tokens[mm.sentence]
        var j = mm.lastToken + 1
        guard j < toks.count else { return nil }
        if toks[j].text.lowercased() == "in" {
            j += 1
        } else {
            let text = chars[mm.sentence] ?? Array(article.sentences[mm.sentence].text)
            chars[mm.sentence] = text
            if !text[toks[mm.lastToken].end..<toks[j].start].contains(",") { return nil }
        }
        guard j < toks.count else { return nil }
        return gazetteer.lookup(toks[j].text).first(where: { $0.kind == .country })?.country
    }

    /// The first-level division named by its own name straight after a mention, after a comma ("Columbus,
    /// Ohio", "Paris, Texas"), if any (one or two words: "Charleston, West Virginia").
    func divisionNamed(
        after mm: NameMention, article: Article, tokens: [[Token]], chars: inout [Int: [Character]]
    ) -> GazetteerEntry? {
        let toks = tokens[mm.sentence]
        let j = mm.lastToken + 1
        guard j < toks.count, toks[j].isCapitalized else { return nil }
        let text = chars[mm.sentence] ?? Array(article.sentences[mm.sentence].text)
        chars[mm.sentence] = text
        guard String(text[toks[mm.lastToken].end..<toks[j].start]).trimmingCharacters(in: .whitespaces) == ","
        else { return nil }
        for n in [2, 1] where j + n <= toks.count {
            let name = String(text[toks[j].start..<toks[j + n - 1].end])
            let cands = gazetteer.candidates(for: name)
            if let d = cands.first(where: {
                $0.entry.kind == .region
                    && PlaceNameNormalizer.spelling($0.entry.name) == PlaceNameNormalizer.spelling(name)
            })?.entry, !Self.sharedWithTown(name, candidates: cands, division: d) {
                return d
            }
        }
        return nil
    }

    /// A town placed by the division named after it lies within this many km of the division's middle.
    static let divisionReachKm = 600.0

    /// The countries an article is about: `ranked` those the title names first, then the most
    /// mentioned; `set` the ones that count as the article's own.
    func focusCountries(of groups: [Group], title: String) -> (ranked: [String], set: Set<String>) {
        var countryCounts: [String: Int] = [:]
        var firstNamed: [String: Int] = [:]  // where each country is first named, for ties
        for g in groups {
            for c in g.candidates where c.entry.kind.isPoint || c.entry.kind == .country {
                let at = g.mentions[0].start
                firstNamed[c.entry.country] = min(firstNamed[c.entry.country] ?? at, at)
            }
            // A name the text reads as a division ("Brenton, Velmora") says nothing of the country so called.
            let countries =
                g.namesDivision ? [] : g.candidates.filter { $0.entry.kind == .country && $0.match == .spelling }
            // A country's alternate that is also a town elsewhere ("Shire": an old name of Syria, a town
            // in Tigray) does not say which country the article is about.
            let byOwnName = countries.first.map { Self.isOwnName($0.entry, g) } ?? false
            let townsAbroad = g.candidates.contains {
                $0.entry.kind.isPoint && $0.match == .spelling && $0.entry.country != countries.first?.entry.country
                    && $0.entry.population >= 5000
            }
            // A demonym before a noun ("Syrian rebels") is the country however many towns abroad it spells.
            if countries.count == 1, byOwnName || !townsAbroad || g.mentions.contains(where: \.adjective) {
                countryCounts[countries[0].entry.country, default: 0] += g.mentions.count
            }
        }
        // An article that names no country: a city that is by far the largest of its name (50,000
        // people, named by its own name, not an alternate, ten times any namesake abroad) says where it
        // is, once however often it is named ("Manbij lies 30 km from Aleppo" is about Syria).
        if countryCounts.isEmpty {
            for g in groups { if let c = Self.dominantCity(g) { countryCounts[c, default: 0] += 1 } }
        }
        let titleCountries = Set(
            Tokenizer.tokens(title).flatMap { t in
                gazetteer.lookup(t.text).filter { $0.kind == .country }.map(\.country)
            })
        let focus = Set(countryCounts.keys).union(titleCountries).sorted {
            let a = (titleCountries.contains($0) ? 1000 : 0) + countryCounts[$0, default: 0]
            let b = (titleCountries.contains($1) ? 1000 : 0) + countryCounts[$1, default: 0]
            return a != b ? a > b : (firstNamed[$0] ?? .max, $0) < (firstNamed[$1] ?? .max, $1)
        }
        // The article's own countries: the most named, those named at least a third as often, the
        // title's, and any two of whose towns it names that no other country has (a story of Syrian
        // villages is about Syria however often "Turkish" is written). A country named once in passing
        // (an Aleppo story that mentions Iraq) is not one.
        let top = focus.first.map { countryCounts[$0, default: 0] } ?? 0
        let own = focus.enumerated().filter { i, c in i == 0 || 3 * countryCounts[c, default: 0] >= top }.map(\.1)
        var townCountries: [String: Int] = [:]
        for g in groups where !g.candidates.contains(where: { $0.entry.kind == .country }) {
            let towns = g.candidates.filter { $0.match == .spelling && $0.entry.kind.isPoint }.map(\.entry)
            // One town of that spelling, or one ten times larger than any namesake abroad.
            guard let big = towns.max(by: { $0.population < $1.population }),
                towns.count == 1
                    || (big.population >= 1000
                        && towns.allSatisfy({ $0.country == big.country || 10 * $0.population < big.population }))
            else { continue }
            townCountries[big.country, default: 0] += 1
        }
        let located = townCountries.filter { $0.value >= 2 }.keys.sorted()
        return (focus + located.filter { !focus.contains($0) }, Set(own).union(titleCountries).union(located))
    }

    /// Whether a group names an entry by the entry's own name (up to case, marks and the article), not
    /// by one of its alternates or a transliteration variant.
    static func isOwnName(_ e: GazetteerEntry, _ g: Group) -> Bool {
        PlaceNameNormalizer.spelling(e.name) == PlaceNameNormalizer.spelling(g.text)
    }

    /// The country of a group's city when it is by far the largest place of that name (see `focusCountries`).
    static func dominantCity(_ g: Group) -> String? {
        let towns = g.candidates.filter { $0.match == .spelling && $0.entry.kind.isPoint }.map(\.entry)
        guard let big = towns.max(by: { $0.population < $1.population }), big.population >= 50_000,
            isOwnName(big, g),
            towns.allSatisfy({ $0.country == big.country || 10 * $0.population < big.population })
        else { return nil }
        return big.country
    }

    /// The article's countries whose towns it names: those of two of its anchors, and the two it leads
    /// with (the title's, else the most named). A
    /// country named only as an actor ("U.S.-backed", "the United States said") gives its towns no
    /// preference: "Paris" in a Syria story that names the United States is still the French capital.
    static func placeFocus(
        focus: (ranked: [String], set: Set<String>), anchors: [(group: Int, at: LonLat)], groups: [Group]
    ) -> Set<String> {
        let anchored = anchors.compactMap { a in
            groups[a.group].candidates.first {
                $0.entry.kind.isPoint && $0.match == .spelling && focus.set.contains($0.entry.country)
            }?.entry.country
        }
        // Two anchors at least: a lone unique name ("Alliance", a town in Ohio) does not make its country one.
        let twice = Set(anchored.filter { c in anchored.filter { $0 == c }.count >= 2 })
        let lead = Set(focus.ranked.prefix(2))  // the title's countries, else the two most named
        return focus.set.filter { twice.contains($0) || lead.contains($0) }
    }

    /// Anchors: the groups that can only be one place (a single point spelt so, in a focus country),
    /// with where that place is.
    static func anchors(_ groups: [Group], focus: Set<String>) -> [(group: Int, at: LonLat)] {
        var anchors: [(group: Int, at: LonLat)] = []
        // A country's name is no anchor, even where a village somewhere shares it ("United States").
        for (i, g) in groups.enumerated()
        where !g.allMetonym && !g.candidates.contains(where: { $0.entry.kind == .country && $0.match == .spelling }) {
            // One point of that spelling in the article's countries: namesakes abroad (the world has
            // a Báb in Slovakia and an Alepoú in Greece) do not make al-Bab or Aleppo uncertain.
            let pts = g.candidates.filter {
                $0.entry.kind.isPoint && $0.match == .spelling && (focus.isEmpty || focus.contains($0.entry.country))
            }
            if pts.count == 1 { anchors.append((i, pts[0].entry.coordinate)) }
        }
        return anchors
    }

    /// A stated distance and direction constrains both ends: each candidate of either end gains the
    /// best fit of any pair it is part of, with the reason.
    func addRelationFits(_ relations: [StatedRelation], groups: [Group], to scores: inout [[Score]]) {
        for r in relations {
            let a = groups[r.subject].candidates, b = groups[r.anchor].candidates
            guard !a.isEmpty, !b.isEmpty else { continue }
            var bestA = [Double](repeating: 0, count: a.count), bestB = [Double](repeating: 0, count: b.count)
            for (i, ca) in a.enumerated() where ca.entry.kind.isPoint {
                for (j, cb) in b.enumerated() where cb.entry.kind.isPoint {
                    let f = fit(from: cb.entry.coordinate, to: ca.entry.coordinate, relation: r)
                    bestA[i] = max(bestA[i], f)
                    bestB[j] = max(bestB[j], f)
                }
            }
            for i in a.indices where bestA[i] > 0 {
                scores[r.subject][i].value += bestA[i]
                scores[r.subject][i].reasons.append(
                    String(format: "fits the stated %.0f km from %@", r.km, groups[r.anchor].text))
            }
            for j in b.indices where bestB[j] > 0 {
                scores[r.anchor][j].value += bestB[j]
                scores[r.anchor][j].reasons.append(
                    String(format: "fits the stated %.0f km to %@", r.km, groups[r.subject].text))
            }
        }
    }

    /// What the choosing steps have settled: places, names used for governments, names left
    /// unresolved, and the entry chosen for each group.
    struct Choices {
        var places: [ResolvedPlace] = []
        var metonyms: [ResolvedPlace] = []
        var associative: [ResolvedPlace] = []
        var unresolved: [UnresolvedName] = []
        var chosen: [Int: GazetteerEntry] = [:]
    }

    /// What becomes of one group: nothing (not a place), an unresolved name, or a place.
    enum GroupChoice {
        case none
        case unresolved(UnresolvedName)
        case place(ResolvedPlace)
        /// A people's name or a country adjective: its country, not drawn.
        case associative(ResolvedPlace)
    }

    /// Each group's choice, in order (borders named by one country are left for `completeBorders`).
    func choose(
        groups: [Group], scores: [[Score]], relations: [StatedRelation],
        focus: (areas: Set<String>, towns: Set<String>), article: Article
    ) -> Choices {
        var choices = Choices()
        for (gi, g) in groups.enumerated() where g.mentions[0].entryID == nil {
            switch choice(for: g, index: gi, scores: scores[gi], relations: relations, focus: focus, article: article) {
            case .none:
                continue
            case .unresolved(let u):
                choices.unresolved.append(u)
            case .associative(let place):
                choices.associative.append(place)
            case .place(let place) where place.kind == .continent:
                choices.associative.append(place)  // "aid for Africa": named, never drawn
            case .place(let place):
                choices.chosen[gi] = place.entry
                if g.allMetonym { choices.metonyms.append(place) } else { choices.places.append(place) }
            }
        }
        return choices
    }

    /// The best-scored candidate of a group as its place, unless the group is no place (an adjective,
    /// an abbreviation, a village standing for a government, a small place named without a cue) or
    /// only loosely matches; a cued name with no fitting candidate is unresolved.
    func choice(
        for g: Group, index gi: Int, scores: [Score], relations: [StatedRelation],
        focus: (areas: Set<String>, towns: Set<String>), article: Article
    ) -> GroupChoice {
        if g.allAdjective { return Self.associative(g, article: article) }  // "Iraqi forces": context, no place
        if g.mentions.allSatisfy(\.allCapitals), g.candidates.isEmpty { return .none }  // an abbreviation
        // "District 23", "the State": a division or neighbourhood noun alone names no place.
        let noun = g.text.lowercased()
        if Self.divisionNouns.contains(noun) || Self.neighbourhoodNouns.contains(noun) { return .none }
        let mentions = Self.placeMentions(g.mentions, article: article)
        guard !g.candidates.isEmpty else {
            return .unresolved(
                UnresolvedName(
                    text: g.text, mentions: mentions, candidates: [],
                    reason: "no gazetteer entry for this name", cued: g.cue != nil))
        }
        let related = relations.contains { ($0.subject == gi || $0.anchor == gi) }
        func backed(_ c: Score) -> Bool { related && c.reasons.contains { $0.hasPrefix("fits") } }
        // Candidates only their name ties to the article, and not known by it, are no candidates.
        let ranked = zip(g.candidates, scores).sorted {
            $0.1.value != $1.1.value ? $0.1.value > $1.1.value : $0.0.entry.id < $1.0.entry.id
        }.filter {
            // A name used for a government is a capital far away by nature ("opposed by Washington").
            (g.allMetonym
                || !Self.isRemote(
                    $0, group: g, focus: $0.0.entry.kind.isPoint ? focus.towns : focus.areas,
                    relationBacked: backed($0.1))
                || Self.isKnownByName($0.0.entry, group: g))
                && (!g.namesNeighbourhood || Self.fitsNeighbourhood($0.0, $0.1, focus: focus.towns))
        }
        // A sentence's first word alone ("Leaders met…", "Followers were…"), named nowhere else, with no
        // cue and no place near it, is a common word before it is a small town.
        let onlyOpening = g.mentions.allSatisfy { $0.firstToken == 0 && $0.lastToken == 0 } && g.cue == nil
        if onlyOpening, let b = ranked.first, b.0.entry.kind.isPoint, b.0.entry.population < 100_000, !backed(b.1),
            !(b.1.near && focus.towns.contains(b.0.entry.country))
        {
            return .none
        }
        // A common word is a place only by that place's own name ("However" is no Hoover, "Woman" no Oman),
        // and only with evidence.
        if Self.isCommonWord(g), let b = ranked.first, b.0.entry.kind.isPoint || b.0.entry.kind == .region,
            !Self.hasEvidence(b, group: g, focus: focus.towns, backed: backed(b.1))
                || (!Self.isOwnName(b.0.entry, g) && g.cue?.hasSuffix(" of") != true)
        {
            return .none
        }
        guard let best = ranked.first else {
            // Named as a place ("the town of X", "the X district") but only known far away: listed, not dropped.
            guard g.cue?.hasSuffix(" of") == true || g.namesDivision || g.namesNeighbourhood else { return .none }
            let far = g.candidates.prefix(3).map { "\($0.entry.name) (\($0.entry.country))" }.joined(separator: ", ")
            return .unresolved(
                UnresolvedName(
                    text: g.text, mentions: mentions, candidates: g.candidates.map(\.entry),
                    reason: "the only places with this name are far from the article's: \(far)", cued: true))
        }
        let relationBacked = backed(best.1)
        // A name used for a government is a capital or a country, never a village ("anti-Assad").
        if g.allMetonym, best.0.entry.kind.isPoint, best.0.entry.population < 100_000 { return .none }
        // A small place named without any cue is more likely a word or a person's name than that village.
        if best.0.entry.kind.isPoint, best.0.entry.population < 5000, g.cue == nil, !relationBacked,
            g.constraintCountry == nil, best.0.match == .spelling, !g.allMetonym, !best.1.near
        {
            return .none
        }
        if best.0.match == .skeleton, !(focus.areas.contains(best.0.entry.country) && (g.cue != nil || best.1.near)) {
            guard g.cue != nil else { return .none }
            return .unresolved(
                UnresolvedName(
                    text: g.text, mentions: mentions, candidates: ranked.map(\.0.entry),
                    reason: "only a loose spelling match, far from the article's other places", cued: true))
        }
        let (confidence, why) = Self.confidence(of: ranked)
        return .place(
            ResolvedPlace(
                text: g.text, entry: best.0.entry, mentions: mentions,
                confidence: confidence, why: why))
    }

    /// A group of country adjectives and peoples' names ("Iraqi forces", "Palestinians"): the country it
    /// names as an associative mention (never drawn), or nothing when no country is so called.
    static func associative(_ g: Group, article: Article) -> GroupChoice {
        let countries = g.candidates.filter {
            ($0.entry.kind == .country || $0.entry.kind == .continent || $0.entry.kind == .region)
                && $0.match == .spelling
        }
        guard let c = countries.max(by: { $0.entry.population < $1.entry.population }) else {
            return .none
        }
        return .associative(
            ResolvedPlace(
                text: g.text, entry: c.entry, mentions: placeMentions(g.mentions, article: article), confidence: 0.9,
                why: isOwnName(c.entry, g)
                    ? "\(c.entry.name) named inside a body's name or as an adjective: an associative mention"
                    : "\"\(g.text)\" names the people or an adjective of \(c.entry.name): an associative mention"))
    }

    /// How sure the choice of the first of the ranked candidates is (by its margin over the next,
    /// rounded to hundredths), and why it was chosen.
    static func confidence(of ranked: [((entry: GazetteerEntry, match: NameMatch), Score)]) -> (Double, String) {
        let best = ranked[0]
        let margin = ranked.count > 1 ? best.1.value - ranked[1].1.value : 10
        var confidence = ranked.count == 1 ? 0.95 : min(0.95, 0.5 + 0.1 * min(margin, 4.5))
        if best.0.match == .skeleton { confidence *= 0.8 }
        var why = best.1.reasons.joined(separator: "; ")
        if ranked.count > 1 {
            let next = ranked[1].0.entry
            why += "; chosen over \(ranked.count - 1) other candidate(s), next best \(next.name) (\(next.country))"
        } else {
            why += "; the only gazetteer entry with this name"
        }
        return ((confidence * 100).rounded() / 100, why)
    }

    /// Borders named by one country ("the border with Turkey", "Turkish frontier"): the other side is
    /// the country of the places in the same sentence, else the country the article is most about.
    func completeBorders(groups: [Group], focus: [String], article: Article, into choices: inout Choices) {
        for (gi, g) in groups.enumerated() {
            guard let id = g.mentions[0].entryID, id.hasPrefix("border:?-") else { continue }
            let other = String(id.dropFirst(9))
            let sentences = Set(g.mentions.map(\.sentence))
            let nearby = groups.indices
                .filter { $0 != gi && groups[$0].mentions.contains { sentences.contains($0.sentence) } }
                .compactMap { choices.chosen[$0] }.filter { $0.kind.isPoint || $0.kind == .country }.map(\.country)
            var border: GazetteerEntry?
            for home in nearby + focus where home != other {
                let key = "border:" + [home, other].sorted().joined(separator: "-")
                if let e = gazetteer.entry(id: key) {
                    border = e
                    break
                }
            }
            let mentions = Self.placeMentions(g.mentions, article: article)
            guard let border else {
                choices.unresolved.append(
                    UnresolvedName(
                        text: g.text, mentions: mentions, candidates: [],
                        reason: "no border of \(other) with the countries of the places around it", cued: false))
                continue
            }
            let side = border.name.replacingOccurrences(of: " border", with: "")
            choices.places.append(
                ResolvedPlace(
                    text: g.text, entry: border, mentions: mentions, confidence: 0.85,
                    why: "the border of \(other) with \(side), the side the sentence's places are on"))
        }
    }

    /// Places no gazetteer has, located from what the text says about them: each cued unresolved name
    /// that `placeFromText` can place moves to the places; the rest stay unresolved.
    func placeCuedNames(
        groups: [Group], relations: [StatedRelation], article: Article, tokens: [[Token]],
        into choices: inout Choices
    ) {
        var stillUnresolved: [UnresolvedName] = []
        for u in choices.unresolved {
            guard u.cued, let gi = groups.firstIndex(where: { $0.text == u.text }),
                let placed = placeFromText(
                    groups[gi], index: gi, article: article, tokens: tokens,
                    relations: relations, groups: groups, chosen: choices.chosen)
            else {
                stillUnresolved.append(u)
                continue
            }
            choices.places.append(placed)
        }
        choices.unresolved = stillUnresolved
    }

    /// "the Euphrates River" and "the Euphrates" are one place: mentions merged, first spelling kept.
    static func mergeSameEntry(_ places: [ResolvedPlace]) -> [ResolvedPlace] {
        var out: [ResolvedPlace] = []
        var index: [String: Int] = [:]
        for p in places {
            if let i = index[p.entry.id] {
                out[i].mentions = (out[i].mentions + p.mentions).sorted { $0.start < $1.start }
                out[i].confidence = max(out[i].confidence, p.confidence)
            } else {
                index[p.entry.id] = out.count
                out.append(p)
            }
        }
        return out
    }

    struct Score {
        var value: Double
        var reasons: [String]
        var near = false
        /// How far the nearest other place the article names is (an anchor), in km.
        var nearestKm: Double?
    }

    func score(
        _ e: GazetteerEntry, match: NameMatch, group: Group, index: Int, focus: Set<String>,
        anchors: [(group: Int, at: LonLat)]
    ) -> Score {
        var v = 0.0
        var reasons: [String] = []
        var near = false
        if focus.contains(e.country) {
            v += 4
            reasons.append("in \(e.country), a country the article is about")
        }
        let placed = placedFit(e, group: group)
        v += placed.value
        reasons += placed.reason.map { [$0] } ?? []
        if e.kind == .region {
            // A division where the text says so, or by its own name when no town shares it (see
            // `sharedWithTown`: "Ohio", not the small town of California far away); a bare "Kherson" is the city.
            let byName = !group.namesDivision && Self.isOwnName(e, group) && !Self.sharedWithTown(group, division: e)
            v += group.namesDivision ? 7 : byName ? 5 : -2
            if group.namesDivision { reasons.append("the text names a division") }
            if byName { reasons.append("a division by its own name") }
        } else if e.kind == .country, group.namesDivision {
            v -= 5  // "Gainesville, Georgia": the text names the division, not the country so called
        } else if e.kind == .country, !Self.isOwnName(e, group),
            group.candidates.contains(where: { $0.entry.kind.isPoint && focus.contains($0.entry.country) })
        {
            // A country by one of its alternates (an old or foreign name: "Shire" for Syria) when a town
            // of the article's countries is so called: the town is the likelier.
            v += 1
            reasons.append("a country, by another of its names")
        } else if !e.kind.isPoint {
            v += 3
            reasons.append("a \(e.kind.rawValue)")
        }
        // Said only where it decides between a river and a place of the same name.
        if group.namesRiver, e.kind == .river, group.candidates.contains(where: { $0.entry.kind != .river }) {
            v += 6
            reasons.append("the text names a river")
        }
        if e.population > 0 {
            v += log10(Double(e.population)) / 2
            reasons.append("population \(e.population)")
        }
        if match == .skeleton {
            v -= 1.5
            reasons.append("a spelling variant of \(e.name)")
        }
        if let cue = group.cue {
            let wanted: [PlaceKind] =
                cue.hasPrefix("city")
                ? [.city]
                : cue.hasPrefix("town")
                    ? [.town, .city]
                    : cue.hasPrefix("village") ? [.village] : []
            if wanted.contains(e.kind) {
                v += 1
                reasons.append("\"\(cue)\" fits a \(e.kind.rawValue)")
            }
        }
        let others = anchors.filter { $0.group != index }
        let d = others.map({ geod.distance($0.at, e.coordinate) / 1000 }).min()
        if e.kind.isPoint, let d, d < 300 {
            v += 2.5 * (1 - d / 300)
            near = true
            reasons.append(String(format: "%.0f km from another place the article names", d))
        } else if e.kind == .region, let d, d < 800 {
            near = true  // a division's label point: its area reaches further than a town's
        }
        return Score(value: v, reasons: reasons, near: near, nearestKm: d)
    }

    /// What the division or country named after a mention says of a candidate ("Columbus, Ohio", "Manbij,
    /// Syria"): a town of the division near its middle gains up to 10, one of the country 5, others lose 5.
    func placedFit(_ e: GazetteerEntry, group: Group) -> (value: Double, reason: String?) {
        if let d = group.constraintDivision, e.kind.isPoint {
            let km = geod.distance(d.coordinate, e.coordinate) / 1000
            guard d.country == e.country, km < Self.divisionReachKm else { return (-5, nil) }
            // The nearer the division's middle, the likelier.
            return (10 * (1 - km / Self.divisionReachKm), "the text places it in \(d.name)")
        }
        guard let c = group.constraintCountry else { return (0, nil) }
        return c == e.country ? (5, "the text places it in \(c)") : (-5, nil)
    }

    /// 0…4: how well `to` lies at the stated distance and direction from `from`.
    func fit(from: LonLat, to: LonLat, relation r: StatedRelation) -> Double {
        let inv = geod.inverse(from, to)
        let d = inv.metres / 1000
        let distanceFit = max(0, 1 - abs(d - r.km) / max(r.km, 1))
        guard distanceFit > 0.3 else { return 0 }
        var f = 3 * distanceFit
        if let b = r.bearing {
            let diff = abs(remainder(inv.azimuth1 - b, 360))
            f += diff <= 45 ? 1 : -1
        }
        return max(f, 0)
    }

    /// "X, 20 km (12 miles) to the northwest", "X, about 60 km south of Y": the place before a stated
    /// distance is located from the place after "of" (or, without one, from the place named before it).
    func statedRelations(_ article: Article, groups: [Group], tokens: [[Token]]) -> [StatedRelation] {
        var bySentence: [Int: [(group: Int, m: NameMention)]] = [:]
        for (gi, g) in groups.enumerated() {
            for m in g.mentions { bySentence[m.sentence, default: []].append((gi, m)) }
        }
        var out: [StatedRelation] = []
        for phrase in article.distancePhrases where phrase.riverToken == nil && phrase.borderToken == nil {
            guard phrase.bearing != nil || phrase.anchorToken != nil, phrase.outOfRange == nil,
                let list = bySentence[phrase.sentence]?.sorted(by: { $0.m.start < $1.m.start })
            else { continue }
            let lower = tokens[phrase.sentence].map { $0.text.lowercased() }
            let before = list.filter { $0.m.lastToken < phrase.firstToken }
            guard let subject = before.last, phrase.firstToken - subject.m.lastToken <= 4,
                ((subject.m.lastToken + 1)..<phrase.firstToken).allSatisfy({
                    StatedRelation.qualifiers.contains(lower[$0])
                })
            else { continue }
            var anchor: Int?
            if let t = phrase.anchorToken { anchor = list.first { $0.m.firstToken == t }?.group }
            if anchor == nil, phrase.anchorToken == nil, before.count >= 2 { anchor = before[before.count - 2].group }
            guard let a = anchor, a != subject.group else { continue }
            out.append(StatedRelation(subject: subject.group, anchor: a, km: phrase.km, bearing: phrase.bearing))
        }
        return out
    }

    /// Locates a place that no gazetteer has from a relation the text states: "on the road linking
    /// Marea with Azaz" (halfway between), or "10 km south of X" (that far from X). Marked approximate.
    func placeFromText(
        _ g: Group, index gi: Int, article: Article, tokens: [[Token]], relations: [StatedRelation],
        groups: [Group], chosen: [Int: GazetteerEntry]
    ) -> ResolvedPlace? {
        func placed(at p: LonLat, country: String, how: String, confidence: Double) -> ResolvedPlace {
            let slug = PlaceNameNormalizer.key(g.text).replacingOccurrences(of: " ", with: "-")
            let entry = GazetteerEntry(
                id: "text:\(slug)", name: g.text, coordinate: p, country: country,
                kind: .village, source: "placed from the article's text: \(how)")
            return ResolvedPlace(
                text: g.text, entry: entry, mentions: Self.placeMentions(g.mentions, article: article),
                confidence: confidence,
                why: "no gazetteer has it; placed \(how) (approximate, geo precision 2)",
                approximate: true)
        }
        for m in g.mentions {
            guard let (a, b) = roadEnds(after: m, tokens: tokens, groups: groups),
                let ea = chosen[a], let eb = chosen[b], ea.kind.isPoint, eb.kind.isPoint
            else { continue }
            let inv = geod.inverse(ea.coordinate, eb.coordinate)
            let mid = geod.direct(from: ea.coordinate, azimuth: inv.azimuth1, metres: inv.metres / 2)
            let how = "halfway along the road linking \(groups[a].text) with \(groups[b].text), as the text says"
            return placed(at: mid, country: ea.country, how: how, confidence: 0.5)
        }
        // "X, 10 km south of Y"
        for r in relations where r.subject == gi {
            guard let anchor = chosen[r.anchor], anchor.kind.isPoint, let b = r.bearing else { continue }
            let p = geod.direct(from: anchor.coordinate, azimuth: b, metres: r.km * 1000)
            let how = String(format: "%.0f km from %@ in the stated direction", r.km, groups[r.anchor].text)
            return placed(at: p, country: anchor.country, how: how, confidence: 0.45)
        }
        return nil
    }

    /// The groups named as the two ends of a road right after a mention: "on the road linking A with B",
    /// "on the road between A and B", "on the road from A to B".
    func roadEnds(after m: NameMention, tokens: [[Token]], groups: [Group]) -> (Int, Int)? {
        let lower = tokens[m.sentence].map { $0.text.lowercased() }
        var j = m.lastToken + 1
        guard j + 3 < lower.count, lower[j] == "on", lower[j + 1] == "the",
            lower[j + 2] == "road" || lower[j + 2] == "highway"
        else { return nil }
        j += 3
        if j < lower.count, ["linking", "between", "from", "connecting", "joining"].contains(lower[j]) { j += 1 }
        let start = j
        let a = groups.firstIndex { $0.mentions.contains { $0.sentence == m.sentence && $0.firstToken == start } }
        var k = j + 1
        while k < lower.count, !["with", "and", "to"].contains(lower[k]) { k += 1 }
        let end = k + 1
        let b = groups.firstIndex { $0.mentions.contains { $0.sentence == m.sentence && $0.firstToken == end } }
        guard let a, let b else { return nil }
        return (a, b)
    }
}
