import Foundation

/// What a map is asked to be.
public struct MapRequest: Sendable {
    public var width: Double
    /// nil: derived from the extent's shape.
    public var height: Double?
    /// Dots per inch when the figure is sized for print: text and lines are then set in points.
    public var dpi: Double?
    /// A fixed extent instead of the one the article's places suggest.
    public var box: GeoBox?
    public init(width: Double = 1600, height: Double? = nil, dpi: Double? = nil, box: GeoBox? = nil) {
        self.width = width; self.height = height; self.dpi = dpi; self.box = box
    }
}

/// Builds the scene of one article's map: extent, projection, basemap layers, symbols, labels, legend.
public struct MapComposer {
    public let basemap: Basemap
    public let gazetteer: Gazetteer
    let measurer: TextMeasuring

    public init(basemap: Basemap, gazetteer: Gazetteer, measurer: TextMeasuring) {
        self.basemap = basemap
        self.gazetteer = gazetteer
        self.measurer = measurer
    }

    public func compose(article: Article, places: PlaceResolution, checks: [DistanceCheck] = [], control: ControlLayer? = nil,
                        request: MapRequest) throws -> Scene {
        let style = MapStyle(width: request.width, dpi: request.dpi)
        var extent = ExtentChooser.choose([places])
        if let box = request.box {
            let inside = places.points.filter { box.contains($0.coordinate) }
            extent = MapExtent(box: box, offMap: places.points.filter { !box.contains($0.coordinate) }, onMap: inside)
        } else if extent.onMap.isEmpty {
            if places.points.isEmpty {
                throw FrontlineError.badInput(file: article.path ?? article.name, reason: "names no place the gazetteer knows: nothing to map")
            }
            throw FrontlineError.badInput(file: article.path ?? article.name, reason: "every place it names lies outside the basemap's region: "
                                          + places.points.map(\.text).joined(separator: ", "))
        }
        let projection = try Projection.conformal(for: extent.box)
        let W = request.width

        // Layout: title band, map frame (with a gutter for graticule labels), footer.
        let margin = style.text(28), gutterLeft = style.text(46), gutterBottom = style.text(24)
        let titleSize = style.text(30), subtitleSize = style.text(16)
        // A long title is set smaller (down to 70%), then on two lines; the subtitle wraps too.
        var shownTitleSize = titleSize
        while shownTitleSize > titleSize * 0.7,
              measurer.size(of: article.title, style: .bold, fontSize: shownTitleSize).width > W - 2 * margin {
            shownTitleSize -= titleSize * 0.05
        }
        let titleLines = Array(wrap(article.title, width: W - 2 * margin, size: shownTitleSize, style: .bold).prefix(2))
        let subtitleLines = Array(wrap(subtitleText(article, control: control != nil && !(control?.states.isEmpty ?? true)),
                                       width: W - 2 * margin, size: subtitleSize).prefix(2))
        let titleBlock = shownTitleSize * 1.15 * Double(titleLines.count) + subtitleSize * 1.25 * Double(subtitleLines.count)
        let top = margin + titleBlock + subtitleSize * 0.45 + style.px(14)
        let footSize = style.text(12.5), footLine = footSize * 1.45
        let frameX = margin + gutterLeft
        let frameW = W - frameX - margin
        let footer = footerLines(article: article, places: places, extent: extent, unlabelled: [], checks: checks)
        let footerWidth = W - 2 * margin
        let wrappedCount = footer.reduce(0) { $0 + wrap($1, width: footerWidth, size: footSize).count } + 1
        let footerH = Double(wrappedCount) * footLine + margin
        let projBounds = MapTransform.projectedBounds(projection, extent.box)
        var frameH: Double
        var H: Double
        if let h = request.height {
            frameH = h - top - gutterBottom - footerH
            guard frameH >= 80 else {
                throw FrontlineError.usage("--height \(Int(h)) leaves no room for the map at this width (at least \(Int(top + gutterBottom + footerH + 80)) px needed)")
            }
            H = h
        } else {
            frameH = frameW * projBounds.height / projBounds.width
            frameH = min(max(frameH, frameW * 0.45), frameW * 1.3)
            frameH = frameH.rounded()
            H = (top + frameH + gutterBottom + footerH).rounded()
        }
        let frame = Rect(x: frameX, y: top, width: frameW, height: frameH)
        // The legend goes inside the frame when it fits there; on a small figure, under the map.
        let mapPanel = try panel(frame: frame, extent: extent, projection: projection, places: places, checks: checks, control: control,
                                 phase: .after, legendInside: true, style: style, forceLegendInside: request.height != nil)
        var legendBelow = 0.0
        var belowItems: [SceneItem] = []
        if !mapPanel.legendPlaced {
            let legend = LegendLayout(entries: mapPanel.legend, style: style, measurer: measurer, scaleKm: mapPanel.scale.km, scaleLength: mapPanel.scale.length)
            belowItems = legend.items(at: Point(x: margin, y: frame.maxY + gutterBottom + style.text(6)))
            legendBelow = legend.size.height + style.text(12)
            H = (H + legendBelow).rounded()
        }
        var items: [SceneItem] = [.path(parts: [corners(Rect(x: 0, y: 0, width: W, height: H))], closed: true, style: PathStyle(fill: style.paper))]
        items += mapPanel.items + belowItems
        let labels = mapPanel.labels, unlabelled = mapPanel.unlabelled, legendEntries = mapPanel.legend

        // Title, subtitle, footer.
        var ty = margin + shownTitleSize * 0.9
        for (k, line) in titleLines.enumerated() {
            let text = k == titleLines.count - 1 ? fit(line + (titleLines.count < wrap(article.title, width: W - 2 * margin, size: shownTitleSize, style: .bold).count ? "…" : ""), width: W - 2 * margin, style: .bold, size: shownTitleSize) : line
            items.append(.text(TextItem(text: text, origin: Point(x: margin, y: ty), style: .bold, size: shownTitleSize, color: style.ink)))
            ty += shownTitleSize * 1.15
        }
        ty += subtitleSize * 0.3
        for line in subtitleLines {
            items.append(.text(TextItem(text: fit(line, width: W - 2 * margin, style: .regular, size: subtitleSize),
                                        origin: Point(x: margin, y: ty), size: subtitleSize, color: style.muted)))
            ty += subtitleSize * 1.25
        }
        var y = frame.maxY + gutterBottom + footLine + legendBelow
        let finalFooter = footerLines(article: article, places: places, extent: extent, unlabelled: unlabelled, checks: checks)
        for line in finalFooter {
            for w in wrap(line, width: footerWidth, size: footSize) {
                items.append(.text(TextItem(text: w, origin: Point(x: margin, y: y), size: footSize, color: style.muted)))
                y += footLine
            }
        }
        var footnotes: [String] = []
        if !extent.offMap.isEmpty { footnotes.append(offMapText(extent)) }
        footnotes += places.unresolved.filter(\.cued).map { "\($0.text): not located (\($0.reason))" }
        footnotes += unlabelled.map { "\($0): not labelled for lack of room" }

        let description = describe(article: article, places: places, extent: extent, control: control)
        let shownExtent = extent
        var scene = Scene(width: W, height: H, items: items, title: article.title, description: description,
                          metadataJSON: SceneMetadata.json(article: article, places: places, extent: shownExtent, control: control),
                          frame: frame, labels: labels, legend: legendEntries, footnotes: footnotes, footerLines: finalFooter)
        scene.dpi = request.dpi
        return scene
    }


    /// One map panel: basemap, measured stretches, control symbols, labels, graticule and frame, inside `frame`.
    struct Panel {
        var items: [SceneItem]
        var labels: [PlacedLabel]
        var unlabelled: [String]
        var legend: [LegendEntry]
        var scale: (km: Double, length: Double)
        var transform: MapTransform
        var legendPlaced: Bool
    }

    func panel(frame: Rect, extent: MapExtent, projection: Projection, places: PlaceResolution, checks: [DistanceCheck],
               control: ControlLayer?, phase: Phase, legendInside: Bool, style: MapStyle, forceLegendInside: Bool = false) throws -> Panel {
        let t = MapTransform(projection: projection, box: extent.box, frame: frame)
        let visible = t.visibleBox
        var items: [SceneItem] = [.clip(frame)]
        items.append(.path(parts: [corners(frame)], closed: true, style: PathStyle(fill: style.sea)))

        // Basemap layers, only the shapes that can show, projected on both cores at once.
        let focus = Set(places.focusCountries.prefix(2))
        let layers = try [Basemap.Layer.land, .countries, .lakes, .rivers, .coastline, .boundaries].map { try basemap.records($0, within: visible) }
        let surface = try t.lines(of: layers)
        let (countries, lakes, rivers) = (layers[1], layers[2], layers[3])
        // What is drawn is cut to the frame and a margin wider than any basemap stroke (the frame's
        // clip hides the rest); what labels are placed along stays whole.
        let margin = style.px(16)
        let shown = Rect(x: frame.minX - margin, y: frame.minY - margin, width: frame.width + 2 * margin, height: frame.height + 2 * margin)
        func rings(_ parts: [[Point]]) -> [[Point]] { parts.map { FrameCut.ring($0, to: shown) }.filter { !$0.isEmpty } }
        func lines(_ parts: [[Point]]) -> [[Point]] { parts.flatMap { FrameCut.line($0, to: shown) } }
        items.append(.path(parts: rings(surface[0].flatMap { $0 }), closed: true, style: PathStyle(fill: style.land)))
        var countryShapes: [(name: String, iso: String, parts: [[Point]])] = []
        for (i, c) in countries.enumerated() {
            let parts = surface[1][i]
            let iso = c.attributes["ISO_A2"] ?? ""
            countryShapes.append((c.attributes["NAME"] ?? iso, iso, parts))
            if focus.contains(iso) {
                items.append(.path(parts: rings(parts), closed: true, style: PathStyle(fill: style.focusLand)))
            }
        }
        let lakeStyle = PathStyle(fill: style.sea, stroke: style.lakeOutline, lineWidth: style.px(0.6))
        if !lakes.isEmpty {
            items.append(.path(parts: rings(surface[2].flatMap { $0 }), closed: true, style: lakeStyle))
        }
        let mentionedRivers = Set(places.places.filter { $0.kind == .river }.map(\.entry.name))
        let majorRiver = PathStyle(stroke: style.river, lineWidth: style.px(1.9))
        let minorRiver = PathStyle(stroke: style.river, lineWidth: style.px(1.1))
        var riverLines: [(name: String, line: [Point])] = []
        for (i, r) in rivers.enumerated() {
            let name = r.attributes["NAME"] ?? ""
            let major = ["Euphrates", "Tigris", "Shatt al-Arab"].contains(name) || mentionedRivers.contains(name)
            let drawn = surface[3][i]
            items.append(.path(parts: lines(drawn), closed: false, style: major ? majorRiver : minorRiver))
            if let longest = drawn.max(by: { $0.count < $1.count }) { riverLines.append((name, longest)) }
        }
        items.append(.path(parts: lines(surface[4].flatMap { $0 }), closed: false,
                           style: PathStyle(stroke: style.coast, lineWidth: style.px(0.8))))
        let borderParts = surface[5].flatMap { $0 }
        let borderStyle = PathStyle(stroke: style.border, lineWidth: style.px(1.4), dash: [7, 2.5, 1.5, 2.5].map(style.px))
        items.append(.path(parts: lines(borderParts), closed: false, style: PathStyle(stroke: RGBA(1, 1, 1, 0.7), lineWidth: style.px(3.2))))
        items.append(.path(parts: borderParts, closed: false, style: borderStyle))  // whole: cut, its dashes would move

        // Measured stretches: a highlight under the river or border, a straight dashed line, a numbered badge.
        let measureStyle = PathStyle(stroke: style.measure, lineWidth: style.px(7))
        let straightStyle = PathStyle(stroke: style.measureInk, lineWidth: style.px(1.8), dash: [5, 3].map(style.px))
        var badgeLines: [(Int, [Point])] = []
        var crosses: [Point] = []
        for (i, c) in checks.enumerated() where c.stretch.count > 1 {
            let line = t.line(c.stretch)
            let isStraight = c.kind == .straight
            items.append(.path(parts: [line], closed: false, style: isStraight ? straightStyle : measureStyle))
            badgeLines.append((i + 1, line))
            if let end = c.claimedEnd, let d = t.device(end), frame.contains(d) {
                let r = style.px(5)
                crosses.append(d)
                items.append(.path(parts: [[Point(x: d.x - r, y: d.y - r), Point(x: d.x + r, y: d.y + r)], [Point(x: d.x - r, y: d.y + r), Point(x: d.x + r, y: d.y - r)]],
                                   closed: false, style: PathStyle(stroke: style.measureInk, lineWidth: style.px(2.2))))
            }
        }

        // Graticule lines inside the frame; labels come after the frame.
        let grat = graticule(t, visible: visible)
        items.append(.path(parts: grat.lines, closed: false, style: PathStyle(stroke: style.graticule, lineWidth: style.px(0.6))))

        // Markers: every drawn place, sized by kind.
        // Places with claims first (they are labelled first), then by mentions and size.
        let statesAfter = Dictionary((control?.states ?? []).filter { $0.phase == phase }.map { ($0.placeID, $0) }, uniquingKeysWith: { a, _ in a })
        let drawn = extent.onMap.sorted {
            (statesAfter[$0.entry.id] != nil ? 1 : 0, $0.mentions.count, $0.entry.population) > (statesAfter[$1.entry.id] != nil ? 1 : 0, $1.mentions.count, $1.entry.population)
        }
        var placer = LabelPlacer(bounds: frame.insetBy(style.px(3)), measurer: measurer)
        var markers: [(ResolvedPlace, MarkerItem)] = []
        for p in drawn {
            guard let d = t.device(p.coordinate), frame.contains(d) else { continue }
            var m = marker(for: p, at: d, style: style)
            if let control {
                if let st = statesAfter[p.entry.id], st.controller != nil { control.style(&m, state: st, style: style) } else { m.fill = style.plainMarker }
            }
            markers.append((p, m))
            let e = m.extent + 1
            placer.reserve(Rect(x: d.x - e, y: d.y - e, width: 2 * e, height: 2 * e))
        }
        // Advance arrows, pointing at the place from the side the advancing force holds (or from the map's middle).
        var arrows: [(actor: Actor, shape: [Point])] = []
        if let control {
            for (p, m) in markers {
                guard let st = statesAfter[p.entry.id] else { continue }
                for id in st.advancing {
                    guard let actor = control.actors.actor(id: id) else { continue }
                    let held = markers.filter { statesAfter[$0.0.entry.id]?.controller == id && $0.0.entry.id != p.entry.id && statesAfter[$0.0.entry.id]?.status != .withdrawn }
                    let from = held.isEmpty ? frame.center
                        : Point(x: held.map(\.1.center.x).reduce(0, +) / Double(held.count), y: held.map(\.1.center.y).reduce(0, +) / Double(held.count))
                    var dx = m.center.x - from.x, dy = m.center.y - from.y
                    let len = max(hypot(dx, dy), 1); dx /= len; dy /= len
                    let tip = Point(x: m.center.x - dx * (m.extent + style.px(3)), y: m.center.y - dy * (m.extent + style.px(3)))
                    let tail = Point(x: tip.x - dx * style.px(46), y: tip.y - dy * style.px(46))
                    let shape = ArrowShape.polygon(from: tail, to: tip, width: style.px(5))
                    arrows.append((actor, shape))
                    let xs = shape.map(\.x), ys = shape.map(\.y)
                    placer.reserve(Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!))
                }
            }
        }

        for d in crosses {
            let r = style.px(6)
            placer.reserve(Rect(x: d.x - r, y: d.y - r, width: 2 * r, height: 2 * r))
        }

        // Legend and scale bar, in the corner with the fewest markers.
        var legendEntries: [LegendEntry] = []
        let plain = markers.filter { statesAfter[$0.0.entry.id] == nil }
        if let m = plain.first(where: { !$0.0.approximate })?.1 {
            legendEntries.append(LegendEntry(symbol: .marker(m), label: control == nil ? "Place named in the article" : "Place named, no control stated"))
        }
        if let control {
            legendEntries += control.legend(markers: markers.map(\.1), states: markers.compactMap { statesAfter[$0.0.entry.id] },
                                            arrows: arrows.map(\.actor), style: style)
        }
        if markers.contains(where: { $0.0.approximate }) {
            let sample = MarkerItem(center: Point(x: 0, y: 0), radius: style.px(4.2), shape: .approximate,
                                    fill: style.markerFill, outline: RGBA(1, 1, 1), outlineWidth: style.px(1.6))
            legendEntries.append(LegendEntry(symbol: .marker(sample), label: "Approximate position, placed from the text"))
        }
        if !riverLines.isEmpty { legendEntries.append(LegendEntry(symbol: .line(majorRiver), label: "River")) }
        if !lakes.isEmpty { legendEntries.append(LegendEntry(symbol: .area(lakeStyle), label: "Lake or reservoir")) }
        if !borderParts.isEmpty { legendEntries.append(LegendEntry(symbol: .line(borderStyle), label: "International border")) }
        if checks.contains(where: { $0.kind != .straight && $0.stretch.count > 1 }) {
            legendEntries.append(LegendEntry(symbol: .line(measureStyle), label: "Measured stretch (checks below the map)"))
        }
        if checks.contains(where: { $0.kind == .straight && $0.stretch.count > 1 }) {
            legendEntries.append(LegendEntry(symbol: .line(straightStyle), label: "Measured straight distance"))
        }
        if checks.contains(where: { $0.claimedEnd != nil }) {
            legendEntries.append(LegendEntry(symbol: .cross(style.measureInk), label: "Where the claimed length would end"))
        }
        if !focus.isEmpty {
            legendEntries.append(LegendEntry(symbol: .area(PathStyle(fill: style.focusLand, stroke: style.muted, lineWidth: style.px(0.5))),
                                             label: "Country the article is about"))
        }
        let scale = niceScale(kmPerUnit: t.kmPerUnit, target: style.px(130))
        let legend = LegendLayout(entries: legendEntries, style: style, measurer: measurer, scaleKm: scale.km, scaleLength: scale.length)
        let (lw, lh) = legend.size
        let inset = style.px(12)
        let corners4 = [Point(x: frame.minX + inset, y: frame.maxY - inset - lh), Point(x: frame.maxX - inset - lw, y: frame.maxY - inset - lh),
                        Point(x: frame.minX + inset, y: frame.minY + inset), Point(x: frame.maxX - inset - lw, y: frame.minY + inset)]
        let fits = forceLegendInside || (lw <= frame.width * 0.36 && lh <= frame.height * 0.62)
        let legendOrigin: Point? = !(legendInside && fits) ? nil : corners4.min { a, b in
            let ra = Rect(x: a.x, y: a.y, width: lw, height: lh), rb = Rect(x: b.x, y: b.y, width: lw, height: lh)
            return markers.filter { ra.insetBy(-style.px(40)).contains($0.1.center) }.count
                < markers.filter { rb.insetBy(-style.px(40)).contains($0.1.center) }.count
        }!
        if let legendOrigin { placer.reserve(Rect(x: legendOrigin.x, y: legendOrigin.y, width: lw, height: lh).insetBy(-style.px(4))) }

        // Labels: places first (most mentioned first), then rivers, then countries.
        var labels: [PlacedLabel] = []
        var labelItems: [SceneItem] = []
        var unlabelled: [String] = []
        let placeSize = style.text(15.5)
        for (p, m) in markers {
            let fontStyle: FontStyle = p.mentions.count > 1 || p.kind == .city ? .bold : .regular
            if let l = placer.placeBeside(p.text, at: m.center, markerRadius: m.radius, style: fontStyle, size: placeSize, gap: style.px(4)) {
                if l.far {
                    // A label set further out gets a leader line to its marker.
                    let target = Point(x: min(max(m.center.x, l.box.minX), l.box.maxX), y: min(max(m.center.y, l.box.minY), l.box.maxY))
                    let d = target.distance(to: m.center)
                    if d > m.radius + 2 {
                        let k = (m.radius + 1.5) / d
                        let from = Point(x: m.center.x + (target.x - m.center.x) * k, y: m.center.y + (target.y - m.center.y) * k)
                        labelItems.append(.path(parts: [[from, target]], closed: false, style: PathStyle(stroke: style.muted, lineWidth: style.px(0.9))))
                    }
                }
                labelItems.append(.text(TextItem(text: p.text, origin: l.origin, style: fontStyle, size: placeSize, color: style.ink,
                                                 halo: style.halo, haloWidth: style.px(3.5))))
                labels.append(PlacedLabel(text: p.text, kind: .place, boxes: [l.box]))
            } else {
                unlabelled.append(p.text)
            }
        }
        // Each check's numbered badge: on its line, near the middle, clear of every marker.
        let badgeRadius = style.text(9)
        var badges: [(Int, Point)] = []
        var badgeLeaders: [[Point]] = []
        for (n, line) in badgeLines {
            func box(_ p: Point) -> Rect { Rect(x: p.x - badgeRadius - 1, y: p.y - badgeRadius - 1, width: 2 * badgeRadius + 2, height: 2 * badgeRadius + 2) }
            var placed = false
            for f in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9] {
                guard let p = MapComposer.point(along: line, fraction: f), frame.insetBy(badgeRadius).contains(p), placer.index.isFree(box(p)) else { continue }
                placer.reserve(box(p))
                badges.append((n, p))
                placed = true
                break
            }
            // No room on the line: beside its middle, with a leader.
            guard !placed, let mid = MapComposer.point(along: line, fraction: 0.5) else { continue }
            search: for d in [2.6, 3.6, 5.0] {
                for k in 0..<8 {
                    let a = Double(k) * .pi / 4 - .pi / 2
                    let p = Point(x: mid.x + cos(a) * badgeRadius * d, y: mid.y + sin(a) * badgeRadius * d)
                    if placer.index.isFree(box(p)) {
                        placer.reserve(box(p))
                        badges.append((n, p))
                        badgeLeaders.append([mid, Point(x: mid.x + cos(a) * badgeRadius * (d - 1), y: mid.y + sin(a) * badgeRadius * (d - 1))])
                        break search
                    }
                }
            }
        }
        // Each badge carries the measured length beside it.
        for (n, p) in badges {
            let c = checks[n - 1]
            guard let km = c.kind == .straight ? c.straightKm : c.alongKm else { continue }
            let text = MapComposer.kmText(km)
            let size = style.text(12.5)
            if let l = placer.placeBeside(text, at: p, markerRadius: badgeRadius, style: .bold, size: size, gap: style.px(2)) {
                labelItems.append(.text(TextItem(text: text, origin: l.origin, style: .bold, size: size, color: style.measureInk,
                                                 halo: style.halo, haloWidth: style.px(3))))
                labels.append(PlacedLabel(text: text, kind: .measure, boxes: [l.box]))
            }
        }

        let riverSize = style.text(14)
        for (name, line) in riverLines.sorted(by: { (mentionedRivers.contains($0.name) ? 0 : 1, $0.name) < (mentionedRivers.contains($1.name) ? 0 : 1, $1.name) }) {
            // The longest run of the line inside the frame (a line may leave and re-enter it).
            var runs: [[Point]] = [[]]
            for p in line {
                if frame.insetBy(style.px(6)).contains(p) { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            let runLength = { (r: [Point]) in zip(r, r.dropFirst()).reduce(0.0) { $0 + $1.0.distance(to: $1.1) } }
            guard let clipped = runs.max(by: { runLength($0) < runLength($1) }), clipped.count > 2, !name.isEmpty else { continue }
            if let placed = placer.placeAlong(name, line: clipped, style: .italic, size: riverSize, offset: style.px(6.5)) {
                for var g in placed.items {
                    g.color = style.riverLabel
                    g.halo = style.halo
                    g.haloWidth = style.px(3)
                    labelItems.append(.text(g))
                }
                labels.append(PlacedLabel(text: name, kind: .river, boxes: placed.boxes))
            }
        }
        let lakeSize = style.text(12.5)
        for lake in lakes {
            guard let name = lake.attributes["NAME"], !name.isEmpty else { continue }
            let parts = lake.parts.map { t.line($0) }
            let xs = parts.flatMap { $0.map(\.x) }, ys = parts.flatMap { $0.map(\.y) }
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
                  (maxX - minX) * (maxY - minY) > style.px(30) * style.px(30) else { continue }
            let bbox = Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
            // Beside the lake if it is too small for its name inside.
            let inner = labelPoints(parts, frame: bbox, grid: 8).filter { frame.insetBy(style.px(20)).contains($0) }
            if let p = inner.first,
               let l = placer.placeCentred(name, at: p, style: .italic, size: lakeSize) ?? placer.placeBeside(name, at: Point(x: bbox.maxX, y: bbox.center.y), markerRadius: 0, style: .italic, size: lakeSize, gap: style.px(3)).map({ ($0.origin, $0.box) }) {
                labelItems.append(.text(TextItem(text: name, origin: l.origin, style: .italic, size: lakeSize, color: style.riverLabel,
                                                 halo: style.halo, haloWidth: style.px(2.5))))
                labels.append(PlacedLabel(text: name, kind: .lake, boxes: [l.box]))
            }
        }
        let countrySize = style.text(17)
        for c in countryShapes.sorted(by: { (focus.contains($0.iso) ? 0 : 1, $0.name) < (focus.contains($1.iso) ? 0 : 1, $1.name) }) {
            let text = c.name.uppercased()
            for p in labelPoints(c.parts, frame: frame.insetBy(style.px(30))) {
                if let l = placer.placeCentred(text, at: p, style: .regular, size: countrySize) {
                    labelItems.append(.text(TextItem(text: text, origin: l.origin, style: .regular, size: countrySize,
                                                     color: style.countryLabel, halo: RGBA(1, 1, 1, 0.5), haloWidth: style.px(2))))
                    labels.append(PlacedLabel(text: text, kind: .country, boxes: [l.box]))
                    break
                }
            }
        }
        for a in arrows {
            items.append(.path(parts: [a.shape], closed: true, style: PathStyle(fill: a.actor.fill, stroke: RGBA(1, 1, 1), lineWidth: style.px(1.2))))
        }
        items += markers.map { .marker($0.1) }
        if !badgeLeaders.isEmpty {
            items.append(.path(parts: badgeLeaders, closed: false, style: PathStyle(stroke: style.measureInk, lineWidth: style.px(1))))
        }
        for (n, p) in badges {
            items.append(.marker(MarkerItem(center: p, radius: badgeRadius, shape: .dot, fill: RGBA(1, 1, 1), outline: style.measureInk, outlineWidth: style.px(1.8))))
            let text = "\(n)"
            let m = measurer.size(of: text, style: .bold, fontSize: style.text(12))
            items.append(.text(TextItem(text: text, origin: Point(x: p.x - m.width / 2, y: p.y + (m.ascent - m.descent) / 2), style: .bold,
                                        size: style.text(12), color: style.measureInk)))
        }
        items += labelItems
        items.append(.unclip)

        // Frame, graticule ticks and their labels.
        items.append(.path(parts: [corners(frame)], closed: true, style: PathStyle(stroke: style.frameColor, lineWidth: style.px(1.2))))
        let tickSize = style.text(11.5)
        for (text, p, vertical) in grat.ticks {
            let m = measurer.size(of: text, style: .regular, fontSize: tickSize)
            if vertical {
                items.append(.path(parts: [[p, Point(x: p.x, y: p.y + style.px(5))]], closed: false, style: PathStyle(stroke: style.frameColor, lineWidth: style.px(1))))
                items.append(.text(TextItem(text: text, origin: Point(x: p.x - m.width / 2, y: p.y + style.px(6) + m.ascent), size: tickSize, color: style.muted)))
            } else {
                items.append(.path(parts: [[p, Point(x: p.x - style.px(5), y: p.y)]], closed: false, style: PathStyle(stroke: style.frameColor, lineWidth: style.px(1))))
                items.append(.text(TextItem(text: text, origin: Point(x: p.x - style.px(7) - m.width, y: p.y + m.ascent * 0.38), size: tickSize, color: style.muted)))
            }
        }
        if let legendOrigin { items += legend.items(at: legendOrigin) }
        return Panel(items: items, labels: labels, unlabelled: unlabelled, legend: legendEntries, scale: scale, transform: t,
                     legendPlaced: legendOrigin != nil)
    }

    // MARK: pieces

    /// The point at `fraction` of a line's length on the map.
    static func point(along line: [Point], fraction: Double) -> Point? {
        guard line.count > 1 else { return nil }
        let lengths = zip(line, line.dropFirst()).map { $0.0.distance(to: $0.1) }
        var rest = lengths.reduce(0, +) * fraction
        for (k, l) in lengths.enumerated() {
            if rest <= l || k == lengths.count - 1 {
                let f = l == 0 ? 0 : min(rest / l, 1)
                return Point(x: line[k].x + (line[k + 1].x - line[k].x) * f, y: line[k].y + (line[k + 1].y - line[k].y) * f)
            }
            rest -= l
        }
        return nil
    }

    /// One line under the map for a distance check.
    /// "1,047 km", "17.8 km".
    static func kmText(_ v: Double) -> String { number(v) + " km" }

    /// A distance's figure: grouped, one decimal below 100 km (Foundation's NumberFormatter, ICU).
    static func number(_ v: Double) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = v < 100 ? 1 : 0
        f.locale = Locale(identifier: "en_US_POSIX")
        f.usesGroupingSeparator = true
        f.groupingSeparator = ","
        return f.string(from: NSNumber(value: v)) ?? String(format: "%.0f", v)
    }

    static func caption(_ c: DistanceCheck) -> String {
        let km = kmText
        var s = "\u{201C}\(c.quote)\u{201D}: "
        switch c.verdict {
        case .cannotCheck:
            return s + "cannot be checked (\(c.note))."
        default:
            let ends = "\(c.from ?? "?") to \(c.to ?? "?")"
            if c.kind == .straight {
                s += "measured \(km(c.straightKm ?? 0)) straight from \(ends)"
            } else {
                s += "measured \(km(c.alongKm ?? 0)) along the \(c.line ?? "line") from \(ends)"
                if let st = c.straightKm { s += " (\(km(st)) straight)" }
            }
            if let d = c.differencePercent { s += String(format: ", %+.0f%%", d) }
            s += ": \(c.verdict.rawValue)"
            if c.bearingAgrees == false { s += ", wrong direction" }
            if let near = c.claimedEndNear { s += "; the claimed \(c.claimedText) would end near \(near) (×)" }
            return s + "."
        }
    }

    func marker(for p: ResolvedPlace, at d: Point, style: MapStyle) -> MarkerItem {
        let r: Double = p.kind == .city ? 6 : p.kind == .town ? 5 : 4.2
        return MarkerItem(center: d, radius: style.px(r), shape: p.approximate ? .approximate : .dot,
                          fill: style.markerFill, outline: RGBA(1, 1, 1), outlineWidth: style.px(1.6))
    }

    /// Whole-degree (or coarser) graticule lines and where they meet the bottom and left edges.
    func graticule(_ t: MapTransform, visible: GeoBox) -> (lines: [[Point]], ticks: [(String, Point, Bool)]) {
        let span = max(visible.width, visible.height)
        let step: Double = span > 24 ? 5 : span > 10 ? 2 : 1
        var lines: [[Point]] = []
        var ticks: [(String, Point, Bool)] = []
        let f = t.frame
        var lon = (visible.minLon / step).rounded(.up) * step
        while lon <= visible.maxLon {
            let (drawn, line) = t.curve(stride(from: visible.minLat, through: visible.maxLat, by: 0.05).map { LonLat(lon: lon, lat: $0) })
            lines.append(drawn)
            if let x = crossing(line, horizontal: f.maxY), x > f.minX + 5, x < f.maxX - 5 {
                ticks.append((degrees(lon, pos: "E", neg: "W"), Point(x: x, y: f.maxY), true))
            }
            lon += step
        }
        var lat = (visible.minLat / step).rounded(.up) * step
        while lat <= visible.maxLat {
            let (drawn, line) = t.curve(stride(from: visible.minLon, through: visible.maxLon, by: 0.05).map { LonLat(lon: $0, lat: lat) })
            lines.append(drawn)
            if let y = crossing(line, vertical: f.minX), y > f.minY + 5, y < f.maxY - 5 {
                ticks.append((degrees(lat, pos: "N", neg: "S"), Point(x: f.minX, y: y), false))
            }
            lat += step
        }
        return (lines, ticks)
    }

    func degrees(_ v: Double, pos: String, neg: String) -> String {
        let a = abs(v)
        let s = a == a.rounded() ? String(Int(a)) : String(format: "%.1f", a)
        return "\(s)°\(v >= 0 ? pos : neg)"
    }

    func crossing(_ line: [Point], horizontal y: Double) -> Double? {
        for i in 1..<max(line.count, 1) where (line[i - 1].y - y) * (line[i].y - y) <= 0 && line[i - 1].y != line[i].y {
            let k = (y - line[i - 1].y) / (line[i].y - line[i - 1].y)
            return line[i - 1].x + k * (line[i].x - line[i - 1].x)
        }
        return nil
    }

    func crossing(_ line: [Point], vertical x: Double) -> Double? {
        for i in 1..<max(line.count, 1) where (line[i - 1].x - x) * (line[i].x - x) <= 0 && line[i - 1].x != line[i].x {
            let k = (x - line[i - 1].x) / (line[i].x - line[i - 1].x)
            return line[i - 1].y + k * (line[i].y - line[i - 1].y)
        }
        return nil
    }

    /// Points inside a country's visible area, best first (nearest the middle of what shows).
    func labelPoints(_ parts: [[Point]], frame: Rect, grid: Int = 24) -> [Point] {
        var inside: [Point] = []
        let nx = grid, ny = max(grid * 2 / 3, 4)
        // Only grid points inside the shape's bounds need the full point-in-polygon test.
        let xs = parts.joined().map(\.x), ys = parts.joined().map(\.y)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return [] }
        // The even-odd test of `pointInPolygon`, a grid row at a time: where the rings' edges cross the
        // row is worked out once per row (the same arithmetic), not once per point.
        let column = (0..<nx).map { frame.minX + (Double($0) + 0.5) * frame.width / Double(nx) }
        var isInside = [[Bool]](repeating: [Bool](repeating: false, count: ny), count: nx)
        for j in 0..<ny {
            let y = frame.minY + (Double(j) + 0.5) * frame.height / Double(ny)
            guard y >= minY, y <= maxY else { continue }
            let crossings = rowCrossings(parts, y: y)
            for i in 0..<nx where column[i] >= minX && column[i] <= maxX {
                isInside[i][j] = crossings.reduce(false) { odd, x in column[i] < x ? !odd : odd }
            }
        }
        for i in 0..<nx {
            for j in 0..<ny where isInside[i][j] {
                inside.append(Point(x: column[i], y: frame.minY + (Double(j) + 0.5) * frame.height / Double(ny)))
            }
        }
        guard inside.count >= 4 else { return [] }
        let cx = inside.map(\.x).reduce(0, +) / Double(inside.count)
        let cy = inside.map(\.y).reduce(0, +) / Double(inside.count)
        let c = Point(x: cx, y: cy)
        return inside.sorted { $0.distance(to: c) < $1.distance(to: c) }
    }

    func subtitleText(_ a: Article, control: Bool = false) -> String {
        let date = a.date.map { "as reported on \($0)" } ?? "date not stated in the article"
        return (control ? "Who holds what after the events the article reports" : "Places named in the article") + " · \(date)"
    }

    func countryName(_ iso: String) -> String {
        gazetteer.country(iso)?.name
            ?? Locale(identifier: "en_US_POSIX").localizedString(forRegionCode: iso) ?? iso
    }

    func offMapText(_ extent: MapExtent) -> String {
        "Also mentioned, off map: " + extent.offMap.map { "\($0.text) (\(countryName($0.entry.country)))" }.joined(separator: ", ")
    }

    func footerLines(article: Article, places: PlaceResolution, extent: MapExtent, unlabelled: [String], checks: [DistanceCheck]) -> [String] {
        var lines: [String] = []
        for (i, c) in checks.enumerated() { lines.append("(\(i + 1)) " + MapComposer.caption(c)) }
        if !extent.offMap.isEmpty { lines.append(offMapText(extent) + ".") }
        let missing = places.unresolved.filter(\.cued)
        if !missing.isEmpty {
            lines.append("Named but not located: " + missing.map(\.text).joined(separator: ", ") + " (no coordinates in the gazetteer).")
        }
        if !unlabelled.isEmpty { lines.append("Not labelled for lack of room: " + unlabelled.joined(separator: ", ") + ".") }
        let src = article.source.map { "Source: \($0)" } ?? "Source: article \"\(article.name)\""
        lines.append("\(src). Map by Frontline. Basemap: Natural Earth (public domain); rivers: GSHHG/WDBII (LGPL); places: GeoNames (CC-BY 4.0). Lambert conformal conic projection.")
        return lines
    }

    func describe(article: Article, places: PlaceResolution, extent: MapExtent, control: ControlLayer? = nil) -> String {
        var s = "Map of the places named in the article \"\(article.title)\"."
        let pts = extent.onMap.map { "\($0.text) (\(countryName($0.entry.country)))" }
        if !pts.isEmpty { s += " Marked: " + pts.joined(separator: ", ") + "." }
        if let control {
            let lines = extent.onMap.compactMap { p -> String? in
                guard let st = control.states.first(where: { $0.placeID == p.entry.id && $0.phase == .after }) else { return nil }
                return "\(p.text): " + control.describe(st)
            }
            if !lines.isEmpty { s += " After the events reported: " + lines.joined(separator: "; ") + "." }
        }
        let rivers = places.places.filter { $0.kind == .river }.map(\.text)
        if !rivers.isEmpty { s += " Rivers named: " + rivers.joined(separator: ", ") + "." }
        if !extent.offMap.isEmpty { s += " " + offMapText(extent) + "." }
        return s
    }

    /// Shortens a single line with an ellipsis to fit `width`.
    func fit(_ text: String, width: Double, style: FontStyle, size: Double) -> String {
        if measurer.size(of: text, style: style, fontSize: size).width <= width { return text }
        var t = text
        while t.count > 1, measurer.size(of: t + "…", style: style, fontSize: size).width > width { t.removeLast() }
        return t + "…"
    }

    func wrap(_ text: String, width: Double, size: Double, style fontStyle: FontStyle = .regular) -> [String] {
        // Each word is measured once and a line's width kept as the sum of its words' and spaces'
        // advances (the same sum Cairo makes); only a line that comes within a hundredth of a pixel
        // of the width is measured whole, so the breaks fall where measuring every candidate put them.
        func advance(_ s: String) -> Double { measurer.size(of: s, style: fontStyle, fontSize: size).width }
        let space = advance(" ")
        var lines: [String] = []
        var current = "", currentWidth = 0.0
        for word in text.split(separator: " ") {
            let w = advance(String(word))
            let candidate = current.isEmpty ? String(word) : current + " " + word
            let estimate = current.isEmpty ? w : currentWidth + space + w
            let tooWide = estimate < width - 0.01 ? false : advance(candidate) > width
            if tooWide, !current.isEmpty {
                lines.append(current)
                current = String(word)
                currentWidth = w
            } else {
                current = candidate
                currentWidth = estimate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// Where the edges of `rings` cross the horizontal line at `y`, as `pointInPolygon` computes them.
func rowCrossings(_ rings: [[Point]], y: Double) -> [Double] {
    var out: [Double] = []
    for ring in rings where ring.count > 2 {
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > y) != (b.y > y) { out.append((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) }
            j = i
        }
    }
    return out
}

/// Even-odd point-in-polygon over all rings.
func pointInPolygon(_ p: Point, _ rings: [[Point]]) -> Bool {
    var inside = false
    for ring in rings where ring.count > 2 {
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
    }
    return inside
}
