import Foundation

/// One map panel inside a frame. Its layers are built in turn, each reserving in the label index
/// what it draws before the next places anything: basemap, measured stretches, graticule, control
/// symbols, legend, then labels. They are drawn in the order a reader needs them on top.
struct MapPanel {
    var items: [SceneItem]
    var labels: [PlacedLabel]
    var unlabelled: [String]
    var legend: PanelLegend
    var transform: MapTransform
    /// The locator inset, when asked for and a corner is free for it.
    var inset: LocatorInset?

    /// What one panel shows: an extent's places in one phase of their control, with the checks drawn.
    struct Content {
        var extent: MapExtent
        var places: PlaceResolution
        var checks: [DistanceCheck]
        var control: ControlLayer
        var phase: Phase
    }

    /// `legendInside`: the legend goes inside the frame when it fits (always, with `forceLegend`);
    /// otherwise the caller sets `legend` elsewhere. `inset`: a locator inset goes in a free corner, set
    /// after the place names (it never hides one) and before the other names (which keep off it).
    init(
        frame: Rect, projection: Projection, content c: Content, legendInside: Bool, forceLegend: Bool = false,
        inset: Bool = false, basemap: Basemap, style: MapStyle, measurer: TextMeasuring
    ) throws {
        let t = MapTransform(projection: projection, box: c.extent.box, frame: frame)
        let visible = t.visibleBox
        let focus = Set(c.places.focusCountries.prefix(2))
        let rivers = Set(c.places.places.filter { $0.kind == .river }.map(\.entry.name))
        let base = try BasemapLayer(
            basemap: basemap, transform: t, visible: visible, focus: focus,
            mentionedRivers: rivers, style: style)
        let measures = MeasureLayer(checks: c.checks, transform: t, style: style)
        let graticule = Graticule(t, visible: visible)

        var placer = LabelPlacer(bounds: frame.insetBy(style.px(3)), measurer: measurer)
        let symbols = ControlSymbols(
            places: c.extent.onMap, control: c.control, phase: c.phase, transform: t,
            style: style, placer: &placer)
        measures.reserveCrosses(in: &placer, style: style)
        var legend = PanelLegend(
            symbols: symbols, control: c.control, basemap: base, checks: c.checks,
            focus: !focus.isEmpty, transform: t, style: style, measurer: measurer)
        if legendInside {
            legend.place(
                in: frame, force: forceLegend, markers: symbols.markers.map(\.marker.center), style: style,
                placer: &placer)
        }
        var names = LabelLayer(style: style)
        names.placeNames(symbols.markers, placer: &placer)
        let badges = MeasureBadges(
            lines: measures.badgeLines, checks: c.checks, frame: frame, style: style,
            placer: &placer)
        names.add(badges)
        if inset {
            self.inset = try LocatorInset.make(
                basemap: basemap, main: t, focus: focus, places: c.extent.onMap.map(\.entry.country),
                markers: symbols.markers.map(\.marker.center),
                lines: measures.badgeLines.map(\.line), style: style, placer: &placer)
        }
        names.riverNames(base.rivers, mentioned: rivers, frame: frame, placer: &placer)
        names.lakeNames(base.lakes, frame: frame, placer: &placer)
        names.countryNames(base.countries, focus: focus, frame: frame, placer: &placer)

        var items: [SceneItem] = [
            .clip(frame), .path(parts: [corners(frame)], closed: true, style: PathStyle(fill: style.sea)),
        ]
        items += base.items + measures.items
        items.append(.path(parts: graticule.lines, closed: false, style: style.graticuleLine))
        items += symbols.items(style: style) + badges.items(style: style, measurer: measurer) + names.items
        items.append(.unclip)
        items.append(.path(parts: [corners(frame)], closed: true, style: style.frameLine))
        items += graticule.tickItems(style: style, measurer: measurer) + legend.items()
        items += self.inset?.items ?? []
        self.items = items
        self.labels = names.labels
        self.unlabelled = names.unlabelled
        self.legend = legend
        self.transform = t
    }
}
