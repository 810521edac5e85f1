import Foundation

/// Reads control claims from an article: actor, action, place, phase, time, attribution, evidence.
/// Rule-based, as a careful reader works: triggers ("captured", "fell to", "broke the siege", "rebel-held",
/// "under ISIS control"), the actor before an active verb or after "by"/"to", the place after it, and
/// coreference ("they (ISIS)", "the city", "the siege").
public struct ClaimReader: Sendable {
    public let actors: ActorCatalog

    public init(actors: ActorCatalog) { self.actors = actors }

    struct Trigger {
        var words: [String]
        var action: ControlAction
        var passive: Bool
    }

    /// The verbs and fixed phrases of control (`Shapes/words.json`).
    static let verbs = ControlVerbs.shared

    /// Words before a trigger that make it an intention or a hypothesis, not an event.
    static let irrealis: Set<String> = WordLists.shared.set("irrealis words")
    static let beforeTimes = WordLists.shared.list("time phrases before")  // in the file's order
    static let afterTimes = WordLists.shared.list("time phrases after")  // in the file's order
    static let placeNouns: Set<String> = WordLists.shared.set("place nouns")

    struct PlaceRef {
        var first: Int
        var last: Int
        var place: ResolvedPlace
        var near: Bool
        var coreference = false
    }

    /// One sentence as the claim steps read it: its words, the places and actors named in it (by
    /// token), whom it is attributed to, its evidence, and the article's date for its time phrases.
    struct SentenceReading {
        var toks: [Token]
        var lower: [String]
        var chars: [Character]
        var refs: [PlaceRef]
        var actorRefs: [(first: Int, last: Int, actor: String)]
        var attribution: String?
        var evidence: Evidence
        /// The sentence reports speech ("said", "according to").
        var reported: Bool
        /// Its time expressions, each with whether it is before the article's date and its token.
        var times: [(text: String, before: Bool, token: Int)]
        /// The country the sentence names, and the article's countries, for names several actors share.
        var country: String? = nil
        var focusCountries: [String] = []
    }

    /// What reading carries from one sentence to the next: the last actor, place and besieged place
    /// named (for coreference), and the roles of the people quoted.
    struct Memory {
        var lastActor: String?
        var lastPlace: ResolvedPlace?
        var lastBesieged: ResolvedPlace?
        var roles: [String: String] = [:]  // person's surname → role ("a spokesman for …")
        var pendingRole: String?
    }

    /// The claims read so far, numbered in order; one already read from the same sentence is not added
    /// again. Past `Limits.claims` the rest are counted in `leftOut`, not kept.
    struct ClaimList {
        var claims: [ControlClaim] = []
        var leftOut = 0
        /// For each claim (by index) whose actor the sentence does not name, what its context offers.
        var context: [Int: Context] = [:]
        /// The sides the article names (combatants in the catalogue), in the order first named.
        var sides: [String] = []
        struct Context {
            var subjects: [String]
            var last: String?
            var losers: Set<String>
        }
        /// What makes two claims the same: actor, action, place and the sentence (by its offsets).
        private var seen = Set<[String]>()

        mutating func add(
            _ actor: String, _ action: ControlAction, _ ref: PlaceRef, in r: SentenceReading,
            time: String?, phase: Phase, note: String? = nil, confidence: Double = 0.8
        ) {
            let key = [actor, action.rawValue, ref.place.entry.id, "\(r.evidence.start)", "\(r.evidence.end)"]
            guard seen.insert(key).inserted else { return }
            guard claims.count < Limits.claims else {
                leftOut += 1
                return
            }
            claims.append(
                ControlClaim(
                    id: claims.count + 1, actor: actor, action: action, placeID: ref.place.entry.id,
                    location: ref.place.text, phase: phase, time: time, attribution: r.attribution,
                    evidence: r.evidence,
                    confidence: r.attribution == nil ? confidence : confidence - 0.05, near: ref.near, notes: note))
        }
    }

    /// Reads the article sentence by sentence: each sentence's places, actors and attribution, then
    /// its phrases of control and its event and state verbs; finally the inferences a reader draws.
    public func claims(in article: Article, places: PlaceResolution) -> [ControlClaim] {
        // The roles the actors have in the article's wars (a combatant elsewhere may be a supporter here).
        ClaimReader(actors: actors.forCountries(places.focusCountries)).read(article, places: places)
    }

    func read(_ article: Article, places: PlaceResolution) -> [ControlClaim] {
        var found = ClaimList()
        let articleDate = Self.yearMonth(article.date)
        let named = NamedPlaces(places)
        var memory = Memory()
        for (si, s) in article.sentences.enumerated() {
            let reading = read(s, index: si, named: named, places: places, articleDate: articleDate, memory: &memory)
            for i in reading.lower.indices {
                heldAdjectiveClaims(at: i, in: reading, into: &found)
                underControlClaims(at: i, in: reading, into: &found)
                strongholdClaims(at: i, in: reading, into: &found)
                sideNounClaims(at: i, in: reading, into: &found)
                nounClaims(at: i, in: reading, into: &found)
                expulsionClaims(at: i, in: reading, into: &found)
                contestClaims(at: i, in: reading, memory: memory, into: &found)
            }
            eventClaims(in: reading, memory: &memory, into: &found)
            for a in reading.actorRefs.map(\.actor) where !found.sides.contains(a) && !isSupporter(a) {
                if !ActorCatalog.isUnlisted(a) { found.sides.append(a) }
            }
            if let a = reading.actorRefs.last(where: { !isSupporter($0.actor) })?.actor ?? reading.actorRefs.last?.actor
            {
                memory.lastActor = a
            }
            if let p = reading.refs.last?.place { memory.lastPlace = p }
        }
        if found.leftOut > 0 {
            Console.message(
                "frontline: warning: \(article.path ?? article.name): \(found.claims.count + found.leftOut) claims, "
                    + "the first \(Limits.claims) kept, the rest left out")
        }
        var claims = found.claims
        Self.resolveContext(&claims, found.context, sides: found.sides)
        return infer(claims)
    }

    /// The places each sentence names (not as a government), gathered once for the whole article.
    struct NamedPlaces {
        /// Mentions of point places by sentence, in the order of the places, then of their mentions.
        var points: [Int: [(place: ResolvedPlace, span: TokenSpan)]] = [:]
        /// The first country (in the order of the places) each sentence names.
        var country: [Int: String] = [:]

        init(_ places: PlaceResolution) {
            // A name read as a place but not located still carries its claims ("not located").
            for u in places.unresolved {
                let entry = GazetteerEntry(
                    id: ControlClaim.unlocatedPrefix + u.text, name: u.text, coordinate: LonLat(lon: 0, lat: 0),
                    country: "", kind: .village, source: "not located")
                let p = ResolvedPlace(text: u.text, entry: entry, mentions: u.mentions, confidence: 0, why: u.reason)
                for m in u.mentions where !m.metonym {
                    if let span = m.tokens { points[span.sentence, default: []].append((p, span)) }
                }
            }
            for p in places.places where p.kind.isPoint || p.kind == .country || p.kind == .region {
                for m in p.mentions where !m.metonym {
                    guard let span = m.tokens else { continue }
                    // A division can be held ("Idlib province remains in rebel hands"); a country is context.
                    if p.kind != .country { points[span.sentence, default: []].append((p, span)) }
                    if p.kind == .country, country[span.sentence] == nil { country[span.sentence] = p.entry.country }
                }
            }
        }
    }

    /// A sentence's words, the places and actors it names, and whom it is attributed to.
    func read(
        _ s: Sentence, index si: Int, named: NamedPlaces, places: PlaceResolution,
        articleDate: (year: Int, month: Int)?, memory: inout Memory
    ) -> SentenceReading {
        let toks = s.tokens
        let lower = toks.map { $0.text.lowercased() }
        let chars = Array(s.text)
        let refs = placeRefs(toks: toks, chars: chars, named: named.points[si] ?? [], lastPlace: memory.lastPlace)
        // Actors named in this sentence, and pronouns that stand for them.
        let namedCountry = named.country[si]
        var actorRefs = resolveActors(
            toks: toks, lower: lower, chars: chars, refs: refs, places: places,
            lastActor: memory.lastActor, country: namedCountry)
        actorRefs.sort { $0.first < $1.first }
        let attribution = self.attribution(
            toks: toks, lower: lower, chars: chars, roles: &memory.roles,
            pendingRole: &memory.pendingRole)
        let reported = lower.contains { Self.reportingVerbs.contains($0) }
        let evidence = Evidence(sentence: s.text, start: s.start, end: s.end)
        return SentenceReading(
            toks: toks, lower: lower, chars: chars, refs: refs, actorRefs: actorRefs,
            attribution: attribution, evidence: evidence, reported: reported,
            times: Self.timePhrases(lower, articleDate: articleDate), country: namedCountry,
            focusCountries: places.focusCountries)
    }

    /// The places named in a sentence, by token, in order: each mention of a point place (`named`, by its
    /// tokens), and "the city", "the town" for the last place named (in the sentence, else before it).
    func placeRefs(
        toks: [Token], chars: [Character], named: [(place: ResolvedPlace, span: TokenSpan)],
        lastPlace: ResolvedPlace?
    ) -> [PlaceRef] {
        let lower = toks.map { $0.text.lowercased() }
        var refs: [PlaceRef] = []
        for (p, span) in named {
            let f = span.first
            let before = lower[max(0, f - 6)..<f]
            let near = f >= 2 && before.contains("near") && before.contains { $0 == "villages" || $0 == "areas" }
            refs.append(PlaceRef(first: f, last: span.last, place: p, near: near))
        }
        for (i, w) in lower.enumerated() where i > 0 && (w == "city" || w == "town" || Self.appositionNouns.contains(w))
        {
            // "the city", "the rebel-held town", "the whole city" (one lowercase word between).
            let afterThe =
                lower[i - 1] == "the"
                || (i > 1 && lower[i - 2] == "the" && !toks[i - 1].isCapitalized
                    && !Self.determinerLike.contains(lower[i - 1]))
            // "the city", "the town" stand for the last place; "capital", "hub", "port" only in apposition.
            guard
                (afterThe && (w == "city" || w == "town"))
                    || Self.isApposition(at: i, lower: lower, toks: toks, chars: chars),
                i + 1 >= lower.count || lower[i + 1] != "of",
                !refs.contains(where: { $0.first <= i + 2 && $0.first >= i })
            else { continue }
            // The place named last before it (the refs are not yet in token order).
            if let p = refs.filter({ $0.last < i }).max(by: { $0.last < $1.last })?.place ?? lastPlace {
                refs.append(PlaceRef(first: i, last: i, place: p, near: false, coreference: true))
            }
        }
        refs.sort { $0.first < $1.first }
        return refs
    }

    /// The nouns that stand for the place before them in apposition (", the only regional capital that …").
    static let appositionNouns: Set<String> = WordLists.shared.set("apposition nouns")

    /// ", a market town", ", the coastal city": a noun phrase set after a comma, in apposition to the place
    /// named before it.
    static func isApposition(at i: Int, lower: [String], toks: [Token], chars: [Character]) -> Bool {
        guard let a = (max(1, i - 3)..<i).last(where: { ["a", "an", "the"].contains(lower[$0]) }) else { return false }
        // ", a market town", ", the coastal city": only lowercase words between the article and the noun.
        return chars[toks[a - 1].end..<toks[a].start].contains(",")
            && !((a + 1)..<i).contains { toks[$0].isCapitalized }
    }

    /// "rebel-held", "ISIS-controlled": the actor the prefix names holds the place named within four
    /// words after it, or the place before it ("eastern Aleppo, which had been rebel-held since mid-2012").
    func heldAdjectiveClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        let lower = r.lower
        for suffix in ["-held", "-controlled", "-run", "-occupied"] where lower[i].hasSuffix(suffix) {
            let prefix = String(r.toks[i].text.dropLast(suffix.count))
            let candidates = actors.candidates(adjective: prefix)
            guard !candidates.isEmpty else { continue }
            let context = Self.context(after: i, refs: r.refs, country: r.country, focus: r.focusCountries)
            let a = actors.resolve(candidates, context: context) ?? ActorCatalog.unlisted(prefix)
            // "El Obeid, the army-held capital of North Kordofan": the apposition's place, not the part's.
            let after = r.refs.first(where: { $0.first > i && $0.first <= i + 4 })
            let apposed = r.refs.last(where: { $0.last < i && $0.last >= i - 3 })
            let nounAfter =
                i + 1 < lower.count
                && (Self.appositionNouns.contains(lower[i + 1]) || Self.placeNouns.contains(lower[i + 1]))
            if let ref = after.map({ Self.isPartOf($0, in: r) ? apposed : $0 }) ?? (nounAfter ? apposed : nil) {
                // "the government-held towns of Nubl and Zahraa": each place listed.
                for p in [ref] + Self.partners(of: ref, in: r) {
                    found.add(a, .holds, p, in: r, time: nil, phase: .current)
                }
            } else if i >= 2, ["been", "was", "is", "remained", "remains", "were"].contains(lower[i - 1]),
                let ref = r.refs.last(where: { $0.last < i && $0.last >= i - 8 })
            {
                let time = timeExpression(r.times, near: i)
                let phase: Phase = lower[i - 2] == "had" || time?.before == true ? .before : .current
                found.add(a, .holds, ref, in: r, time: time?.text, phase: phase)
            }
        }
    }

    /// "under ISIS control", "in ISIS hands": the actor holds the place before it (the clause's subject
    /// after "has been", "is"), and any place joined to it by "and".
    func underControlClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        let lower = r.lower, w = lower[i]
        guard w == "control" || w == "hands", i >= 2 else { return }
        let before = ["under", "in"].contains(lower[i - 2]) || (i >= 3 && ["under", "in"].contains(lower[i - 3]))
        // "in ISIS hands", "under rebel control"; "in the hands of the Syrian army".
        let after = lower[i - 1] == "the" && i + 1 < lower.count && lower[i + 1] == "of"
        let held = before ? r.actorRefs.last(where: { $0.last == i - 1 }) : nil
        guard
            let a = held
                ?? (before && after ? r.actorRefs.first(where: { $0.first == i + 2 || $0.first == i + 3 }) : nil)
        else { return }
        let stative = lower[max(0, i - 5)..<i].contains { ["been", "is", "was", "remains", "remained"].contains($0) }
        let place =
            stative
            ? r.refs.first(where: { $0.last < i && $0.place.kind.isPoint })  // "Falluja … has been in ISIS hands"
            : r.refs.last(where: { $0.last < i && $0.last >= i - 9 && $0.place.kind.isPoint })
        guard let ref = place else { return }
        let time = timeExpression(r.times, near: i)
        let phase: Phase = lower[max(0, i - 5)..<i].contains("had") || time?.before == true ? .before : .current
        for p in [ref] + Self.partners(of: ref, in: r) {
            found.add(a.actor, .holds, p, in: r, time: time?.text, phase: phase)
        }
    }

    /// Words after "the" that are no adjective of a place ("the other town", "the same city" are not the last).
    static let determinerLike: Set<String> = WordLists.shared.set("ordinal determiners")

    /// "the rebel towns of Marea and Azaz", "the ISIS stronghold of Raqqa": a side named before a place noun
    /// and "of" holds the places named after it.
    func sideNounClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        let lower = r.lower
        guard i + 2 < lower.count, lower[i + 1] == "of",
            Self.placeNouns.contains(lower[i]) || Self.appositionNouns.contains(lower[i]) || lower[i] == "enclave",
            let a = r.actorRefs.first(where: { $0.last == i - 1 && !Self.pronouns.contains(lower[$0.first]) }),
            let ref = r.refs.first(where: { $0.first == i + 2 || ($0.first == i + 3 && lower[i + 2] == "the") })
        else { return }
        for p in [ref] + Self.partners(of: ref, in: r) {
            found.add(a.actor, .holds, p, in: r, time: nil, phase: .current)
        }
    }

    /// "ISIS's de facto capital", "the militants' closest bastion": the actor in the possessive holds
    /// the place named before it, or just after the noun.
    func strongholdClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        guard ["capital", "stronghold", "bastion", "heartland"].contains(r.lower[i]) else { return }
        let possessive = { (a: (first: Int, last: Int, actor: String)) in
            r.chars.indices.contains(r.toks[a.last].end) && "’'".contains(r.chars[r.toks[a.last].end])
        }
        guard let a = r.actorRefs.last(where: { $0.last < i && $0.last >= i - 5 && possessive($0) }),
            let ref = r.refs.last(where: { $0.last < a.first })
                ?? r.refs.first(where: { $0.first > i && $0.first <= i + 3 })
        else { return }
        found.add(a.actor, .holds, ref, in: r, time: nil, phase: .current)
    }

    /// "to capture", "aim of cutting off", "before the area falls to": intentions are not events.
    static func isIntention(_ trig: Trigger, at i: Int, lower: [String]) -> Bool {
        if i > 0, lower[i - 1] == "to", trig.action != .advancing,
            i < 2 || !Self.performedIntentions.contains(lower[i - 2])
        {
            return true
        }
        return lower[max(0, i - 4)..<i].contains(where: { irrealis.contains($0) })
    }

    /// Words before "to" after which the verb is done, not intended ("managed to enter", "decided to withdraw").
    static let performedIntentions: Set<String> = WordLists.shared.set("performed intentions")

    /// Who acts and on what place, for one trigger.
    struct Roles {
        var actor: String?
        var coActors: [String] = []
        var place: PlaceRef?
    }

    /// A passive trigger: the place before it, the actor after it ("was captured by"); "ISIS fighters
    /// were pushed back (from P)": the subject withdrew.
    func passiveRoles(_ trig: Trigger, at i: Int, end: Int, in r: SentenceReading, lastPlace: ResolvedPlace?) -> Roles {
        var roles = Roles(
            actor: r.actorRefs.first { $0.first > end && $0.first <= end + 3 }?.actor,
            place: r.refs.last { $0.last < i })
        if trig.words.first == "were" || trig.words.first == "was", trig.action == .withdrew {
            roles.actor = r.actorRefs.last { $0.last < i }?.actor
            roles.place =
                r.refs.first { $0.first > end && $0.first <= end + 3 && r.lower[$0.first - 1] == "from" }
                ?? r.refs.last { $0.last < i } ?? lastPlace.map { PlaceRef(first: i, last: i, place: $0, near: false) }
        }
        return roles
    }

    /// An active trigger: the subject is the last actor before the verb that is not inside "backed by …",
    /// "with …" (with an actor joined to it by "and"), the place the one after the verb; "hold" and
    /// "broke the siege" look for their places apart.
    func activeRoles(
        _ trig: Trigger, at i: Int, end: Int, in r: SentenceReading,
        lastBesieged: ResolvedPlace?
    ) -> Roles {
        let lower = r.lower, actorRefs = r.actorRefs, refs = r.refs
        // The last actor named before the verb that can be its subject (the refs are in token order).
        let subject = actorRefs.last { a in
            a.last < i && !lower[a.last + 1..<i].contains(where: Self.speechWords.contains)
                && (a.first == 0 || !Self.objectPrepositions.contains(lower[a.first - 1]) || Self.isPartitive(a, lower))
        }
        var roles = Roles(actor: subject?.actor)
        if roles.actor == nil, trig.action != .holds { roles.actor = actorRefs.last { $0.last < i }?.actor }
        // "… since war broke out between the army and the RSF, thousands of civilians fled El Fasher": people
        // named between the side and the verb are the verb's subject, and no side is.
        if let a = actorRefs.last(where: { $0.last < i }),
            lower[max(a.last + 1, i - 3)..<i].contains(where: Self.civilians.contains)
        {
            return Roles()
        }
        // "Turkish troops and (allied) rebels took …": both did.
        roles.coActors =
            subject.map { s in
                guard let and = (max(0, s.first - 2)..<s.first).last(where: { lower[$0] == "and" }) else { return [] }
                return actorRefs.filter { $0.last == and - 1 }.map(\.actor)
            } ?? []
        // The object within eight words, in the verb's own clause ("took the square, where ISIS seized Raqqa":
        // Raqqa is the other verb's).
        let clauseEnd =
            (end + 1..<min(lower.count, end + 9)).first {
                Self.clauseOpeners.contains(lower[$0])
                    || Self.verbs.group(at: $0, in: lower, capitalized: { r.toks[$0].isCapitalized })?.attributive
                        == false
            } ?? end + 9
        roles.place = refs.first { $0.first > end && $0.first < clauseEnd }
        if trig.action == .holds {
            // "Rebels also still hold Hraytan", "hold pockets in X"; "Azaz, a town that rebels have held for
            // years"; not "the cities Ukraine holds in the Donetsk region" (no object before the preposition).
            roles.place =
                refs.first {
                    $0.first > end && ($0.first <= end + 3 || ($0.first <= end + 6 && lower[$0.first - 1] == "of"))
                        && (lower[$0.first - 1] == "of" || $0.first - 1 > end + 1
                            || !Self.locationPrepositions.contains(lower[$0.first - 1]))
                }
                ?? refs.last { ref in
                    // The place the relative clause hangs on: the one just before "that" ("a town just south
                    // of al-Bab that IS holds" is the town, an apposition, when one stands there).
                    guard ref.last < i, ref.last >= i - 8,
                        let w = (ref.last + 1..<i).first(where: { lower[$0] == "that" || lower[$0] == "which" })
                    else { return false }
                    return w == ref.last + 1 || !refs.contains { $0.last > ref.last && $0.last < w }
                }
        }
        if trig.action == .siegeBroken {
            // "the siege of Aleppo"; "the siege (of the town)": the siege the text told of.
            roles.place =
                refs.first { $0.first > end && $0.first <= end + 2 && !$0.coreference }
                ?? lastBesieged.map { PlaceRef(first: i, last: i, place: $0, near: false) }
                ?? refs.first { $0.first > end && $0.first <= end + 2 }
                ?? refs.last { $0.last < i }
        }
        return roles
    }

    /// Verbs that make a sentence reported speech: its past perfect is the reported event, not background.
    static let reportingVerbs: Set<String> = [
        "said", "says", "told", "according", "reported", "announced", "claimed", "declared", "confirmed", "added",
    ]
    /// "units of the Counter-Terrorism Service", "fighters of the RSF": the actor after "of" is the side.
    static func isPartitive(_ a: (first: Int, last: Int, actor: String), _ lower: [String]) -> Bool {
        a.first >= 2 && lower[a.first - 1] == "of" && forceNouns.contains(lower[a.first - 2])
            || a.first >= 3 && lower[a.first - 1] == "the" && lower[a.first - 2] == "of"
                && forceNouns.contains(lower[a.first - 3])
    }
    static let forceNouns: Set<String> = WordLists.shared.set("force nouns")

    /// People who are no side ("civilians", "residents", "thousands").
    static let civilians: Set<String> = WordLists.shared.set("civilian nouns")

    /// Words that open a new clause: a verb's object is not found past them.
    static let clauseOpeners: Set<String> = WordLists.shared.set("clause openers")
    /// Words between an actor and a verb that make the actor a speaker, not the verb's subject.
    static let speechWords: Set<String> = ["said", "told", "according"]
    /// Words before an actor that make it an object ("backed by", "with"), not a subject.
    static let objectPrepositions: Set<String> = ["by", "with", "from", "against", "of"]

    /// "Akhtarin and Sawran", "the towns of Jabrayil, Fuzuli, Zangilan and Qubadli": the places listed with
    /// a claim's place share the claim. Two places are in one list when only a comma or list words
    /// ("and", "as well as", "along with", "and then") stand between them.
    static func partners(of p: PlaceRef, in r: SentenceReading) -> [PlaceRef] {
        let points = r.refs.filter { !$0.coreference }
        guard let k = points.firstIndex(where: { $0.first == p.first }) else { return [] }
        // How two neighbours are joined: nil (not), a bare comma, or list words ("and", "as well as").
        func link(_ a: PlaceRef, _ b: PlaceRef) -> Bool? {
            let comma = r.chars[r.toks[a.last].end..<r.toks[b.first].start].contains(",")
            let between = r.lower[(a.last + 1)..<b.first]
            if between.isEmpty { return comma ? false : nil }
            return between.count <= 3 && between.allSatisfy(listWords.contains) ? true : nil
        }
        var lo = k, hi = k
        while lo > 0, link(points[lo - 1], points[lo]) != nil { lo -= 1 }
        while hi + 1 < points.count, link(points[hi], points[hi + 1]) != nil { hi += 1 }
        // A run of bare commas is a list only when list words join its last two ("A, B and C"); else
        // ("west of Tal Afar, Sinjar") only the neighbours joined by list words are.
        if lo < hi, link(points[hi - 1], points[hi]) != true {
            lo = k
            hi = k
            while lo > 0, link(points[lo - 1], points[lo]) == true { lo -= 1 }
            while hi + 1 < points.count, link(points[hi], points[hi + 1]) == true { hi += 1 }
        }
        return points[lo...hi].filter { $0.place.entry.id != p.place.entry.id }
    }
    static let listWords: Set<String> = WordLists.shared.set("list connectors")

    /// Inside a direct quotation: an open quote before the character offset, or an unmatched closing
    /// quote after it.
    static func isQuoted(at offset: Int, in chars: [Character]) -> Bool {
        let head = chars[..<offset], tail = chars[offset...]
        return head.filter { $0 == "“" }.count > head.filter { $0 == "”" }.count
            || tail.filter { $0 == "”" }.count > tail.filter { $0 == "“" }.count
    }

    /// Who acts in a sentence: named actors, "they (ISIS)", and pronouns for the last actor named.
    func resolveActors(
        toks: [Token], lower: [String], chars: [Character], refs: [PlaceRef], places: PlaceResolution,
        lastActor: String?, country: String? = nil
    ) -> [(first: Int, last: Int, actor: String)] {
        var out: [(Int, Int, String)] = []
        for m in actors.mentions(in: toks) {
            // A name several actors share ("government forces"), or a description: the actor of the
            // country the sentence names, else of the place it acts on (the next one named), else of the
            // article's countries; kept as written when none of them has one.
            let context = Self.context(after: m.last, refs: refs, country: country, focus: places.focusCountries)
            let written = String(chars[toks[m.first].start..<toks[m.last].end])
            out.append((m.first, m.last, actors.resolve(m.actors, context: context) ?? ActorCatalog.unlisted(written)))
        }
        // "rebel-held" is an adjective, handled apart; "anti-Assad rebels" names rebels.
        // Pronouns and bare nouns ("troops", "fighters") stand for the last actor named.
        for (i, w) in lower.enumerated()
        where Self.pronouns.contains(w) || ["troops", "soldiers", "forces", "fighters", "units", "columns"].contains(w)
        {
            let pronoun = Self.pronouns.contains(w)
            // "they (ISIS)"
            if i + 1 < toks.count, String(chars[toks[i].end..<toks[i + 1].start]).contains("("),
                let m = actors.mentions(in: [toks[i + 1]]).first
            {
                let context = Self.context(after: i + 1, refs: refs, country: country, focus: places.focusCountries)
                out.append(
                    (i, i + 1, actors.resolve(m.actors, context: context) ?? ActorCatalog.unlisted(toks[i + 1].text)))
                continue
            }
            // Inside a name, or its head ("SDF fighters": one mention, not two).
            if out.contains(where: { $0.0 <= i && i <= $0.1 + (pronoun ? 0 : 1) }) {
                continue
            }
            // A supporter ("backed by Iranian-backed militias") is the last choice: "troops" are the side's own.
            // The nearest before it, by position (the list holds names first, then the pronouns read so far).
            let before = out.filter { $0.1 < i }.sorted { $0.1 < $1.1 }
            // "the TNLA said that it held Mogok": in reported speech a pronoun is the speaker's side.
            let speech = (0..<i).last { Self.reportingVerbs.contains(lower[$0]) }
            let speaker = speech.flatMap { sv in before.last { $0.1 < sv && $0.1 >= sv - 3 } }
            if let speaker, pronoun, !isSupporter(speaker.2) {
                out.append((i, i, speaker.2))
            } else if let prev = before.last(where: { !isSupporter($0.2) })?.2 ?? lastActor ?? before.last?.2 {
                out.append((i, i, prev))
            }
        }
        return out.map { (first: $0.0, last: $0.1, actor: $0.2) }
    }

    /// The pronouns that stand for a side ("they", "it", "we").
    static let pronouns: Set<String> = ["they", "it", "we"]

    /// Whether an actor id is a supporter's (air power, allied militias), not a side's own forces.
    func isSupporter(_ id: String) -> Bool { actors.actor(id: id)?.role == .supporter }

    /// The country context of an actor named before token `i`, in order of precedence: the country the
    /// sentence names, the country of the next place named after it and of the sentence's first place when
    /// they are among the article's countries, the article's countries, then those places' other countries
    /// (a place outside the article's countries is more likely a misreading than another war).
    static func context(after i: Int, refs: [PlaceRef], country: String?, focus: [String]) -> [String] {
        var out: [String] = []
        let near = [refs.first(where: { $0.first > i })?.place.entry.country, refs.first?.place.entry.country]
        let places = near.compactMap { $0 }
        let ranked =
            [country].compactMap { $0 } + places.filter { focus.isEmpty || focus.contains($0) } + focus + places
        for c in ranked where !out.contains(c) { out.append(c) }
        return out
    }

    /// "according to the Syrian Observatory …", "…, a spokesman for X said", "Darwish said …".
    func attribution(
        toks: [Token], lower: [String], chars: [Character], roles: inout [String: String], pendingRole: inout String?
    ) -> String? {
        let text = String(chars)
        if let r = text.range(of: "according to ") {
            var tail = String(text[r.upperBound...])
            if let stop = tail.firstIndex(where: { ",.;".contains($0) }) { tail = String(tail[..<stop]) }
            return tail.trimmingCharacters(in: .whitespaces)
        }
        guard let v = lower.firstIndex(where: { ["said", "says", "told"].contains($0) }) else {
            pendingRole = nil
            return nil
        }
        // Speaker before the verb: from the last comma or closing quote before it, or the sentence start.
        let verbStart = toks[v].start
        var from = 0
        if let c = chars[..<verbStart].lastIndex(where: { ",”\"".contains($0) }) { from = c + 1 }
        var speaker = String(chars[from..<verbStart]).trimmingCharacters(in: .whitespaces)
        speaker = speaker.trimmingCharacters(in: CharacterSet(charactersIn: "“”\" "))
        for lead in ["and ", "but ", "while "] where speaker.lowercased().hasPrefix(lead) {
            speaker = String(speaker.dropFirst(lead.count))
        }
        guard !speaker.isEmpty, speaker.count < 120 else { return nil }
        let words = speaker.split(separator: " ")
        let lowerSpeaker = speaker.lowercased()
        if lowerSpeaker.hasPrefix("a spokesman") || lowerSpeaker.hasPrefix("a spokeswoman")
            || lowerSpeaker.hasPrefix("a commander")
        {
            pendingRole = speaker
        } else if words.count <= 3, words.allSatisfy({ $0.first?.isUppercase ?? false }) {
            // A named person: bind to the unnamed role quoted just before ("Shafan Darwish told Reuters").
            let surname = String(words.last!)
            if let role = roles[surname] { return "\(speaker) (\(role))" }
            if let role = pendingRole {
                roles[surname] = role
                return "\(speaker) (\(role))"
            }
        }
        return speaker
    }

    static let months = WordLists.shared.list("month names")  // in calendar order
    /// "in July", "in March 2016", "since mid-2012", "at the end of May" (compiled once).
    static let datePhrase = try? NSRegularExpression(
        pattern: #"\b((?:at )?the (?:end|start|beginning|middle) of|in|since|by|until|from) (early |mid |mid-|late )?("#
            + months.joined(separator: "|") + #")( \d{4})?\b|\b(in|since) (early |mid-|mid |late )?(\d{4})\b"#)

    /// Every date phrase in `text`, with where it lies.
    static func datePhrases(in text: String) -> [(String, Range<String.Index>)] {
        guard let re = datePhrase else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            Range(m.range, in: text).map { (ns.substring(with: m.range), $0) }
        }
    }

    /// The article's year and month, from its date line.
    static func yearMonth(_ date: String?) -> (year: Int, month: Int)? {
        guard let d = date?.lowercased() else { return nil }
        if let ym = DatePatterns.firstYearDashMonth(in: d) {
            let parts = ym.split(separator: "-")
            if let y = Int(parts[0]), let m = Int(parts[1]) { return (y, m) }
        }
        guard let y = DatePatterns.firstFourDigits(in: d).flatMap({ Int($0) }),
            let m = months.firstIndex(where: { d.contains($0) })
        else { return nil }
        return (y, m + 1)
    }

    /// The time expression closest to token `i`, and whether it lies before the article's own events:
    /// fixed phrases ("late last month", "on Wednesday") and dates ("in July", "in March 2016", "since mid-2012")
    /// compared with the article's date.
    func timeExpression(
        _ found: [(text: String, before: Bool, token: Int)], near i: Int
    ) -> (text: String, before: Bool)? {
        guard
            let best = found.min(by: {
                abs($0.2 - i) != abs($1.2 - i) ? abs($0.2 - i) < abs($1.2 - i) : $0.0.count > $1.0.count
            })
        else { return nil }
        return (best.0, best.1)
    }

    /// A sentence's time expressions (found once for all its verbs), each with whether it lies before the
    /// article's own events and the token where it starts.
    static func timePhrases(
        _ lower: [String], articleDate: (year: Int, month: Int)?
    ) -> [(text: String, before: Bool, token: Int)] {
        let text = lower.joined(separator: " ")
        let bytes = Array(text.utf8)
        var found: [(String, Bool, Int)] = []
        func tokenIndex(_ r: Range<String.Index>) -> Int { text[..<r.lowerBound].split(separator: " ").count }
        func tokenIndex(byte k: Int) -> Int { bytes[..<k].split(separator: UInt8(ascii: " ")).count }
        for t in Self.beforeTimes {
            if let k = TextSearch.offset(of: t, in: bytes) { found.append((t, true, tokenIndex(byte: k))) }
        }
        for t in Self.afterTimes {
            if let k = TextSearch.offset(of: t, in: bytes) { found.append((t, false, tokenIndex(byte: k))) }
        }
        for (phrase, r) in Self.datePhrases(in: text) {
            var before = true
            if let (ay, am) = articleDate {
                let year = DatePatterns.firstFourDigits(in: phrase).flatMap { Int($0) }
                if let mi = Self.months.firstIndex(where: { phrase.contains($0) }) {
                    let month = mi + 1
                    let y = year ?? (month > am ? ay - 1 : ay)
                    before = (y, month) < (ay, am)
                } else if let year {
                    before = year < ay
                }
            }
            found.append((phrase, before, tokenIndex(r)))
        }
        return found.map { (text: $0.0, before: $0.1, token: $0.2) }
    }

    func phase(
        for action: ControlAction, lower: [String], at i: Int, time: (text: String, before: Bool)?, reported: Bool
    ) -> Phase {
        if let time, time.before { return .before }
        if time != nil { return action == .holds ? .current : .after }
        switch action {
        case .holds: return .current
        case .advancing:
            // "they were on the verge of entering" (in their own words): the threat before the events;
            // "said it was poised to enter" is reported speech for "is poised".
            return !reported && lower[max(0, i - 3)..<i].contains { $0 == "were" || $0 == "was" } ? .before : .after
        case .besieged:
            return lower[max(0, i - 3)..<i].contains("had") && !reported ? .before : .current
        default:
            // A past perfect outside reported speech is background; inside it, the reported event.
            return lower[max(0, i - 3)..<i].contains("had") && !reported ? .before : .after
        }
    }

    /// Rules a reader applies: a force that withdrew from or lost a place held it before.
    func infer(_ claims: [ControlClaim]) -> [ControlClaim] {
        var out = claims
        // A standing "held by" on a place the article reports changing is the state before the change.
        for (k, c) in out.enumerated() where c.action == .holds && c.phase == .current {
            let changes = out.contains {
                $0.placeID == c.placeID && $0.phase == .after && !$0.near
                    && ($0.action == .captured || $0.action == .entered
                        || (($0.action == .withdrew || $0.action == .lost) && $0.actor == c.actor))
            }
            if changes { out[k].phase = .before }
        }
        for c in claims where (c.action == .withdrew || c.action == .lost) && !c.near {
            if !out.contains(where: { $0.placeID == c.placeID && $0.actor == c.actor && $0.action == .holds }) {
                var h = c
                h.id = out.count + 1
                h.action = .holds
                h.phase = .before
                h.inferred = true
                h.confidence = max(0.5, c.confidence - 0.15)
                let force = c.action == .withdrew ? "a force that withdrew from a place" : "a force that lost a place"
                h.notes = "inferred: \(force) held it before"
                out.append(h)
            }
        }
        return out
    }
}
