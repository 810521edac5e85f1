import Foundation

/// The measured stretches of a panel: a highlight under the river or border (a dashed line when the
/// distance is straight), and a cross where a claimed length would end.
struct MeasureLayer {
    var items: [SceneItem] = []
    /// Each drawn check's number (from 1, in the order of the checks) and its line on the map.
    var badgeLines: [(number: Int, line: [Point])] = []
    var crosses: [Point] = []

    init(checks: [DistanceCheck], transform t: MapTransform, style: MapStyle) {
        for (i, c) in checks.enumerated() where c.stretch.count > 1 {
            let line = t.line(c.stretch)
            let lineStyle = c.kind == .straight ? style.straightMeasure : style.measuredStretch
            items.append(.path(parts: [line], closed: false, style: lineStyle))
            badgeLines.append((i + 1, line))
            if let end = c.claimedEnd, let d = t.device(end), t.frame.contains(d) {
                crosses.append(d)
                items.append(
                    .path(
                        parts: Self.cross(at: d, radius: style.px(5)), closed: false,
                        style: style.claimedEndCross))
            }
        }
    }

    /// The two strokes of an ×.
    static func cross(at d: Point, radius r: Double) -> [[Point]] {
        [
            [Point(x: d.x - r, y: d.y - r), Point(x: d.x + r, y: d.y + r)],
            [Point(x: d.x - r, y: d.y + r), Point(x: d.x + r, y: d.y - r)],
        ]
    }

    /// Keeps labels off the crosses.
    func reserveCrosses(in placer: inout LabelPlacer, style: MapStyle) {
        for d in crosses {
            let r = style.px(6)
            placer.reserve(Rect(x: d.x - r, y: d.y - r, width: 2 * r, height: 2 * r))
        }
    }
}
