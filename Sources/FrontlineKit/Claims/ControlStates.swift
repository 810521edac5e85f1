import Foundation

/// Each place's state before and after the article's events, from its claims.
public enum ControlStates {
    /// `actors`, when given, lets a combatant's claim stand over a supporter's in the same sentence
    /// ("Turkish troops and allied rebels took Jarabulus": the rebels hold it).
    public static func compute(_ all: [ControlClaim], actors: ActorCatalog? = nil) -> [PlaceState] {
        let claims = all.filter { c in
            guard let actors, actors.actor(id: c.actor)?.role == .supporter else { return true }
            return !all.contains {
                $0.placeID == c.placeID && $0.action == c.action && $0.evidence == c.evidence
                    && actors.actor(id: $0.actor)?.role == .combatant
            }
        }
        var order: [String] = []
        for c in claims where !order.contains(c.placeID) && !c.near { order.append(c.placeID) }
        return order.flatMap { id in
            let cs = claims.filter { $0.placeID == id && !$0.near }
            let before = state(before: id, cs)
            return [before, state(after: before, cs)]
        }
    }

    /// The state before the events: standing and earlier facts.
    static func state(before id: String, _ cs: [ControlClaim]) -> PlaceState {
        var before = PlaceState(
            placeID: id, phase: .before, controller: nil, status: nil, opponent: nil, advancing: [], changed: false,
            claims: [])
        for c in cs where c.phase == .before || c.phase == .current {
            switch c.action {
            case .holds:
                if before.controller == nil || c.phase == .before { before.controller = c.actor }
                before.claims.append(c.id)
            case .besieged:
                before.opponent = c.actor
                before.status = .besieged
                before.claims.append(c.id)
            case .advancing:
                if !before.advancing.contains(c.actor) { before.advancing.append(c.actor) }
                before.claims.append(c.id)
            case .captured, .entered:
                before.controller = c.actor
                before.claims.append(c.id)
            case .contested:
                contest(c, &before)
                before.claims.append(c.id)
            default: break
            }
        }
        if before.controller != nil, before.status == nil { before.status = .held }
        return before
    }

    /// The state after: the earlier state (without its advances), then the article's events in order.
    static func state(after before: PlaceState, _ cs: [ControlClaim]) -> PlaceState {
        var after = before
        after.phase = .after
        after.advancing = []
        after.claims = cs.filter { $0.phase == .current && $0.action == .holds }.map(\.id)
        if after.status == .besieged, cs.contains(where: { $0.phase == .current && $0.action == .besieged }) {
            after.claims += cs.filter { $0.phase == .current && $0.action == .besieged }.map(\.id)
        }
        for c in cs where c.phase == .after || (c.phase == .current && c.action == .contested) {
            after.claims.append(c.id)
            apply(c, to: &after)
        }
        return after
    }

    /// One event of the article, applied to the state it changes.
    static func apply(_ c: ControlClaim, to after: inout PlaceState) {
        switch c.action {
        case .holds:
            after.controller = c.actor
            if after.status == nil { after.status = .held }
        case .captured:
            after.controller = c.actor
            after.status = .recentlyCaptured
            after.opponent = nil
            after.changed = true
        case .entered:
            if let holder = after.controller, holder != c.actor {
                after.status = .contested
                after.opponent = c.actor
            } else {
                after.controller = c.actor
                after.status = .contested
            }
            after.changed = true
        case .siegeBroken:
            if after.status == .besieged { after.status = .held }
            after.opponent = nil
            if after.controller == nil {
                after.controller = c.actor
                after.status = .held
            }
            after.changed = true
        case .besieged:
            after.status = .besieged
            after.opponent = c.actor
        case .withdrew, .lost:
            if after.controller == nil || after.controller == c.actor {
                after.controller = c.actor
                after.status = .withdrawn
                after.changed = true
            }
        case .advancing:
            if !after.advancing.contains(c.actor) { after.advancing.append(c.actor) }
        case .contested:
            contest(c, &after)
        }
    }

    /// A place fought over: contested, with the side named as holder when none is known, else as opponent.
    static func contest(_ c: ControlClaim, _ s: inout PlaceState) {
        if s.controller == nil {
            s.controller = c.actor
        } else if s.controller != c.actor {
            s.opponent = c.actor
        }
        s.status = .contested
    }
}
