import Foundation

/// One side of a comparison: an article's places and control, in one phase, under a heading.
public struct ComparisonSide: Sendable {
    public var article: Article
    public var places: PlaceResolution
    public var control: ControlLayer
    public var phase: Phase
    public var heading: String

    public init(article: Article, places: PlaceResolution, control: ControlLayer, phase: Phase, heading: String) {
        self.article = article; self.places = places; self.control = control; self.phase = phase; self.heading = heading
    }
}

extension MapComposer {
    /// Two panels side by side on the same extent and scale, one shared legend, the places whose state
    /// changed marked in the right panel, and the list of changes under the panels.
    public func compareScene(_ left: ComparisonSide, _ right: ComparisonSide, title: String, request: MapRequest) throws -> Scene {
        let style = MapStyle(width: request.width / 1.6)
        let W = request.width
        let combined = PlaceResolution(places: left.places.places + right.places.places, unresolved: [], metonyms: [],
                                       focusCountries: left.places.focusCountries + right.places.focusCountries.filter { !left.places.focusCountries.contains($0) })
        let extent = ExtentChooser.choose([combined])
        let projection = try Projection.conformal(for: extent.box)
        let margin = style.text(28), gutterLeft = style.text(46), gutterBottom = style.text(24), between = style.text(24)
        let titleSize = style.text(28), subtitleSize = style.text(15), headingSize = style.text(17)
        let top = margin + titleSize * 1.15 + subtitleSize * 1.7 + headingSize * 1.8
        let frameW = ((W - 2 * margin - between) / 2 - gutterLeft).rounded()
        let projBounds = MapTransform.projectedBounds(projection, extent.box)
        var frameH = (frameW * projBounds.height / projBounds.width).rounded()
        frameH = min(max(frameH, frameW * 0.5), frameW * 1.3)
        let frames = [Rect(x: margin + gutterLeft, y: top, width: frameW, height: frameH),
                      Rect(x: margin + gutterLeft * 2 + frameW + between, y: top, width: frameW, height: frameH)]

        // The right panel marks what differs from the left one.
        var rightControl = right.control
        let leftStates = Dictionary(left.control.states.filter { $0.phase == left.phase }.map { ($0.placeID, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for (k, st) in rightControl.states.enumerated() where st.phase == right.phase {
            let before = leftStates[st.placeID]
            let was = before.map { left.control.describe($0) } ?? "control not stated"
            let now = right.control.describe(st)
            if was != now {
                rightControl.states[k].changed = rightControl.states[k].status != .withdrawn
                let name = right.places.places.first { $0.entry.id == st.placeID }?.text ?? st.placeID
                changes.append("\(name): \(was) → \(now)")
            }
        }
        func sideExtent(_ s: ComparisonSide) -> MapExtent {
            MapExtent(box: extent.box, offMap: [], onMap: s.places.points.filter { p in extent.onMap.contains { $0.entry.id == p.entry.id } })
        }
        let leftPanel = try panel(frame: frames[0], extent: sideExtent(left), projection: projection, places: left.places, checks: [],
                                  control: left.control, phase: left.phase, legendInside: false, style: style)
        let rightPanel = try panel(frame: frames[1], extent: sideExtent(right), projection: projection, places: right.places, checks: [],
                                   control: rightControl, phase: right.phase, legendInside: false, style: style)
        var legendEntries: [LegendEntry] = []
        for e in leftPanel.legend + rightPanel.legend where !legendEntries.contains(where: { $0.label == e.label }) { legendEntries.append(e) }
        let legend = LegendLayout(entries: legendEntries, style: style, measurer: measurer, scaleKm: leftPanel.scale.km, scaleLength: leftPanel.scale.length)
        let (lw, lh) = legend.size

        // Under the panels: the legend on the left, the changes beside it, then attribution.
        let footSize = style.text(13), footLine = footSize * 1.5
        let listX = margin + lw + style.text(24), listW = W - listX - margin
        var listLines: [(String, FontStyle)] = [("What changed between the panels", .bold)]
        for c in changes { for w in wrap("• " + c, width: listW, size: footSize) { listLines.append((w, .regular)) } }
        if changes.isEmpty { listLines.append(("No place changed state.", .regular)) }
        let attribution = "Map by Frontline. Basemap: Natural Earth (public domain); rivers: GSHHG/WDBII (LGPL); places: GeoNames (CC-BY 4.0). "
            + "Sources: " + Set([left.article.source ?? left.article.name, right.article.source ?? right.article.name]).sorted().joined(separator: "; ") + "."
        let attributionLines = wrap(attribution, width: W - 2 * margin, size: style.text(12))
        let bandTop = top + frameH + gutterBottom + style.text(10)
        let bandH = max(lh, Double(listLines.count) * footLine)
        let H = (bandTop + bandH + style.text(16) + Double(attributionLines.count) * style.text(12) * 1.45 + margin).rounded()

        var items: [SceneItem] = [.path(parts: [corners(Rect(x: 0, y: 0, width: W, height: H))], closed: true, style: PathStyle(fill: style.paper))]
        items += leftPanel.items + rightPanel.items
        for (i, side) in [left, right].enumerated() {
            items.append(.text(TextItem(text: fit(side.heading, width: frames[i].width, style: .bold, size: headingSize),
                                        origin: Point(x: frames[i].minX, y: top - headingSize * 0.6), style: .bold, size: headingSize, color: style.ink)))
        }
        items.append(.text(TextItem(text: fit(title, width: W - 2 * margin, style: .bold, size: titleSize),
                                    origin: Point(x: margin, y: margin + titleSize * 0.9), style: .bold, size: titleSize, color: style.ink)))
        let subtitle = "Before and after, on the same extent and scale · changed places are ringed on the right"
        items.append(.text(TextItem(text: fit(subtitle, width: W - 2 * margin, style: .regular, size: subtitleSize),
                                    origin: Point(x: margin, y: margin + titleSize * 1.15 + subtitleSize * 1.2), size: subtitleSize, color: style.muted)))
        items += legend.items(at: Point(x: margin, y: bandTop))
        var y = bandTop + footSize
        for (line, fs) in listLines {
            items.append(.text(TextItem(text: line, origin: Point(x: listX, y: y), style: fs, size: footSize, color: style.ink)))
            y += footLine
        }
        y = bandTop + bandH + style.text(16) + style.text(12)
        for line in attributionLines {
            items.append(.text(TextItem(text: line, origin: Point(x: margin, y: y), size: style.text(12), color: style.muted)))
            y += style.text(12) * 1.45
        }
        let description = "Two maps side by side. Left, \(left.heading): " + describeStates(left) + ". Right, \(right.heading): "
            + describeStates(right) + ". Changes: " + (changes.isEmpty ? "none" : changes.joined(separator: "; ")) + "."
        let meta = SceneMetadata.json(article: right.article, places: right.places, extent: sideExtent(right), control: rightControl)
        return Scene(width: W, height: H, items: items, title: title, description: description, metadataJSON: meta, frame: frames[1],
                     labels: leftPanel.labels + rightPanel.labels, legend: legendEntries,
                     footnotes: (leftPanel.unlabelled + rightPanel.unlabelled).map { "\($0): not labelled for lack of room" },
                     footerLines: listLines.map(\.0) + attributionLines)
    }

    func describeStates(_ s: ComparisonSide) -> String {
        let parts = s.control.states.filter { $0.phase == s.phase }.compactMap { st -> String? in
            guard let p = s.places.places.first(where: { $0.entry.id == st.placeID }) else { return nil }
            return "\(p.text) \(s.control.describe(st))"
        }
        return parts.isEmpty ? "no control stated" : parts.joined(separator: "; ")
    }
}
