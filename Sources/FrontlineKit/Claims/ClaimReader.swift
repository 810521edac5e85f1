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

    /// Patterns, longest first. Passive: the place comes before and the actor after the last word.
    /// The triggers by their first word, each list in the order of `triggers` (longest first).
    static let triggersByFirstWord: [String: [Trigger]] = Dictionary(grouping: triggers, by: { $0.words.first ?? "" })

    static let triggers: [Trigger] = {
        func t(_ s: String, _ a: ControlAction, passive: Bool = false) -> Trigger {
            Trigger(words: s.split(separator: " ").map(String.init), action: a, passive: passive)
        }
        let list: [Trigger] = [
            t("on the verge of entering", .advancing), t("fought their way into", .entered),
            t("fought its way into", .entered),
            t("was retaken by", .captured, passive: true), t("was recaptured by", .captured, passive: true),
            t("was captured by", .captured, passive: true), t("was taken by", .captured, passive: true),
            t("was seized by", .captured, passive: true), t("were captured by", .captured, passive: true),
            t("was besieged by", .besieged, passive: true), t("was encircled by", .besieged, passive: true),
            t("is besieged by", .besieged, passive: true), t("were pushed back", .withdrew),
            t("was pushed back", .withdrew),
            t("taken full control of", .captured), t("took full control of", .captured),
            t("taken control of", .captured),
            t("seized control of", .captured), t("regained control of", .captured), t("gained control of", .captured),
            t("took control of", .captured), t("laid siege to", .besieged), t("broke the siege", .siegeBroken),
            t("lifted the siege", .siegeBroken), t("broken the siege", .siegeBroken),
            t("ended the siege", .siegeBroken),
            t("breaking the siege", .siegeBroken), t("broke the siege of", .siegeBroken), t("pulled out of", .withdrew),
            t("poised to enter", .advancing), t("reached the outskirts of", .advancing),
            t("reached the edge of", .advancing),
            t("lifting the siege", .siegeBroken), t("lifting the siege of", .siegeBroken),
            t("closing in on", .advancing), t("advanced to", .advancing),
            t("advanced on", .advancing), t("advanced towards", .advancing), t("advanced toward", .advancing),
            t("advancing on", .advancing), t("advancing towards", .advancing), t("pushed towards", .advancing),
            t("pushed into", .entered), t("broke into", .entered), t("withdrew from", .withdrew),
            t("retreated from", .withdrew),
            t("fell to", .captured, passive: true), t("held by", .holds, passive: true),
            t("controlled by", .holds, passive: true),
            t("captured by", .captured, passive: true), t("retaken by", .captured, passive: true),
            t("besieged by", .besieged, passive: true),
            t("encircled by", .besieged, passive: true), t("surrounded by", .besieged, passive: true),
            t("captured", .captured), t("recaptured", .captured), t("retook", .captured), t("seized", .captured),
            t("took", .captured),
            t("overran", .captured), t("liberated", .captured), t("besiege", .besieged), t("besieged", .besieged),
            t("encircled", .besieged), t("surrounded", .besieged), t("withdrew", .withdrew), t("fled", .withdrew),
            t("abandoned", .withdrew), t("entered", .entered), t("stormed", .entered), t("lost", .lost),
            t("approached", .advancing),
            t("hold", .holds), t("holds", .holds), t("held", .holds), t("control", .holds), t("controls", .holds),
        ]
        return list.sorted { $0.words.count > $1.words.count }
    }()

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

    public func claims(in article: Article, places: PlaceResolution) -> [ControlClaim] {
        var out: [ControlClaim] = []
        let articleDate = Self.yearMonth(article.date)
        let tokens = article.sentences.map(\.tokens)
        let points = places.places.filter { $0.kind.isPoint }
        var lastActor: String?
        var lastPlace: ResolvedPlace?
        var lastBesieged: ResolvedPlace?
        var roles: [String: String] = [:]  // person's surname → role ("a spokesman for …")
        var pendingRole: String?

        for (si, s) in article.sentences.enumerated() {
            let toks = tokens[si]
            let lower = toks.map { $0.text.lowercased() }
            let chars = Array(s.text)
            // Places named in this sentence, by token.
            var refs: [PlaceRef] = []
            for p in points {
                for m in p.mentions where !m.metonym && m.start >= s.start && m.end <= s.end {
                    if let f = toks.firstIndex(where: { s.start + $0.start == m.start }) {
                        let l = toks.lastIndex(where: { s.start + $0.end <= m.end }) ?? f
                        let near =
                            f >= 2 && lower[max(0, f - 6)..<f].contains("near")
                            && lower[max(0, f - 6)..<f].contains { $0 == "villages" || $0 == "areas" }
                        refs.append(PlaceRef(first: f, last: l, place: p, near: near))
                    }
                }
            }
            // "the city", "the town" refer to the last place named.
            for (i, w) in lower.enumerated()
            where i > 0 && (lower[i - 1] == "the" || (i > 1 && lower[i - 2] == "the" && lower[i - 1].contains("-")))
                && (w == "city" || w == "town")
                && (i + 1 >= lower.count || lower[i + 1] != "of")
                && !refs.contains(where: { $0.first <= i + 2 && $0.first >= i })
            {
                if let p = refs.last(where: { $0.last < i })?.place ?? lastPlace {
                    refs.append(PlaceRef(first: i, last: i, place: p, near: false, coreference: true))
                }
            }
            refs.sort { $0.first < $1.first }

            // Actors named in this sentence, and pronouns that stand for them.
            let namedCountry = places.places.first { p in
                p.kind == .country && p.mentions.contains { !$0.metonym && $0.start >= s.start && $0.end <= s.end }
            }?.entry.country
            var actorRefs = resolveActors(
                toks: toks, lower: lower, chars: chars, refs: refs, places: places, lastActor: lastActor,
                country: namedCountry)
            actorRefs.sort { $0.first < $1.first }

            let attribution = self.attribution(
                toks: toks, lower: lower, chars: chars, roles: &roles, pendingRole: &pendingRole)
            let evidence = Evidence(sentence: s.text, start: s.start, end: s.end)
            let reported = lower.contains { ["said", "says", "told", "according", "reported"].contains($0) }
            var taken = Set<Int>()

            func add(
                _ actor: String, _ action: ControlAction, _ ref: PlaceRef, at t: Int, time: String?, phase: Phase,
                note: String? = nil, confidence: Double = 0.8
            ) {
                guard
                    !out.contains(where: {
                        $0.actor == actor && $0.action == action && $0.placeID == ref.place.entry.id
                            && $0.evidence == evidence
                    })
                else { return }
                out.append(
                    ControlClaim(
                        id: out.count + 1, actor: actor, action: action, placeID: ref.place.entry.id,
                        location: ref.place.text,
                        phase: phase, time: time, attribution: attribution, evidence: evidence,
                        confidence: attribution == nil ? confidence : confidence - 0.05, near: ref.near, notes: note))
            }

            // Held-adjectives and fixed phrases of control.
            for (i, w) in lower.enumerated() {
                for suffix in ["-held", "-controlled"] where w.hasSuffix(suffix) {
                    let prefix = String(toks[i].text.dropLast(suffix.count))
                    guard let a = actors.actor(prefix: prefix) else { continue }
                    if let r = refs.first(where: { $0.first > i && $0.first <= i + 4 }) {
                        add(a.id, .holds, r, at: i, time: nil, phase: .current)
                    } else if i >= 2, ["been", "was", "is", "remained", "remains", "were"].contains(lower[i - 1]),
                        let r = refs.last(where: { $0.last < i && $0.last >= i - 8 })
                    {
                        // "eastern Aleppo, which had been rebel-held since mid-2012"
                        let time = timeExpression(lower, near: i, articleDate: articleDate)
                        add(
                            a.id, .holds, r, at: i, time: time?.text,
                            phase: lower[i - 2] == "had" || time?.before == true ? .before : .current)
                    }
                }
                // "under ISIS control", "in ISIS hands"
                if w == "control" || w == "hands", i >= 2,
                    ["under", "in"].contains(lower[i - 2]) || (i >= 3 && ["under", "in"].contains(lower[i - 3])),
                    let a = actorRefs.last(where: { $0.last == i - 1 }),
                    let r =
                        (lower[max(0, i - 5)..<i].contains {
                            ["been", "is", "was", "remains", "remained"].contains($0)
                        }
                            ? refs.first(where: { $0.last < i && $0.place.kind.isPoint })  // "Falluja … has been in ISIS hands": the clause's subject
                            : refs.last(where: { $0.last < i && $0.last >= i - 9 && $0.place.kind.isPoint }))
                {
                    let time = timeExpression(lower, near: i, articleDate: articleDate)
                    let phase: Phase =
                        lower[max(0, i - 5)..<i].contains("had") || time?.before == true ? .before : .current
                    add(a.actor, .holds, r, at: i, time: time?.text, phase: phase)
                    for other in refs
                    where (other.last == r.first - 2 && lower[r.first - 1] == "and")
                        || (other.first == r.last + 2 && lower[r.last + 1] == "and")
                    {
                        add(a.actor, .holds, other, at: i, time: time?.text, phase: phase)
                    }
                }
                // "ISIS's de facto capital", "the militants' closest bastion"
                if ["capital", "stronghold", "bastion", "heartland"].contains(w),
                    let a = actorRefs.last(where: {
                        $0.last < i && $0.last >= i - 5
                            && (chars.indices.contains(toks[$0.last].end) && "’'".contains(chars[toks[$0.last].end]))
                    }),
                    let r = refs.last(where: { $0.last < a.first })
                        ?? refs.first(where: { $0.first > i && $0.first <= i + 3 })
                {
                    add(a.actor, .holds, r, at: i, time: nil, phase: .current)
                }
            }

            // Event and state verbs.
            var i = 0
            while i < toks.count {
                guard
                    let trig = Self.triggersByFirstWord[lower[i]]?.first(where: { tr in
                        i + tr.words.count <= lower.count && lower[i..<(i + tr.words.count)].elementsEqual(tr.words)
                    })
                else {
                    i += 1
                    continue
                }
                let end = i + trig.words.count - 1
                defer { i = end + 1 }
                if taken.contains(i) { continue }
                // "to capture", "aim of cutting off", "before the area falls to": intentions are not events.
                if i > 0, lower[i - 1] == "to", trig.action != .advancing,
                    i < 2
                        || !["managed", "able", "succeeded", "began", "started", "continued", "moved"].contains(
                            lower[i - 2])
                {
                    continue
                }
                if lower[max(0, i - 4)..<i].contains(where: { Self.irrealis.contains($0) }) { continue }
                let time = timeExpression(lower, near: i, articleDate: articleDate)
                var actor: String?
                var coActors: [String] = []
                var place: PlaceRef?
                if trig.passive {
                    place = refs.last { $0.last < i }
                    actor = actorRefs.first { $0.first > end && $0.first <= end + 3 }?.actor
                    if trig.words.first == "were" || trig.words.first == "was", trig.action == .withdrew {
                        // "ISIS fighters were pushed back (from P)": the subject withdrew.
                        actor = actorRefs.last { $0.last < i }?.actor
                        place =
                            refs.first { $0.first > end && $0.first <= end + 3 && lower[$0.first - 1] == "from" }
                            ?? refs.last { $0.last < i }
                            ?? lastPlace.map { PlaceRef(first: i, last: i, place: $0, near: false) }
                    }
                } else {
                    // The subject: the last actor before the verb that is not inside "backed by …", "with …".
                    let subjects = actorRefs.filter { a in
                        a.last < i
                            && !lower[a.last + 1..<i].contains(where: { ["said", "told", "according"].contains($0) })
                            && (a.first == 0 || !["by", "with", "from", "against", "of"].contains(lower[a.first - 1]))
                    }
                    actor = subjects.last?.actor
                    if actor == nil, trig.action != .holds { actor = actorRefs.last { $0.last < i }?.actor }
                    // "Turkish troops and (allied) rebels took …": both did.
                    coActors =
                        subjects.last.map { s in
                            guard let and = (max(0, s.first - 2)..<s.first).last(where: { lower[$0] == "and" }) else {
                                return []
                            }
                            return actorRefs.filter { $0.last == and - 1 }.map(\.actor)
                        } ?? []
                    place = refs.first { $0.first > end && $0.first <= end + 8 }
                    if trig.action == .holds {
                        // "Rebels also still hold Hraytan"; "Azaz, a town that rebels have held for years".
                        place =
                            refs.first { $0.first > end && $0.first <= end + 3 }
                            ?? refs.last {
                                $0.last < i && $0.last >= i - 8
                                    && lower[$0.last..<i].contains { $0 == "that" || $0 == "which" }
                            }
                    }
                    if trig.action == .siegeBroken {
                        // "the siege of Aleppo"; "the siege (of the town)": the siege the text told of.
                        place =
                            refs.first { $0.first > end && $0.first <= end + 2 && !$0.coreference }
                            ?? lastBesieged.map { PlaceRef(first: i, last: i, place: $0, near: false) }
                            ?? refs.first { $0.first > end && $0.first <= end + 2 }
                            ?? refs.last { $0.last < i }
                    }
                }
                guard let a = actor, let p = place else { continue }
                taken.insert(i)
                // "Akhtarin and Sawran": coordinated places share the claim.
                let partners = refs.filter { r in
                    r.place.entry.id != p.place.entry.id
                        && ((r.last == p.first - 2 && lower[p.first - 1] == "and")
                            || (r.first == p.last + 2 && r.first - 1 < lower.count && lower[p.last + 1] == "and"))
                }
                // Inside a direct quotation: an open quote before it, or an unmatched closing quote after it.
                let head = chars[..<toks[i].start], tail = chars[toks[i].start...]
                let quoted =
                    head.filter { $0 == "“" }.count > head.filter { $0 == "”" }.count
                    || tail.filter { $0 == "”" }.count > tail.filter { $0 == "“" }.count
                let phase = self.phase(for: trig.action, lower: lower, at: i, time: time, reported: reported && !quoted)
                for who in [a] + coActors {
                    for place in [p] + partners { add(who, trig.action, place, at: i, time: time?.text, phase: phase) }
                }
                if trig.action == .besieged { lastBesieged = p.place }
                // "captured Palmyra from ISIS": the other side held it before.
                if trig.action == .captured,
                    let from = actorRefs.first(where: {
                        $0.first > p.last && $0.first <= p.last + 3 && lower[$0.first - 1] == "from"
                    })
                {
                    add(
                        from.actor, .holds, p, at: i, time: nil, phase: .before, note: "held it until it was captured",
                        confidence: 0.7)
                }
            }
            if let a = actorRefs.last?.actor { lastActor = a }
            if let p = refs.last?.place { lastPlace = p }
        }
        return infer(out)
    }

    /// Who acts in a sentence: named actors, "they (ISIS)", and pronouns for the last actor named.
    func resolveActors(
        toks: [Token], lower: [String], chars: [Character], refs: [PlaceRef], places: PlaceResolution,
        lastActor: String?, country: String? = nil
    ) -> [(first: Int, last: Int, actor: String)] {
        var out: [(Int, Int, String)] = []
        for m in actors.mentions(in: toks) {
            // A name several actors share ("government forces"): the country the sentence names, else
            // that of the place it acts on (the next one named), else the first.
            let sentenceCountry =
                country ?? refs.first(where: { $0.first > m.last })?.place.entry.country
                ?? refs.first.map(\.place.entry.country) ?? places.focusCountries.first
            let choice =
                m.actors.count > 1
                ? (m.actors.first { actors.actor(id: $0)?.country == sentenceCountry } ?? m.actors[0])
                : m.actors[0]
            out.append((m.first, m.last, choice))
        }
        // "rebel-held" is an adjective, handled apart; "anti-Assad rebels" names rebels.
        // Pronouns and bare nouns ("troops", "fighters") stand for the last actor named.
        for (i, w) in lower.enumerated()
        where ["they", "it", "we", "troops", "soldiers", "forces", "fighters", "units", "columns"].contains(w) {
            // "they (ISIS)"
            if i + 1 < toks.count, String(chars[toks[i].end..<toks[i + 1].start]).contains("("),
                let m = actors.mentions(in: [toks[i + 1]]).first
            {
                out.append((i, i + 1, m.actors[0]))
                continue
            }
            if out.contains(where: { $0.0 <= i && i <= $0.1 }) { continue }
            if let prev = out.last(where: { $0.1 < i })?.2 ?? lastActor { out.append((i, i, prev)) }
        }
        return out.map { (first: $0.0, last: $0.1, actor: $0.2) }
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
    nonisolated(unsafe) static let datePhrase = try? NSRegularExpression(
        pattern:
            #"\b((?:at )?the (?:end|start|beginning|middle) of|in|since|by|until|from) (early |mid |mid-|late )?(january|february|march|april|may|june|july|august|september|october|november|december)( \d{4})?\b|\b(in|since) (early |mid-|mid |late )?(\d{4})\b"#
    )

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
        _ lower: [String], near i: Int, articleDate: (year: Int, month: Int)?
    ) -> (text: String, before: Bool)? {
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
        guard
            let best = found.min(by: {
                abs($0.2 - i) != abs($1.2 - i) ? abs($0.2 - i) < abs($1.2 - i) : $0.0.count > $1.0.count
            })
        else { return nil }
        return (best.0, best.1)
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
                h.notes =
                    "inferred: \(c.action == .withdrew ? "a force that withdrew from a place" : "a force that lost a place") held it before"
                out.append(h)
            }
        }
        return out
    }
}
