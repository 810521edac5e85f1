import Foundation

/// Places fought over: "fighting continues in Soledar", "clashes were still raging on the outskirts of
/// Saraqeb", "the provincial capital remains divided". The words are data (`Shapes/words.json`: "fighting
/// words", "continuation words", "division states"). The side named is the sentence's, else the side the
/// article has holding or taking the place, else the last side named: contested, with the other side (when
/// known) as its opponent.
extension ClaimReader {
    static let fightingWords: Set<String> = WordLists.shared.set("fighting words")
    static let continuationWords: Set<String> = WordLists.shared.set("continuation words")
    static let divisionStates: Set<String> = WordLists.shared.set("division states")

    func contestClaims(at i: Int, in r: SentenceReading, memory: Memory, into found: inout ClaimList) {
        let lower = r.lower
        var place: PlaceRef?
        if Self.fightingWords.contains(lower[i]) {
            // A continuation and then "in"/"on"/"around"/"for" a place, within a few words.
            let window = (i + 1)..<min(lower.count, i + 8)
            guard
                let k = window.first(where: { Self.continuationWords.contains(lower[$0]) })
                    ?? (i > 0 && Self.continuationWords.contains(lower[i - 1]) ? i : nil)
            else { return }
            place = r.refs.first { ref in
                ref.first > i && ref.first <= max(k, i) + 6 && !ref.coreference
                    && (max(i, ref.first - 4)..<ref.first).contains {
                        ["in", "on", "around", "for", "inside"].contains(lower[$0])
                    }
            }
        } else if Self.divisionStates.contains(lower[i]), i >= 2,
            ["remains", "remained", "is", "was", "still"].contains(lower[i - 1])
        {
            place = r.refs.last { $0.last < i - 1 && $0.last >= i - 4 }
        }
        guard let p = place else { return }
        if lower[max(0, i - 4)..<i].contains(where: { Self.verbs.negations.contains($0) }) { return }
        let holder = found.claims.last {
            $0.placeID == p.place.entry.id && [.holds, .captured, .entered].contains($0.action)
        }?.actor
        let side =
            r.actorRefs.first { !isSupporter($0.actor) && !ActorCatalog.isUnlisted($0.actor) }?.actor ?? holder
            ?? memory.lastActor
        guard let side else { return }
        for place in [p] + Self.partners(of: p, in: r) {
            found.add(side, .contested, place, in: r, time: nil, phase: .current, confidence: 0.6)
        }
    }
}
