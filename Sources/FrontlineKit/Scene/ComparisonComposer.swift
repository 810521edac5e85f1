import Foundation

/// One side of a comparison: an analysis in one phase of its control, under a heading.
public struct ComparisonSide: Sendable {
    public var analysis: Analysis
    public var phase: Phase
    public var heading: String

    public init(analysis: Analysis, phase: Phase, heading: String) {
        self.analysis = analysis
        self.phase = phase
        self.heading = heading
    }

    var places: PlaceResolution { analysis.places }
    var article: Article { analysis.article }
}

extension MapComposer {
    /// Two panels side by side on the same extent and scale, one shared legend, the places whose state
    /// changed marked in the right panel, and the list of changes under the panels.
    public func compareScene(
        _ left: ComparisonSide, _ right: ComparisonSide, title: String, request: MapRequest
    )
        throws -> Scene
    {
        let style = MapStyle(width: request.width / 1.6)
        let W = request.width
        let extent = ExtentChooser.choose(
            [Self.combined(left.places, right.places)], coverage: try basemap.coverage())
        let projection = try Projection.conformal(for: extent.box)
        let margin = style.text(28), gutterLeft = style.text(46), gutterBottom = style.text(24),
            between = style.text(24)
        let titleSize = style.text(28), subtitleSize = style.text(15), headingSize = style.text(17)
        let top = margin + titleSize * 1.15 + subtitleSize * 1.7 + headingSize * 1.8
        let frameW = ((W - 2 * margin - between) / 2 - gutterLeft).rounded()
        let bounds = MapTransform.projectedBounds(projection, extent.box)
        let frameH = min(max((frameW * bounds.height / bounds.width).rounded(), frameW * 0.5), frameW * 1.3)
        let frames = [
            Rect(x: margin + gutterLeft, y: top, width: frameW, height: frameH),
            Rect(x: margin + gutterLeft * 2 + frameW + between, y: top, width: frameW, height: frameH),
        ]

        let leftControl = ControlLayer(claims: left.analysis.claims, states: left.analysis.states, actors: actors)
        let (rightControl, changes) = self.changes(from: left, leftControl, to: right)
        func content(_ s: ComparisonSide, _ control: ControlLayer) -> MapPanel.Content {
            let onMap = s.places.points.filter { p in extent.onMap.contains { $0.entry.id == p.entry.id } }
            return MapPanel.Content(
                extent: MapExtent(box: extent.box, offMap: [], onMap: onMap), places: s.places,
                checks: [], control: control, phase: s.phase)
        }
        let panels = try [content(left, leftControl), content(right, rightControl)].enumerated().map { i, c in
            try MapPanel(
                frame: frames[i], projection: projection, content: c, legendInside: false, basemap: basemap,
                style: style, measurer: measurer)
        }
        let (entries, legend) = sharedLegend(panels, style: style)
        // One inset for the figure, not one per panel: both show the same extent, and an inset in a
        // panel would hide in one what the other shows. It goes in the band, right of the changes.
        let focus = Set(Self.combined(left.places, right.places).focusCountries.prefix(2))
        let plan =
            request.inset
            ? try LocatorInset.Plan(
                basemap: basemap, main: panels[0].transform, focus: focus,
                places: extent.onMap.map(\.entry.country), style: style) : nil
        let bandTop = top + frameH + gutterBottom + style.text(10)
        let band = ComparisonBand(
            changes: changes, legend: legend, sources: [left.article, right.article],
            top: bandTop, width: W, margin: margin, inset: plan?.size, style: style, text: text)
        let inset = try plan.map { p in
            try LocatorInset(
                p, at: Rect(x: W - margin - p.size.width, y: bandTop, width: p.size.width, height: p.size.height),
                corner: .underPanels, basemap: basemap)
        }

        var items: [SceneItem] = [
            .path(
                parts: [corners(Rect(x: 0, y: 0, width: W, height: band.bottom))], closed: true,
                style: PathStyle(fill: style.paper))
        ]
        items += panels[0].items + panels[1].items
        items += headings(
            [left.heading, right.heading], over: frames, title: title, width: W, margin: margin,
            style: style)
        items += band.items + (inset?.items ?? [])
        let description =
            "Two maps side by side. Left, \(left.heading): " + describeStates(left, leftControl)
            + ". Right, \(right.heading): " + describeStates(right, rightControl) + ". Changes: "
            + (changes.isEmpty ? "none" : changes.joined(separator: "; ")) + "." + Self.describe(inset?.summary)
        let meta = SceneMetadata.json(
            article: right.article, places: right.places, extent: content(right, rightControl).extent,
            control: rightControl, inset: inset?.summary)
        var scene = Scene(
            width: W, height: band.bottom, items: items, title: title, description: description,
            metadataJSON: meta, frame: frames[1], labels: panels[0].labels + panels[1].labels, legend: entries,
            footnotes: (panels[0].unlabelled + panels[1].unlabelled).map { "\($0): not labelled for lack of room" },
            footerLines: band.lines)
        scene.inset = inset?.summary
        return scene
    }

    /// One legend for both panels: each symbol drawn in either, once, and the left panel's scale bar.
    func sharedLegend(_ panels: [MapPanel], style: MapStyle) -> ([LegendEntry], LegendLayout) {
        var entries: [LegendEntry] = []
        for e in panels[0].legend.entries + panels[1].legend.entries
        where !entries.contains(where: { $0.label == e.label }) {
            entries.append(e)
        }
        let scale = panels[0].legend.scale
        let legend = LegendLayout(
            entries: entries, style: style, measurer: measurer, scaleKm: scale.km, scaleLength: scale.length)
        return (entries, legend)
    }

    /// The page's title and subtitle, and each panel's heading over its frame.
    func headings(
        _ headings: [String], over frames: [Rect], title: String, width W: Double, margin: Double,
        style: MapStyle
    ) -> [SceneItem] {
        let titleSize = style.text(28), subtitleSize = style.text(15), headingSize = style.text(17)
        let top = frames[0].minY
        var items: [SceneItem] = []
        for (i, heading) in headings.enumerated() {
            items.append(
                .text(
                    TextItem(
                        text: text.fit(heading, width: frames[i].width, style: .bold, size: headingSize),
                        origin: Point(x: frames[i].minX, y: top - headingSize * 0.6), style: .bold,
                        size: headingSize, color: style.ink)))
        }
        items.append(
            .text(
                TextItem(
                    text: text.fit(title, width: W - 2 * margin, style: .bold, size: titleSize),
                    origin: Point(x: margin, y: margin + titleSize * 0.9), style: .bold, size: titleSize,
                    color: style.ink)))
        let subtitle = "Before and after, on the same extent and scale · changed places are ringed on the right"
        items.append(
            .text(
                TextItem(
                    text: text.fit(subtitle, width: W - 2 * margin, style: .regular, size: subtitleSize),
                    origin: Point(x: margin, y: margin + titleSize * 1.15 + subtitleSize * 1.2),
                    size: subtitleSize, color: style.muted)))
        return items
    }

    /// Both sides' places, to choose one extent for the two panels.
    static func combined(_ a: PlaceResolution, _ b: PlaceResolution) -> PlaceResolution {
        PlaceResolution(
            places: a.places + b.places, unresolved: [], metonyms: [],
            focusCountries: a.focusCountries + b.focusCountries.filter { !a.focusCountries.contains($0) })
    }

    /// The right side's control with each place whose state differs from the left's marked changed,
    /// and the changes in words.
    func changes(
        from left: ComparisonSide, _ leftControl: ControlLayer, to right: ComparisonSide
    )
        -> (ControlLayer, [String])
    {
        var control = ControlLayer(claims: right.analysis.claims, states: right.analysis.states, actors: actors)
        let before = Dictionary(
            leftControl.states.filter { $0.phase == left.phase }.map { ($0.placeID, $0) },
            uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for (k, st) in control.states.enumerated() where st.phase == right.phase {
            let was = before[st.placeID].map { leftControl.describe($0) } ?? "control not stated"
            let now = control.describe(st)
            guard was != now else { continue }
            control.states[k].changed = control.states[k].status != .withdrawn
            let name =
                right.places.places.first { $0.entry.id == st.placeID }?.text
                ?? (ControlClaim.isUnlocated(st.placeID)
                    ? st.placeID.dropFirst(ControlClaim.unlocatedPrefix.count) + " (not located)" : st.placeID)
            changes.append("\(name): \(was) → \(now)")
        }
        return (control, changes)
    }

    func describeStates(_ s: ComparisonSide, _ control: ControlLayer) -> String {
        let parts = control.states.filter { $0.phase == s.phase }.compactMap { st -> String? in
            guard let p = s.places.places.first(where: { $0.entry.id == st.placeID }) else { return nil }
            return "\(p.text) \(control.describe(st))"
        }
        return parts.isEmpty ? "no control stated" : parts.joined(separator: "; ")
    }
}

/// The band under a comparison's panels: the shared legend on the left, the list of changes beside
/// it, then the attribution and sources across the page.
struct ComparisonBand {
    var items: [SceneItem] = []
    var lines: [String] = []
    /// The page's height: the band's foot and the bottom margin.
    var bottom: Double = 0

    init(
        changes: [String], legend: LegendLayout, sources: [Article], top: Double, width W: Double, margin: Double,
        inset: (width: Double, height: Double)? = nil, style: MapStyle, text: MapText
    ) {
        let footSize = style.text(13), footLine = footSize * 1.5
        let (lw, lh) = legend.size
        // The locator inset, when there is one, takes the band's right end.
        let insetW = inset.map { $0.width + style.text(24) } ?? 0
        let listX = margin + lw + style.text(24), listW = W - listX - margin - insetW
        var list: [(String, FontStyle)] = [("What changed between the panels", .bold)]
        for c in changes { for w in text.wrap("• " + c, width: listW, size: footSize) { list.append((w, .regular)) } }
        if changes.isEmpty { list.append(("No place changed state.", .regular)) }
        let names = Set(sources.map { $0.source ?? $0.name }).sorted().joined(separator: "; ")
        let credit = text.wrap(
            MapText.attribution + " Sources: " + names + ".", width: W - 2 * margin, size: style.text(12))
        let bandH = max(lh, Double(list.count) * footLine, inset?.height ?? 0)
        bottom = (top + bandH + style.text(16) + Double(credit.count) * style.text(12) * 1.45 + margin).rounded()

        items = legend.items(at: Point(x: margin, y: top))
        var y = top + footSize
        for (line, font) in list {
            items.append(
                .text(
                    TextItem(text: line, origin: Point(x: listX, y: y), style: font, size: footSize, color: style.ink)))
            y += footLine
        }
        items +=
            text.lines(
                credit, x: margin, y: top + bandH + style.text(16) + style.text(12),
                step: style.text(12) * 1.45, size: style.text(12), color: style.muted
            ).items
        lines = list.map(\.0) + credit
    }
}
