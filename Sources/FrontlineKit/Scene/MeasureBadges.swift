import Foundation

/// Each distance check's numbered badge on its line, near the middle and clear of every marker (or
/// beside the middle with a leader when the line has no room), and the measured length beside it.
struct MeasureBadges {
    var badges: [(number: Int, at: Point)] = []
    var leaders: [[Point]] = []
    /// The length labels: their items and boxes, set among the other labels.
    var lengthItems: [SceneItem] = []
    var lengthLabels: [PlacedLabel] = []
    let radius: Double

    init(
        lines: [(number: Int, line: [Point])], checks: [DistanceCheck], frame: Rect, style: MapStyle,
        placer: inout LabelPlacer
    ) {
        radius = style.text(9)
        for (n, line) in lines { place(n, on: line, frame: frame, placer: &placer) }
        for (n, p) in badges { label(n, at: p, check: checks[n - 1], style: style, placer: &placer) }
    }

    private func box(_ p: Point) -> Rect {
        Rect(x: p.x - radius - 1, y: p.y - radius - 1, width: 2 * radius + 2, height: 2 * radius + 2)
    }

    private mutating func place(_ n: Int, on line: [Point], frame: Rect, placer: inout LabelPlacer) {
        for f in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9] {
            guard let p = Self.point(along: line, fraction: f), frame.insetBy(radius).contains(p),
                placer.index.isFree(box(p))
            else { continue }
            placer.reserve(box(p))
            badges.append((n, p))
            return
        }
        // No room on the line: beside its middle, with a leader.
        guard let mid = Self.point(along: line, fraction: 0.5) else { return }
        for d in [2.6, 3.6, 5.0] {
            for k in 0..<8 {
                let a = Double(k) * .pi / 4 - .pi / 2
                let p = Point(x: mid.x + cos(a) * radius * d, y: mid.y + sin(a) * radius * d)
                guard placer.index.isFree(box(p)) else { continue }
                placer.reserve(box(p))
                badges.append((n, p))
                leaders.append([mid, Point(x: mid.x + cos(a) * radius * (d - 1), y: mid.y + sin(a) * radius * (d - 1))])
                return
            }
        }
    }

    /// The measured length beside badge `n`.
    private mutating func label(
        _ n: Int, at p: Point, check c: DistanceCheck, style: MapStyle,
        placer: inout LabelPlacer
    ) {
        guard let km = c.kind == .straight ? c.straightKm : c.alongKm else { return }
        let text = MapText.kmText(km)
        let size = style.text(12.5)
        guard let l = placer.placeBeside(text, at: p, markerRadius: radius, style: .bold, size: size, gap: style.px(2))
        else { return }
        lengthItems.append(
            .text(
                TextItem(
                    text: text, origin: l.origin, style: .bold, size: size, color: style.measureInk,
                    halo: style.halo, haloWidth: style.px(3))))
        lengthLabels.append(PlacedLabel(text: text, kind: .measure, boxes: [l.box]))
    }

    /// The leaders, then each badge: a white disc with its number.
    func items(style: MapStyle, measurer: TextMeasuring) -> [SceneItem] {
        var items: [SceneItem] = []
        if !leaders.isEmpty {
            items.append(
                .path(parts: leaders, closed: false, style: PathStyle(stroke: style.measureInk, lineWidth: style.px(1)))
            )
        }
        for (n, p) in badges {
            items.append(
                .marker(
                    MarkerItem(
                        center: p, radius: radius, shape: .dot, fill: RGBA(1, 1, 1),
                        outline: style.measureInk, outlineWidth: style.px(1.8))))
            let text = "\(n)"
            let m = measurer.size(of: text, style: .bold, fontSize: style.text(12))
            let origin = Point(x: p.x - m.width / 2, y: p.y + (m.ascent - m.descent) / 2)
            items.append(
                .text(TextItem(text: text, origin: origin, style: .bold, size: style.text(12), color: style.measureInk))
            )
        }
        return items
    }

    /// The point at `fraction` of a line's length on the map.
    static func point(along line: [Point], fraction: Double) -> Point? {
        guard line.count > 1 else { return nil }
        let lengths = zip(line, line.dropFirst()).map { $0.0.distance(to: $0.1) }
        var rest = lengths.reduce(0, +) * fraction
        for (k, l) in lengths.enumerated() {
            if rest <= l || k == lengths.count - 1 {
                let f = l == 0 ? 0 : min(rest / l, 1)
                return Point(
                    x: line[k].x + (line[k + 1].x - line[k].x) * f, y: line[k].y + (line[k + 1].y - line[k].y) * f)
            }
            rest -= l
        }
        return nil
    }
}
