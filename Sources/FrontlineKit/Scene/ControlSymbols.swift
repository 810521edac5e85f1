import Foundation

/// The places of a panel as markers dressed in their control state, and the advance arrows. Each is
/// reserved in the label index as it is made, so that no label covers it.
struct ControlSymbols {
    typealias Arrow = (actor: Actor, shape: [Point])
    /// Drawn places, those with a state first (they are labelled first), then by mentions and size.
    var markers: [(place: ResolvedPlace, marker: MarkerItem)] = []
    var arrows: [Arrow] = []
    /// Each place's state in the panel's phase, by place id.
    let states: [String: PlaceState]

    init(
        places: [ResolvedPlace], control: ControlLayer, phase: Phase, transform t: MapTransform, style: MapStyle,
        placer: inout LabelPlacer
    ) {
        let states = Dictionary(
            control.states.filter { $0.phase == phase }.map { ($0.placeID, $0) },
            uniquingKeysWith: { a, _ in a })
        self.states = states
        func rank(_ p: ResolvedPlace) -> (Int, Int, Int) {
            (states[p.entry.id] != nil ? 1 : 0, p.mentions.count, p.entry.population)
        }
        for p in places.sorted(by: { rank($0) > rank($1) }) {
            guard let d = t.device(p.coordinate), t.frame.contains(d) else { continue }
            var m = Self.marker(for: p, at: d, style: style)
            if let st = states[p.entry.id], st.controller != nil {
                control.style(&m, state: st, style: style)
            } else {
                m.fill = style.plainMarker
            }
            markers.append((p, m))
            let e = m.extent + 1
            placer.reserve(Rect(x: d.x - e, y: d.y - e, width: 2 * e, height: 2 * e))
        }
        arrows = advanceArrows(control: control, frame: t.frame, style: style, placer: &placer)
    }

    /// A plain marker, sized by the kind of place.
    static func marker(for p: ResolvedPlace, at d: Point, style: MapStyle) -> MarkerItem {
        let r: Double = p.kind == .city ? 6 : p.kind == .town ? 5 : 4.2
        return MarkerItem(
            center: d, radius: style.px(r), shape: p.approximate ? .approximate : .dot,
            fill: style.markerFill, outline: RGBA(1, 1, 1), outlineWidth: style.px(1.6))
    }

    /// An arrow at each place a force advances on, pointing at it from the middle of what that force
    /// holds on the panel (or from the panel's middle when it holds nothing there).
    func advanceArrows(control: ControlLayer, frame: Rect, style: MapStyle, placer: inout LabelPlacer) -> [Arrow] {
        var arrows: [Arrow] = []
        for (p, m) in markers {
            guard let st = states[p.entry.id] else { continue }
            for id in st.advancing {
                guard let actor = control.actors.drawn(id) else { continue }
                let held = markers.filter {
                    states[$0.place.entry.id]?.controller == id && $0.place.entry.id != p.entry.id
                        && states[$0.place.entry.id]?.status != .withdrawn
                }
                let from =
                    held.isEmpty
                    ? frame.center
                    : Point(
                        x: held.map(\.marker.center.x).reduce(0, +) / Double(held.count),
                        y: held.map(\.marker.center.y).reduce(0, +) / Double(held.count))
                var dx = m.center.x - from.x, dy = m.center.y - from.y
                let len = max(hypot(dx, dy), 1)
                dx /= len
                dy /= len
                let tip = Point(
                    x: m.center.x - dx * (m.extent + style.px(3)), y: m.center.y - dy * (m.extent + style.px(3)))
                let tail = Point(x: tip.x - dx * style.px(46), y: tip.y - dy * style.px(46))
                let shape = ArrowShape.polygon(from: tail, to: tip, width: style.px(5))
                arrows.append((actor, shape))
                let xs = shape.map(\.x), ys = shape.map(\.y)
                placer.reserve(
                    Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!))
            }
        }
        return arrows
    }

    /// The arrows, then the markers over them.
    func items(style: MapStyle) -> [SceneItem] {
        arrows.map {
            .path(
                parts: [$0.shape], closed: true,
                style: PathStyle(fill: $0.actor.fill, stroke: RGBA(1, 1, 1), lineWidth: style.px(1.2)))
        } + markers.map { .marker($0.marker) }
    }
}
