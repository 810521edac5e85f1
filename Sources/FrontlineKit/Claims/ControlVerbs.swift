import Foundation

/// The words of control as data (`Shapes/words.json`): each verb of control with its five forms
/// ("captured: retake retakes retook retaken retaking"), each fixed phrase with its action ("captured: took
/// control of"; "passive captured: fell to" when the place comes before and the actor after), and how a verb
/// group around one of them reads: its voice, its negation, whether it is an adjective ("the besieged city").
struct ControlVerbs: Sendable {
    /// The five forms, in the order a verb's line gives them.
    enum Form: Int, CaseIterable, Sendable { case base, third, past, participle, gerund }

    /// What one word form can be: the action of its verb and which of the forms it is (a form may be two:
    /// "captured" is past and participle).
    struct Reading: Sendable {
        var action: ControlAction
        var forms: Set<Form>
        /// A verb whose subject is the place it happens to ("Selydove fell in October"): read as a passive.
        var undergoer = false
    }

    let byWord: [String: Reading]
    /// The fixed phrases by their first word, longest first.
    let phrasesByFirstWord: [String: [ClaimReader.Trigger]]
    let adverbs: Set<String>
    let negations: Set<String>
    let determiners: Set<String>
    /// Prepositions after which a verb's base form is a noun ("under Russian control", "in the hold of").
    let nounPrepositions: Set<String>
    /// Words a gerund's object or complement may start with ("capturing more villages", "retreating from").
    let gerundObjects: Set<String>
    /// Words before a gerund that make it an event ("after capturing", "by taking"); elsewhere ("about
    /// entering", "of taking") a gerund names an act, not one that happened.
    let gerundOpeners: Set<String>
    let compass: Set<String>
    /// "will take", "could fall": a modal just before a verb group makes it a possibility, not an event.
    let modals: Set<String>

    static let shared = ControlVerbs(lists: WordLists.shared)

    init(lists: WordLists) {
        var byWord: [String: Reading] = [:]
        for (head, words) in Self.entries(lists.list("control verbs")) {
            let undergoer = head.hasPrefix("undergoer ")
            guard let action = ControlAction(rawValue: undergoer ? String(head.dropFirst(10)) : head),
                words.count == Form.allCases.count
            else { continue }
            for (k, w) in words.enumerated() {
                let form = Form.allCases[k]
                if byWord[w]?.action == action {
                    byWord[w]?.forms.insert(form)
                } else if byWord[w] == nil {
                    byWord[w] = Reading(action: action, forms: [form], undergoer: undergoer)
                }
            }
        }
        var phrases: [ClaimReader.Trigger] = []
        for (head, words) in Self.entries(lists.list("control phrases")) {
            let passive = head.hasPrefix("passive ")
            guard let action = ControlAction(rawValue: passive ? String(head.dropFirst(8)) : head) else { continue }
            phrases.append(ClaimReader.Trigger(words: words, action: action, passive: passive))
        }
        phrases.sort { $0.words.count > $1.words.count }
        self.byWord = byWord
        phrasesByFirstWord = Dictionary(grouping: phrases, by: { $0.words.first ?? "" })
        adverbs = lists.set("verb adverbs")
        negations = lists.set("negations")
        determiners = lists.set("determiners")
        nounPrepositions = lists.set("noun prepositions")
        gerundObjects = lists.set("gerund objects")
        gerundOpeners = lists.set("gerund clause openers")
        compass = lists.set("compass points")
        modals = lists.set("modals")
    }

    /// "head: w1 w2 …" lines as (head, words); lines without a head are left out (the file's check
    /// refuses them on loading).
    static func entries(_ lines: [String]) -> [(String, [String])] {
        lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let words = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            return words.isEmpty ? nil : (String(line[..<colon]), words)
        }
    }

    /// The fixed phrase starting at token `i`, the longest that matches.
    func phrase(at i: Int, in lower: [String]) -> ClaimReader.Trigger? {
        phrasesByFirstWord[lower[i]]?.first { tr in
            i + tr.words.count <= lower.count && lower[i..<(i + tr.words.count)].elementsEqual(tr.words)
        }
    }

    /// A verb group: the verb of control at `verb` with the auxiliaries and adverbs before it.
    struct Group: Equatable {
        var verb: Int
        /// The first token of the group (its first auxiliary or adverb).
        var start: Int
        var action: ControlAction
        var passive: Bool
        var negated: Bool
        /// Past perfect ("had taken", "had been retaken").
        var pastPerfect: Bool
        /// A participle or gerund used as an adjective ("the besieged city", "the surrounding villages").
        var attributive: Bool
        var gerund: Bool
        /// A passive participle with no auxiliary ("a city still held by the army"): a reduced relative.
        var reduced = false
        /// The verb's subject is the place ("the town fell"): its roles are a passive's.
        var undergoer = false
    }

    static let beForms: Set<String> = ["am", "is", "are", "was", "were", "be", "been", "being", "got", "get", "gets"]
    static let haveForms: Set<String> = ["has", "have", "had", "having"]
    static let doForms: Set<String> = ["do", "does", "did"]

    /// The auxiliaries, adverbs and negations just before token `i` ("had not yet been", "hasn't"): where
    /// they start, whether they negate, and the auxiliaries (nearest first, "n't" taken off).
    func auxiliaries(before i: Int, in lower: [String]) -> (start: Int, negated: Bool, words: [String]) {
        var j = i - 1
        var negated = false
        var words: [String] = []
        while j >= 0 {
            let w = lower[j]
            if w.hasSuffix("n't") {
                negated = true
                words.append(String(w.dropLast(3)))
            } else if Self.beForms.contains(w) || Self.haveForms.contains(w) || Self.doForms.contains(w) {
                words.append(w)
            } else if negations.contains(w) {
                negated = true
            } else if !adverbs.contains(w) && !(w.hasSuffix("ly") && w.count > 4) {
                break
            }
            j -= 1
        }
        return (j + 1, negated, words)
    }

    /// The group of the verb of control at token `i`, or nil when the word is none.
    /// `capitalized` tells whether a token starts with a capital (a name, not a common noun).
    func group(at i: Int, in lower: [String], capitalized: (Int) -> Bool = { _ in false }) -> Group? {
        guard let reading = byWord[lower[i]] else { return nil }
        let chain = auxiliaries(before: i, in: lower)
        let auxiliaries = chain.words
        var g = Group(
            verb: i, start: chain.start, action: reading.action, passive: false, negated: chain.negated,
            pastPerfect: false, attributive: false, gerund: reading.forms == [.gerund])
        let participle = reading.forms.contains(.participle)
        // "was retaken", "had been liberated", "got cut off"; not "was taking" (a progressive is active).
        g.passive = participle && auxiliaries.contains { Self.beForms.contains($0) }
        g.undergoer = reading.undergoer
        if !g.passive, participle, i + 1 < lower.count, lower[i + 1] == "by", auxiliaries.isEmpty, !chain.negated {
            g.passive = true  // a reduced relative: "Tikrit, captured by the militants in 2014"
            g.reduced = true
        }
        g.pastPerfect = auxiliaries.last == "had"
        g.attributive =
            auxiliaries.isEmpty && g.start == i
            && isNounOrAdjective(at: i, reading, in: lower, capitalized: capitalized)
        return g
    }

    /// A form used as a noun or an adjective, not as a verb: after a determiner or a possessive ("the
    /// capture of", "the besieged city", "ISIS's captured territory"), a base form after a preposition
    /// ("in control", "under Ukrainian control"), or a gerund before a common noun ("surrounding villages",
    /// "retreating troops").
    func isNounOrAdjective(
        at i: Int, _ reading: Reading, in lower: [String], capitalized: (Int) -> Bool
    ) -> Bool {
        if i > 0 {
            let before = lower[i - 1]
            if determiners.contains(before) || before.hasSuffix("'s") || before.hasSuffix("’s") { return true }
            if reading.forms.contains(.base), nounPrepositions.contains(before) { return true }
            // "under Ukrainian control", "under rebel military control"; "the western approach".
            if reading.forms.contains(.base), lower[max(0, i - 3)..<i].contains("under") { return true }
            if reading.forms.contains(.base), before.hasSuffix("ern"), compass.contains(String(before.dropLast(3))) {
                return true
            }
        }
        if reading.forms == [.gerund], i + 1 < lower.count {
            let next = lower[i + 1]
            let common = !capitalized(i + 1) && next.allSatisfy { $0.isLetter } && next.count > 2
            return common && !determiners.contains(next) && !gerundObjects.contains(next)
        }
        return false
    }
}
