import Foundation

/// The legend of one panel: exactly the symbols it draws, in a fixed order, then the scale bar.
/// Inside the frame it goes in the corner with the fewest markers, when it fits there.
struct PanelLegend {
    var entries: [LegendEntry] = []
    let scale: (km: Double, length: Double)
    let layout: LegendLayout
    /// Where the legend is drawn inside the frame; nil when it goes under the map instead.
    private(set) var origin: Point?

    init(
        symbols: ControlSymbols, control: ControlLayer, basemap: BasemapLayer, checks: [DistanceCheck],
        focus: Bool, transform t: MapTransform, style: MapStyle, measurer: TextMeasuring
    ) {
        let markers = symbols.markers
        let plain = markers.filter { symbols.states[$0.place.entry.id] == nil }
        if let m = plain.first(where: { !$0.place.approximate })?.marker {
            entries.append(LegendEntry(symbol: .marker(m), label: "Place named, no control stated"))
        }
        entries += control.legend(
            states: markers.compactMap { symbols.states[$0.place.entry.id] },
            arrows: symbols.arrows.map(\.actor), style: style)
        if markers.contains(where: { $0.place.approximate }) {
            let sample = MarkerItem(
                center: Point(x: 0, y: 0), radius: style.px(4.2), shape: .approximate,
                fill: style.markerFill, outline: RGBA(1, 1, 1), outlineWidth: style.px(1.6))
            entries.append(LegendEntry(symbol: .marker(sample), label: "Approximate position, placed from the text"))
        }
        if !basemap.rivers.isEmpty { entries.append(LegendEntry(symbol: .line(style.majorRiver), label: "River")) }
        if !basemap.lakes.isEmpty {
            entries.append(LegendEntry(symbol: .area(style.lakeArea), label: "Lake or reservoir"))
        }
        if basemap.hasBorders {
            entries.append(LegendEntry(symbol: .line(style.borderLine), label: "International border"))
        }
        entries += Self.measureEntries(checks, style: style)
        if focus {
            let swatch = PathStyle(fill: style.focusLand, stroke: style.muted, lineWidth: style.px(0.5))
            entries.append(LegendEntry(symbol: .area(swatch), label: "Country the article is about"))
        }
        scale = niceScale(kmPerUnit: t.kmPerUnit, target: style.px(130))
        layout = LegendLayout(
            entries: entries, style: style, measurer: measurer, scaleKm: scale.km,
            scaleLength: scale.length)
    }

    /// The measured stretches' symbols, for the checks that drew them.
    static func measureEntries(_ checks: [DistanceCheck], style: MapStyle) -> [LegendEntry] {
        var out: [LegendEntry] = []
        if checks.contains(where: { $0.kind != .straight && $0.stretch.count > 1 }) {
            out.append(
                LegendEntry(symbol: .line(style.measuredStretch), label: "Measured stretch (checks below the map)"))
        }
        if checks.contains(where: { $0.kind == .straight && $0.stretch.count > 1 }) {
            out.append(LegendEntry(symbol: .line(style.straightMeasure), label: "Measured straight distance"))
        }
        if checks.contains(where: { $0.claimedEnd != nil }) {
            out.append(LegendEntry(symbol: .cross(style.measureInk), label: "Where the claimed length would end"))
        }
        return out
    }

    /// Sets the legend inside `frame` when it fits (or `force`), in the corner nearest the fewest
    /// markers, and keeps labels off it.
    mutating func place(in frame: Rect, force: Bool, markers: [Point], style: MapStyle, placer: inout LabelPlacer) {
        let (lw, lh) = layout.size
        let inset = style.px(12)
        let corners = [
            Point(x: frame.minX + inset, y: frame.maxY - inset - lh),
            Point(x: frame.maxX - inset - lw, y: frame.maxY - inset - lh),
            Point(x: frame.minX + inset, y: frame.minY + inset),
            Point(x: frame.maxX - inset - lw, y: frame.minY + inset),
        ]
        guard force || (lw <= frame.width * 0.36 && lh <= frame.height * 0.62) else { return }
        func crowd(_ p: Point) -> Int {
            let r = Rect(x: p.x, y: p.y, width: lw, height: lh).insetBy(-style.px(40))
            return markers.filter { r.contains($0) }.count
        }
        let best = corners.min { crowd($0) < crowd($1) }!
        origin = best
        placer.reserve(Rect(x: best.x, y: best.y, width: lw, height: lh).insetBy(-style.px(4)))
    }

    /// The legend's items where it was placed, or at `at` (under the map).
    func items(at p: Point? = nil) -> [SceneItem] {
        guard let o = p ?? origin else { return [] }
        return layout.items(at: o)
    }
}
