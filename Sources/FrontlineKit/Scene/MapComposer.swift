import Foundation

/// Builds the scene of one article's map from its analysis: the extent, the projection, the page's
/// layout (title, map frame with a gutter for graticule labels, legend, footer) and the map panel.
public struct MapComposer {
    public let basemap: Basemap
    public let gazetteer: Gazetteer
    public let actors: ActorCatalog
    let measurer: TextMeasuring
    var text: MapText { MapText(measurer: measurer) }

    public init(basemap: Basemap, gazetteer: Gazetteer, actors: ActorCatalog, measurer: TextMeasuring) {
        self.basemap = basemap
        self.gazetteer = gazetteer
        self.actors = actors
        self.measurer = measurer
    }

    public func compose(_ a: Analysis, request: MapRequest) throws -> Scene {
        let style = MapStyle(width: request.width, dpi: request.dpi)
        let extent = try extent(of: a, request: request)
        let projection = try Projection.conformal(for: extent.box)
        let control = ControlLayer(claims: a.claims, states: a.states, actors: actors)
        let W = request.width
        let margin = style.text(28), gutterLeft = style.text(46), gutterBottom = style.text(24)
        let heading = MapHeading(
            title: a.article.title, subtitle: subtitle(a.article, control: !control.states.isEmpty),
            width: W - 2 * margin, style: style, text: text)
        let top = margin + heading.height + heading.subtitleSize * 0.45 + style.px(14)
        var footer = MapFooter(
            lines: footerLines(a, extent: extent, unlabelled: [], projection: projection), width: W - 2 * margin,
            style: style,
            text: text)
        let frameX = margin + gutterLeft
        let frameW = W - frameX - margin
        let frameH = try frameHeight(
            request, width: frameW, around: (top, gutterBottom, footer.height(margin: margin)),
            projection: projection, box: extent.box)
        let frame = Rect(x: frameX, y: top, width: frameW, height: frameH)
        var H = request.height ?? (top + frameH + gutterBottom + footer.height(margin: margin)).rounded()

        let content = MapPanel.Content(
            extent: extent, places: a.places, checks: a.checks, control: control, phase: .after)
        let panel = try MapPanel(
            frame: frame, projection: projection, content: content, legendInside: true,
            forceLegend: request.height != nil, inset: request.inset, basemap: basemap, style: style,
            measurer: measurer)
        // On a small figure the legend does not fit in the frame: it goes under the map.
        var legendBelow = 0.0
        var items: [SceneItem] = []
        if panel.legend.origin == nil {
            items = panel.legend.items(at: Point(x: margin, y: frame.maxY + gutterBottom + style.text(6)))
            legendBelow = panel.legend.layout.size.height + style.text(12)
            H = (H + legendBelow).rounded()
        }
        let paper = SceneItem.path(
            parts: [corners(Rect(x: 0, y: 0, width: W, height: H))], closed: true,
            style: PathStyle(fill: style.paper))
        items = [paper] + panel.items + items + heading.items(x: margin, top: margin, style: style, text: text)
        footer.lines = footerLines(a, extent: extent, unlabelled: panel.unlabelled, projection: projection)
        items += footer.items(x: margin, y: frame.maxY + gutterBottom + footer.lineHeight + legendBelow)

        let inset = panel.inset?.summary
        var scene = Scene(
            width: W, height: H, items: items, title: a.article.title,
            description: describe(a, extent: extent, control: control) + Self.describe(panel.inset?.summary),
            metadataJSON: SceneMetadata.json(
                article: a.article, places: a.places, extent: extent, control: control, inset: inset),
            frame: frame, labels: panel.labels, legend: panel.legend.entries,
            footnotes: footnotes(a.places, extent: extent, unlabelled: panel.unlabelled),
            footerLines: footer.lines)
        scene.dpi = request.dpi
        scene.inset = panel.inset?.summary
        return scene
    }

    /// The inset in words, for the alt text: where it is and what it shows.
    static func describe(_ inset: LocatorInset.Summary?) -> String {
        guard let inset else { return "" }
        let within = inset.countries.isEmpty ? "its region" : inset.countries.joined(separator: " and ")
        return " A locator inset (\(inset.corner.rawValue)) shows where the map lies in \(within)."
    }

    /// The extent asked for, or the one that fits the front the article describes; an article with
    /// nothing to map is refused in one line.
    func extent(of a: Analysis, request: MapRequest) throws -> MapExtent {
        let points = a.places.points
        if let box = request.box {
            return MapExtent(
                box: box, offMap: points.filter { !box.contains($0.coordinate) },
                onMap: points.filter { box.contains($0.coordinate) })
        }
        let extent = ExtentChooser.choose([a.places], coverage: try basemap.coverage())
        guard extent.onMap.isEmpty else { return extent }
        let file = a.article.path ?? a.article.name
        if points.isEmpty {
            throw FrontlineError.badInput(file: file, reason: "names no place the gazetteer knows: nothing to map")
        }
        throw FrontlineError.badInput(
            file: file,
            reason: "every place it names lies outside the basemap's region: "
                + points.map(\.text).joined(separator: ", "))
    }

    /// The map frame's height: what a fixed height leaves once the title band, the gutter and the
    /// footer (`around`) are set, or the extent's shape at this width, between 0.45 and 1.3 of it.
    func frameHeight(
        _ request: MapRequest, width: Double, around: (top: Double, gutter: Double, footer: Double),
        projection: Projection, box: GeoBox
    ) throws -> Double {
        if let h = request.height {
            let frameH = h - around.top - around.gutter - around.footer
            guard frameH >= 80 else {
                let needed = Int(around.top + around.gutter + around.footer + 80)
                throw FrontlineError.usage(
                    "--height \(Int(h)) leaves no room for the map at this width "
                        + "(at least \(needed) px needed)")
            }
            return frameH
        }
        let bounds = MapTransform.projectedBounds(projection, box)
        let frameH = width * bounds.height / bounds.width
        return min(max(frameH, width * 0.45), width * 1.3).rounded()
    }
}
