import Foundation

/// Events and states from verbs, read by clause: a fixed phrase ("took control of", "fell to") or a verb of
/// control in any of its forms with the auxiliaries before it ("had been retaken", "did not fall",
/// "captured by"). Its voice decides the roles: an active verb's subject acts on its object (or on the
/// place a relative clause hangs on: "the airfield, which the paratroopers seized"); a passive verb's
/// subject is the place, its agent after "by", or, when the text does not say, the side the context names.
extension ClaimReader {
    /// Each phrase or verb group that is an event (not negated, not an intention, not an adjective) gives
    /// claims for its actor (and co-actors) on its place (and the places listed with it).
    func eventClaims(in r: SentenceReading, memory: inout Memory, into found: inout ClaimList) {
        let lower = r.lower
        var i = 0
        while i < r.toks.count {
            if let trig = Self.verbs.phrase(at: i, in: lower) {
                let end = i + trig.words.count - 1
                defer { i = end + 1 }
                let chain = Self.verbs.auxiliaries(before: i, in: lower)
                if chain.negated || Self.isIntention(trig, at: chain.start, lower: lower) { continue }
                if chain.start > 0, Self.verbs.modals.contains(lower[chain.start - 1]) { continue }
                let roles =
                    trig.passive
                    ? passiveRoles(trig, at: i, end: end, in: r, lastPlace: memory.lastPlace)
                    : activeRoles(trig, at: i, end: end, in: r, lastBesieged: memory.lastBesieged)
                record(trig.action, at: i, roles, in: r, memory: &memory, into: &found)
                continue
            }
            defer { i += 1 }
            guard let g = Self.verbs.group(at: i, in: lower, capitalized: { r.toks[$0].isCapitalized }),
                !g.negated, !g.attributive,
                !g.gerund || Self.gerundIsEvent(g, in: r)
            else { continue }
            let passive = g.passive || g.undergoer
            let trig = Trigger(words: [lower[i]], action: g.action, passive: passive)
            // "claimed to have captured" is a perfect infinitive: the event is reported, not intended.
            if Self.isIntention(trig, at: g.start, lower: lower), lower[g.start] != "have" { continue }
            if g.start > 0, Self.verbs.modals.contains(lower[g.start - 1]) { continue }
            var roles =
                passive
                ? (g.undergoer ? undergoerRoles(g, in: r) : verbPassiveRoles(g, in: r))
                : verbActiveRoles(g, trig, in: r, lastBesieged: memory.lastBesieged)
            let unstated = passive && roles.actor == nil && roles.place != nil
            if unstated { roles.actor = Self.notStated }
            let before = found.claims.count
            record(g.action, at: i, roles, in: r, memory: &memory, into: &found)
            if unstated, let p = roles.place {
                let context = contextCandidates(for: p, after: g.verb, in: r, lastActor: memory.lastActor)
                for k in before..<found.claims.count where found.claims[k].actor == Self.notStated {
                    found.context[k] = context
                }
            }
        }
    }

    /// The actor of a claim whose text does not name it, until the article's context is read.
    static let notStated = ActorCatalog.unlisted("not stated")

    /// A gerund is an event in a progressive ("were taking"), after a clause opener ("after capturing",
    /// "by taking"), at the start of a sentence or after a comma ("…, taking the capital"); not as a
    /// noun's complement ("cautious about entering the city", "the aim of taking").
    static func gerundIsEvent(_ g: ControlVerbs.Group, in r: SentenceReading) -> Bool {
        if g.start < g.verb { return true }
        guard g.verb > 0 else { return true }
        if verbs.gerundOpeners.contains(r.lower[g.verb - 1]) { return true }
        let gap = r.chars[r.toks[g.verb - 1].end..<r.toks[g.verb].start]
        return gap.contains(",")
    }

    /// "drove ISIS out of Manbij", "expelled the rebels from Azaz", "pushed Russian forces back from Kupiansk":
    /// the subject took the place and the side it drove out left it.
    func expulsionClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        let lower = r.lower
        guard Self.expulsionVerbs.contains(lower[i]),
            let loser = r.actorRefs.first(where: { $0.first == i + 1 || ($0.first == i + 2 && lower[i + 1] == "the") }),
            let from = (loser.last + 1..<min(lower.count, loser.last + 4)).first(where: {
                lower[$0] == "from" || (lower[$0] == "of" && lower[$0 - 1] == "out")
            }),
            let p = r.refs.first(where: { $0.first == from + 1 || ($0.first == from + 2 && lower[from + 1] == "the") })
        else { return }
        let chain = Self.verbs.auxiliaries(before: i, in: lower)
        if chain.negated || chain.start > 0 && Self.verbs.modals.contains(lower[chain.start - 1]) { return }
        let trig = Trigger(words: [lower[i]], action: .captured, passive: false)
        if Self.isIntention(trig, at: chain.start, lower: lower) { return }
        let time = timeExpression(r.times, near: i)
        let phase = self.phase(for: .captured, lower: lower, at: i, time: time, reported: r.reported)
        let taker = activeRoles(trig, at: i, end: i, in: r, lastBesieged: nil).actor
        for place in [p] + Self.partners(of: p, in: r) {
            found.add(loser.actor, .withdrew, place, in: r, time: time?.text, phase: phase)
            if let taker, taker != loser.actor {
                found.add(taker, .captured, place, in: r, time: time?.text, phase: phase)
            }
        }
    }
    static let expulsionVerbs: Set<String> = WordLists.shared.set("expulsion verbs")

    /// The claims of one event: its actor and co-actors on its place and the places listed with it, and
    /// for a capture "from" a side, that side's holding before.
    func record(
        _ action: ControlAction, at i: Int, _ roles: Roles, in r: SentenceReading, memory: inout Memory,
        into found: inout ClaimList
    ) {
        guard let a = roles.actor, let p = roles.place else { return }
        let lower = r.lower
        let time = timeExpression(r.times, near: i)
        var phase = self.phase(
            for: action, lower: lower, at: i, time: time,
            reported: r.reported && !Self.isQuoted(at: r.toks[i].start, in: r.chars))
        // "since Bakhmut fell": what has held since is background to the article's events.
        let start = Self.verbs.auxiliaries(before: i, in: lower).start
        if start > 0, lower[start - 1] == "since" || (start > 1 && lower[start - 2] == "since") { phase = .before }
        for who in [a] + roles.coActors {
            for place in [p] + Self.partners(of: p, in: r) {
                found.add(who, action, place, in: r, time: time?.text, phase: phase)
            }
        }
        if action == .besieged { memory.lastBesieged = p.place }
        // "captured Palmyra from ISIS": the other side held it before.
        if action == .captured,
            let from = r.actorRefs.first(where: {
                $0.first > p.last && $0.first <= p.last + 3 && lower[$0.first - 1] == "from"
            })
        {
            found.add(
                from.actor, .holds, p, in: r, time: nil, phase: .before, note: "held it until it was captured",
                confidence: 0.7)
        }
    }

    /// A passive verb of control: the place is its subject (the last named before the group, not as the
    /// object of a preposition), the actor its agent ("by …" within five words); nil when the text does not
    /// name one (the context may: `contextCandidates`).
    func verbPassiveRoles(_ g: ControlVerbs.Group, in r: SentenceReading) -> Roles {
        let lower = r.lower
        let by = (g.verb + 1..<min(lower.count, g.verb + 6)).first { lower[$0] == "by" }
        let before = r.refs.filter { $0.last < g.start }
        // A reduced relative hangs on the nearest place ("the road to Butembo, a city held by …"); a clause's
        // subject is no preposition's object, nor a place a part is named of ("the capital of Anbar, which
        // was …" is the capital).
        let whole = before.last { !Self.isPrepositionObject($0, in: lower) && !Self.isPartOf($0, in: r) }
        let subject = g.reduced ? before.last { $0.last >= g.start - 10 } : whole
        let agent = by.flatMap { b in r.actorRefs.first { $0.first > b && $0.first <= b + 4 } }
        var roles = Roles(actor: agent?.actor, place: subject)
        // "held by Syrian government troops and Iranian-backed militias": both.
        if let agent {
            roles.coActors = r.actorRefs.filter {
                $0.first > agent.last && $0.first <= agent.last + 3
                    && lower[(agent.last + 1)..<$0.first].contains("and")
            }.map(\.actor).filter { $0 != agent.actor }
        }
        // "was abandoned", "is held", "was lost": who left, holds or lost it is not for the context to say.
        if roles.actor == nil, by != nil || [.withdrew, .lost, .holds].contains(g.action) { return Roles() }
        return roles
    }

    /// "Selydove fell in October", "the town fell to the rebels": the place just before the verb (its
    /// subject, no preposition's object) and the side after "to"; none when no place is the subject
    /// ("shells fell on the town").
    func undergoerRoles(_ g: ControlVerbs.Group, in r: SentenceReading) -> Roles {
        let lower = r.lower
        guard
            let p = r.refs.last(where: {
                $0.last < g.start && $0.last >= g.start - 12 && !Self.isPrepositionObject($0, in: lower)
                    && !Self.isPartOf($0, in: r)
            }),
            !(p.last + 1..<g.start).contains(where: { Self.clauseOpeners.contains(lower[$0]) })
        else { return Roles() }
        let to = g.verb + 1 < lower.count && lower[g.verb + 1] == "to" ? g.verb + 1 : nil
        let actor = to.flatMap { t in r.actorRefs.first { $0.first > t && $0.first <= t + 4 }?.actor }
        return Roles(actor: actor, place: p)
    }

    /// What the context offers for the side that took or besieged a place when the sentence does not say
    /// ("the town was retaken on Friday"): the sides the sentence names as subjects, the last side named
    /// before it, and the sides it names as losers ("liberated from ISIS"), which are never the taker.
    func contextCandidates(
        for p: PlaceRef, after verb: Int, in r: SentenceReading, lastActor: String?
    ) -> ClaimList.Context {
        let lower = r.lower
        let losers = r.actorRefs.filter { $0.first > verb && lower[$0.first - 1] == "from" }.map(\.actor)
        let subjects = r.actorRefs.filter { a in
            (a.first == 0 || !Self.objectPrepositions.contains(lower[a.first - 1])) && !isSupporter(a.actor)
                && !losers.contains(a.actor)
        }.map(\.actor)
        let speaker = r.attribution.flatMap { speakerSide($0, context: r.focusCountries) }
        return ClaimList.Context(
            subjects: subjects + [speaker].compactMap { $0 }, last: lastActor, losers: Set(losers))
    }

    /// The side a speaker speaks for: an actor the attribution names ("a spokesman for the SDF"), or the
    /// forces of the country its demonym names ("Ukrainian officials", "the Turkish General Staff").
    func speakerSide(_ attribution: String, context: [String]) -> String? {
        let toks = Tokenizer.tokens(attribution)
        if let m = actors.mentions(in: toks).first, let id = actors.resolve(m.actors, context: context) {
            return id
        }
        for t in toks where t.isCapitalized {
            if let id = actors.resolve(name: t.text + " forces", context: context), !ActorCatalog.isUnlisted(id) {
                return id
            }
        }
        return nil
    }

    /// The sides left unstated, chosen once the whole article is read: a subject of the sentence, else
    /// the side the article has taking most places in its events (captures, entries, sieges and advances)
    /// and none retreating, else the
    /// last side named, else the one side of the article (`sides`, in the order named) that is neither
    /// losing this place nor retreating; never one the article has holding, leaving or losing that place. A claim no
    /// side fits keeps "not stated".
    static func resolveContext(
        _ claims: inout [ControlClaim], _ context: [Int: ClaimList.Context], sides: [String]
    ) {
        var takes: [String: Int] = [:]
        var order: [String] = []
        var retreating = Set<String>()
        for (k, c) in claims.enumerated() where context[k] == nil && !ActorCatalog.isUnlisted(c.actor) {
            guard c.phase == .after else { continue }
            if c.action == .withdrew || c.action == .lost { retreating.insert(c.actor) }
            guard [.captured, .entered, .besieged, .advancing].contains(c.action) else { continue }
            if takes[c.actor] == nil { order.append(c.actor) }
            takes[c.actor, default: 0] += 1
        }
        // The side taking most places in the article's events; a side the article has retreating is not it.
        let takers = order.enumerated().sorted { (takes[$0.1]!, -$0.0) > (takes[$1.1]!, -$1.0) }.map(\.1)
            .filter { !retreating.contains($0) }
        for (k, ctx) in context.sorted(by: { $0.key < $1.key }) {
            let place = claims[k].placeID
            var losers = ctx.losers
            for (j, c) in claims.enumerated() where context[j] == nil && c.placeID == place {
                if c.action == .withdrew || c.action == .lost || (c.action == .holds && c.phase != .after) {
                    losers.insert(c.actor)
                }
            }
            // Last, of the article's sides, the only one neither losing this place nor retreating.
            let others = sides.filter { !losers.contains($0) && !retreating.contains($0) }
            let last = [ctx.last].compactMap { $0 }.filter { !retreating.contains($0) }
            let choice =
                (ctx.subjects + takers + last).first { !losers.contains($0) } ?? (others.count == 1 ? others[0] : nil)
            if let choice {
                claims[k].actor = choice
                claims[k].notes = "actor not stated in the sentence: from the article's context"
            }
        }
    }

    /// A place named as the object of a preposition ("near Aleppo", "west of Raqqa"), so not a clause's
    /// subject; "the city of Kherson" is the city itself.
    static func isPrepositionObject(_ ref: PlaceRef, in lower: [String]) -> Bool {
        guard ref.first > 0 else { return false }
        let before = lower[ref.first - 1]
        // "west of Raqqa", "30 km of the front": a direction or a distance; "the edge of Manbij" is the place.
        if before == "of" {
            guard ref.first >= 2 else { return false }
            let w = lower[ref.first - 2]
            return verbs.compass.contains(w) || kilometreWords.contains(w) || w.hasSuffix("east") || w.hasSuffix("west")
        }
        return locationPrepositions.contains(before)
    }
    /// The place a relative pronoun at `w` hangs on: the one just before it ("Manbij, which …"), unless that
    /// one only gives a direction or is a part's ("a town 120 km southeast of Kharkiv which …"): then the
    /// noun phrase set in apposition before it ("Izium, a town …").
    static func antecedent(of w: Int, in r: SentenceReading) -> PlaceRef? {
        let lower = r.lower
        if let direct = r.refs.last(where: { $0.last == w - 1 }), !isPartOf(direct, in: r),
            lower[direct.first - 1] != "of" || !isPrepositionObject(direct, in: lower)
        {
            return direct
        }
        return r.refs.last { $0.coreference && $0.last < w && $0.last >= w - 12 }
    }

    /// A place named after a part of it ("the capital of Anbar province", "the edge of Manbij"): the
    /// noun phrase is the part, not this place.
    static func isPartOf(_ ref: PlaceRef, in r: SentenceReading) -> Bool {
        // "of X", "of the X", "of the neighbouring X" after a part noun, with only lowercase words between.
        let lower = r.lower
        guard ref.first >= 2, let of = (max(1, ref.first - 3)..<ref.first).last(where: { lower[$0] == "of" }) else {
            return false
        }
        return partNouns.contains(lower[of - 1]) && !((of + 1)..<ref.first).contains { r.toks[$0].isCapitalized }
    }
    static let locationPrepositions = PlaceFinder.locationPrepositions
    /// Prepositions that make an actor after them no clause's subject ("victory over ISIS", "backed by").
    static let clausePrepositions = objectPrepositions.union(locationPrepositions).union(["over", "against", "on"])
    static let kilometreWords: Set<String> = WordLists.shared.set("kilometre words").union(
        WordLists.shared.set("mile words"))
    static let partNouns: Set<String> = WordLists.shared.set("part nouns")
    static let holdComplements: Set<String> = WordLists.shared.set("hold complements")
    static let declareVerbs: Set<String> = WordLists.shared.set("declaring verbs")

    /// An active verb of control: subject and object as for a phrase (`activeRoles`); "…, which the army
    /// retook in March": the place the relative clause hangs on; "after capturing A, the rebels …": the
    /// subject of the main clause.
    func verbActiveRoles(
        _ g: ControlVerbs.Group, _ trig: Trigger, in r: SentenceReading, lastBesieged: ResolvedPlace?
    ) -> Roles {
        var roles = activeRoles(trig, at: g.verb, end: g.verb, in: r, lastBesieged: lastBesieged)
        let lower = r.lower
        let objectNear = r.refs.contains { $0.first > g.verb && $0.first <= g.verb + 3 }
        if !objectNear,
            let w = (max(0, g.start - 8)..<g.start).last(where: { ["which", "that", "whom"].contains(lower[$0]) }),
            !r.refs.contains(where: { $0.first > w && $0.first < g.start }),
            let subject = r.actorRefs.last(where: { $0.first > w && $0.last < g.start }),
            let antecedent = Self.antecedent(of: w, in: r)
        {
            roles.actor = subject.actor
            roles.place = antecedent
        }
        // "Sirte, the coastal city Haftar's forces took in January": a relative clause without "which", its
        // subject right after the place it hangs on.
        if !objectNear, roles.place == nil || roles.place!.first > g.verb + 3,
            let subject = r.actorRefs.last(where: { $0.last < g.start && $0.last >= g.start - 2 }),
            !Self.pronouns.contains(lower[subject.first]),  // a pronoun's side is too uncertain here
            let antecedent = r.refs.last(where: { $0.last == subject.first - 1 && !Self.isPartOf($0, in: r) })
        {
            roles.actor = subject.actor
            roles.place = antecedent
        }
        // "declared the city of Ramadi liberated": the object of "declared", its state the participle.
        if roles.place == nil || roles.place!.first > g.verb, g.start == g.verb,
            let ref = r.refs.last(where: { $0.last == g.verb - 1 }),
            (max(0, ref.first - 4)..<ref.first).contains(where: { Self.declareVerbs.contains(lower[$0]) })
        {
            roles.place = ref
        }
        // "controls most of the province, including the towns of Mayadin and Albu Kamal".
        if roles.place == nil,
            let inc = (g.verb + 1..<min(lower.count, g.verb + 9)).first(where: { lower[$0] == "including" })
        {
            roles.place = r.refs.first { $0.first > inc && $0.first <= inc + 4 && !$0.coreference }
        }
        // "taking the capital of South Kivu", "took positions on the edge of the city", "seized villages near
        // Raqqa": the object is a part of the place ("part nouns" before "of"), or lies by it; not the place
        // (entering or holding a part of a town is entering or holding it).
        if let p = roles.place, g.action == .captured, p.first > g.verb,
            ((g.verb + 1)..<p.first).contains(where: { k in
                lower[k] == "near" || Self.partNouns.contains(lower[k]) && k + 1 < p.first && lower[k + 1] == "of"
            })
        {
            roles.place = nil
        }
        // "held Moscow responsible", "held Aleppo's people hostage": not a holding of the place.
        if g.action == .holds, let p = roles.place, p.last + 1 < lower.count, p.first > g.verb,
            Self.holdComplements.contains(lower[p.last + 1])
        {
            roles.place = nil
        }
        // "withdrew towards Kherson": the place it went to is not the place it left.
        if g.action == .withdrew, let p = roles.place, p.first > 0,
            ["to", "towards", "toward", "into", "across", "behind", "onto"].contains(lower[p.first - 1])
        {
            roles.place = nil
        }
        // "After capturing A, the rebels …", "The SDF declared victory over ISIS after capturing A": the
        // gerund's subject is the main clause's (its first actor that no preposition governs).
        if g.gerund, let p = roles.place, g.start == g.verb,
            g.start == 0 || Self.verbs.gerundOpeners.contains(lower[g.start - 1])
        {
            let free = r.actorRefs.filter { a in
                !isSupporter(a.actor) && (a.first == 0 || !Self.clausePrepositions.contains(lower[a.first - 1]))
            }
            let main = free.first { $0.last < g.start } ?? free.first { $0.first > p.last }
            roles.actor = main?.actor ?? roles.actor
        }
        return roles
    }
}
