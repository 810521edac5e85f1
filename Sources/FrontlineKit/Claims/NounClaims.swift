import Foundation

/// Events named by nouns: "the fall of Bakhmut to Russian forces", "the recapture of Palmyra by the army",
/// "ISIS's loss of Manbij", "the siege of Deir Ezzor", "their withdrawal from Kherson". The nouns and
/// their actions are data (`Shapes/words.json`, "control nouns").
extension ClaimReader {
    /// Each noun of control ("fall", "loss", "siege" …) by its word.
    static let controlNouns: [String: ControlAction] = {
        var out: [String: ControlAction] = [:]
        for (head, words) in ControlVerbs.entries(WordLists.shared.list("control nouns")) {
            guard let action = ControlAction(rawValue: head) else { continue }
            for w in words { out[w] = action }
        }
        return out
    }()

    /// The claims of a noun of control at token `i`: its place after "of" (or "from" for a withdrawal),
    /// its actor after "to"/"by", or the possessive before it ("ISIS's loss of"); none when the phrase names
    /// no side.
    func nounClaims(at i: Int, in r: SentenceReading, into found: inout ClaimList) {
        let lower = r.lower
        guard let action = Self.controlNouns[lower[i]], i + 2 < lower.count else { return }
        let link = action == .withdrew ? "from" : "of"
        guard lower[i + 1] == link, let p = r.refs.first(where: { $0.first == i + 2 || $0.first == i + 3 }),
            !Self.isPartOf(p, in: r)
        else { return }
        // "before the fall of", "would mean the loss of", "fears of a siege": not an event.
        let window = lower[max(0, i - 4)..<i]
        if window.contains(where: { Self.irrealis.contains($0) || Self.verbs.modals.contains($0) }) { return }
        if window.contains(where: { Self.verbs.negations.contains($0) || $0.hasSuffix("n't") }) { return }
        let agent = r.actorRefs.first { a in
            guard a.first > p.last + 1, a.first <= p.last + 3 else { return false }
            let k = lower[a.first - 1] == "the" ? a.first - 2 : a.first - 1
            return lower[k] == "to" || lower[k] == "by"
        }
        let owner = r.actorRefs.last { $0.last == i - 1 }  // "ISIS's loss of", "the Russian capture of"
        // "the fall of X to Y" and "the capture of X by Y" name the taker; "ISIS's loss of X" the loser.
        // A phrase that names no side is left to the verbs around it (the context guesses too often here).
        guard let actor = agent?.actor ?? owner?.actor else { return }
        // "the fall of Lyman would be a setback": a possibility; "the capture of X by Y was not confirmed",
        // "… was denied": not an event either.
        let end = max(p.last, agent?.last ?? p.last)
        let next = lower[(end + 1)..<min(lower.count, end + 5)]
        if next.contains(where: {
            Self.verbs.modals.contains($0) || Self.verbs.negations.contains($0) || $0.hasSuffix("n't")
                || $0 == "denied" || $0 == "unconfirmed"
        }) {
            return
        }
        let time = timeExpression(r.times, near: i)
        let phase: Phase = time?.before == true ? .before : action == .besieged ? .current : .after
        for place in [p] + Self.partners(of: p, in: r) {
            found.add(actor, action, place, in: r, time: time?.text, phase: phase, confidence: 0.7)
        }
    }
}
