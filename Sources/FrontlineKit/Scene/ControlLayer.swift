import Foundation

/// What the map shows of control: each place's state after the article's events, drawn with the
/// symbols readers of the war maps know, and a legend of exactly the symbols drawn.
public struct ControlLayer: Sendable {
    public var claims: [ControlClaim]
    public var states: [PlaceState]
    public var actors: ActorCatalog

    public init(claims: [ControlClaim], states: [PlaceState], actors: ActorCatalog) {
        self.claims = claims
        self.states = states
        self.actors = actors
    }

    /// Dresses a place marker in its state: controller's colour and shape, ring, split, change, hollow.
    func style(_ m: inout MarkerItem, state: PlaceState, style: MapStyle) {
        guard let id = state.controller, let actor = actors.drawn(id) else { return }
        m.radius = style.px(5.5)
        m.fill = actor.fill
        m.outline = actor.stroke
        m.outlineWidth = style.px(1.8)
        m.symbol = actor.shape
        switch state.status {
        case .besieged: m.ring = state.opponent.flatMap { actors.drawn($0) }?.fill
        case .contested: m.split = state.opponent.flatMap { actors.drawn($0) }?.fill
        case .recentlyCaptured: m.changed = true
        case .withdrawn: m.hollow = true
        default: break
        }
        if state.changed, state.status != .withdrawn { m.changed = true }
    }

    /// A place's state in words, for the alt text.
    func describe(_ s: PlaceState) -> String {
        func name(_ id: String?) -> String { id.map { actors.label(of: $0) } ?? "unknown" }
        var t: String
        switch s.status {
        case .recentlyCaptured: t = "captured by \(name(s.controller))"
        case .contested: t = "contested between \(name(s.controller)) and \(name(s.opponent))"
        case .besieged: t = "held by \(name(s.controller)), besieged by \(name(s.opponent))"
        case .withdrawn: t = "\(name(s.controller)) withdrew"
        case .held: t = "held by \(name(s.controller))" + (s.changed ? " (changed)" : "")
        case nil: t = "control not stated"
        }
        if !s.advancing.isEmpty { t += ", \(s.advancing.map { name($0) }.joined(separator: " and ")) advancing" }
        return t
    }

    /// Legend lines for the actors and statuses drawn (a status sample in neutral grey).
    func legend(states: [PlaceState], arrows: [Actor], style: MapStyle) -> [LegendEntry] {
        var out: [LegendEntry] = []
        let neutral = RGBA(0.55, 0.55, 0.58)
        func sample(_ f: (inout MarkerItem) -> Void) -> MarkerItem {
            var m = MarkerItem(
                center: Point(x: 0, y: 0), radius: style.px(5.5), shape: .dot, fill: neutral, outline: RGBA(1, 1, 1),
                outlineWidth: style.px(1.5))
            f(&m)
            return m
        }
        let shown = Set(states.compactMap(\.controller) + states.compactMap(\.opponent) + arrows.map(\.id))
        let unlisted = shown.filter { ActorCatalog.isUnlisted($0) }.sorted().compactMap { actors.drawn($0) }
        for a in actors.actors.filter({ shown.contains($0.id) }) + unlisted {
            // Drawn as a control symbol (the actor's shape), so a white symbol keeps its dark outline.
            let m = sample {
                $0.fill = a.fill
                $0.outline = a.stroke
                $0.symbol = a.shape
                $0.outlineWidth = style.px(1.5)
            }
            out.append(LegendEntry(symbol: .marker(m), label: a.label))
        }
        let statuses = Set(states.compactMap(\.status))
        if statuses.contains(.besieged) {
            out.append(
                LegendEntry(
                    symbol: .marker(sample { $0.ring = RGBA(0.1, 0.1, 0.1) }), label: "Besieged (ring: the besieger)"))
        }
        if statuses.contains(.contested) {
            out.append(
                LegendEntry(
                    symbol: .marker(sample { $0.split = RGBA(0.85, 0.85, 0.87) }), label: "Contested (both sides)"))
        }
        if states.contains(where: { $0.changed && $0.status != .withdrawn }) {
            out.append(LegendEntry(symbol: .marker(sample { $0.changed = true }), label: "Changed in these events"))
        }
        if statuses.contains(.withdrawn) {
            out.append(
                LegendEntry(
                    symbol: .marker(
                        sample {
                            $0.hollow = true
                            $0.fill = RGBA(0.25, 0.25, 0.28)
                        }), label: "Withdrawn from (hollow)"))
        }
        for a in Set(arrows.map(\.id)).sorted() {
            if let actor = actors.drawn(a) {
                out.append(
                    LegendEntry(symbol: .arrow(actor.fill, RGBA(0.3, 0.3, 0.3)), label: "\(actor.label) advance"))
            }
        }
        return out
    }
}
