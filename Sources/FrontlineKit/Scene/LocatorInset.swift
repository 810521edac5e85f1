import Foundation

/// The inset's style: the styles file's "inset" section, its sizes scaled for this map.
struct InsetStyle {
    let sheet: StyleSheet
    let map: MapStyle

    func number(_ key: String) -> Double { sheet.number("inset", key) }
    /// A size in style units, on this map's surface.
    func px(_ key: String) -> Double { map.px(number(key)) }
    func colour(_ key: String) -> RGBA { RGBA(hex: sheet.colour("inset", key)) ?? map.ink }
}

/// A locator inset: a small map, in a corner of the main one, of the country (or countries) it lies in,
/// from the coarse countries layer, the neighbours faint, and the main map's frame drawn on it in red
/// (a dot and a crosshair when the frame would be too small to see there). Its corner is the first
/// free of every marker, place label, legend and measured line; with none free there is no inset.
public struct LocatorInset: Sendable {
    public enum Corner: String, Sendable, CaseIterable {
        case topRight = "top right", topLeft = "top left", bottomRight = "bottom right", bottomLeft = "bottom left"
        /// A comparison's one inset, in the band under its panels.
        case underPanels = "under the panels"
    }

    /// What the inset shows and where, for the scene's readers and tests.
    public struct Summary: Sendable, Equatable {
        /// The inset's geographic extent.
        public var box: GeoBox
        /// Where it is drawn on the surface.
        public var frame: Rect
        public var corner: Corner
        /// The main map's frame on the inset, on the surface.
        public var outline: [Point]
        /// Whether the main map is marked by a dot and a crosshair, being too small for a rectangle.
        public var marksPoint: Bool
        /// The countries it is drawn in, by name.
        public var countries: [String]
        /// The inset's projection, as the footer would name it.
        public var projection: String
    }

    public var summary: Summary
    var items: [SceneItem]

    /// The inset of a panel drawn by `main`, or nil when no corner of it is free. `focus`: the article's
    /// countries (ISO codes); `places`: the country of each place drawn; `lines`: drawn lines the inset
    /// must not cover (measured stretches).
    static func make(
        basemap: Basemap, main: MapTransform, focus: Set<String>, places: [String], markers: [Point],
        lines: [[Point]], style: MapStyle, placer: inout LabelPlacer
    ) throws -> LocatorInset? {
        let plan = try Plan(basemap: basemap, main: main, focus: focus, places: places, style: style)
        guard
            let (frame, corner) = corner(
                size: plan.size, in: main.frame, markers: markers, lines: lines, style: plan.style,
                placer: placer)
        else { return nil }
        placer.reserve(frame.insetBy(-plan.style.px("clearance")))
        return try LocatorInset(plan, at: frame, corner: corner, basemap: basemap)
    }

    /// What an inset for a map drawn by `main` shows, and its size: everything but where it goes.
    struct Plan {
        let main: MapTransform
        let box: GeoBox
        let focus: Set<String>
        let projection: Projection
        let size: (width: Double, height: Double)
        let style: InsetStyle

        init(basemap: Basemap, main: MapTransform, focus: Set<String>, places: [String], style: MapStyle) throws {
            self.main = main
            self.style = InsetStyle(sheet: try StyleSheet.shared(), map: style)
            let shown = LocatorInset.shownBox(main)
            let nearby = try basemap.records(.countries, within: shown, scale: .coarse)
            (box, self.focus) = LocatorInset.region(
                shown: shown, countries: nearby, focus: focus, places: places, style: self.style)
            projection = try Projection.conformal(for: box)
            let bounds = MapTransform.projectedBounds(projection, box)
            size = LocatorInset.insetSize(
                aspect: bounds.height / max(bounds.width, 1), frame: main.frame, style: self.style)
        }
    }

    /// The inset of `plan` drawn in `frame` (of the plan's size).
    init(_ plan: Plan, at frame: Rect, corner: Corner, basemap: Basemap) throws {
        let t = MapTransform(projection: plan.projection, box: plan.box, frame: frame)
        let drawn = try basemap.records(.countries, within: t.visibleBox, scale: .coarse)
        let lakes = try basemap.records(.lakes, within: t.visibleBox, scale: .coarse)
        summary = Summary(
            box: plan.box, frame: frame, corner: corner, outline: [], marksPoint: false, countries: [],
            projection: plan.projection.name)
        items = []
        draw(countries: drawn, lakes: lakes, focus: plan.focus, main: plan.main, transform: t, style: plan.style)
    }

    /// The geographic box the main map's frame shows (its edges, sampled, taken back to the globe).
    static func shownBox(_ main: MapTransform) -> GeoBox {
        let f = main.frame
        var pts: [LonLat] = []
        for i in 0...20 {
            let k = Double(i) / 20
            for p in [
                Point(x: f.minX + k * f.width, y: f.minY), Point(x: f.minX + k * f.width, y: f.maxY),
                Point(x: f.minX, y: f.minY + k * f.height), Point(x: f.maxX, y: f.minY + k * f.height),
            ] {
                if let g = main.geo(p) { pts.append(g) }
            }
        }
        return GeoBox(covering: pts) ?? main.visibleBox
    }

    /// A box's size in degrees of latitude: its height, or its width shortened by the cosine of its middle
    /// latitude, whichever is larger.
    static func span(_ b: GeoBox) -> Double {
        max(b.width * cos(b.center.lat * .pi / 180), b.height)
    }

    /// `b` grown by `k` about its centre, kept on the globe (latitudes within ±84°).
    static func scaled(_ b: GeoBox, by k: Double) -> GeoBox {
        let c = b.center, hw = b.width * k / 2, hh = b.height * k / 2
        return GeoBox(
            minLon: max(c.lon - hw, -180), minLat: max(c.lat - hh, -84), maxLon: min(c.lon + hw, 180),
            maxLat: min(c.lat + hh, 84))
    }

    /// The inset's extent for a main map showing `shown`, and the ISO codes of the countries it is about
    /// (`inside`): those the map is in, whole with a margin, at least `least zoom out` times the map and
    /// `least region span` degrees; for a
    /// country larger than `huge country span`, the map's box zoomed out `zoom out` times (to at least
    /// `least span`, at most `largest span` unless the map itself is larger). Always contains `shown`.
    static func region(
        shown: GeoBox, countries: [ShapeRecord], focus: Set<String>, places: [String] = [], style s: InsetStyle
    ) -> (box: GeoBox, focus: Set<String>) {
        let inside = countriesInside(shown: shown, countries: countries, focus: focus, places: places)
        // Only the parts near the map: an overseas territory does not stretch the inset.
        let near = scaled(shown, by: 3)
        let parts = countries.filter { inside.contains($0.attributes["ISO_A2"] ?? "") }.flatMap(\.parts)
            .compactMap { GeoBox(covering: $0) }.filter { $0.intersects(near) }
        var box = shown
        for p in parts {
            box.include(LonLat(lon: p.minLon, lat: p.minLat))
            box.include(LonLat(lon: p.maxLon, lat: p.maxLat))
        }
        if span(box) > s.number("huge country span") {
            let k = max(s.number("zoom out"), s.number("least span") / max(span(shown), 1e-6))
            let most = max(s.number("largest span") / max(span(shown), 1e-6), s.number("least zoom out"))
            box = scaled(shown, by: min(k, most))
        } else {
            box = box.expanded(by: s.number("margin fraction") * span(box))
            // A small country's inset reaches its neighbours and a coast or a lake a reader knows.
            let least = max(s.number("least zoom out") * span(shown), s.number("least region span"))
            if span(box) < least { box = scaled(box, by: least / span(box)) }
            box = scaled(box, by: 1)
        }
        for p in [LonLat(lon: shown.minLon, lat: shown.minLat), LonLat(lon: shown.maxLon, lat: shown.maxLat)] {
            box.include(p)
        }
        return (box, inside)
    }

    /// The countries a map is in: the article's countries among those its places are in; else the
    /// country most of its places are in; with no place drawn, the article's countries on the map; else
    /// the country under the map's centre.
    static func countriesInside(
        shown: GeoBox, countries: [ShapeRecord], focus: Set<String>, places: [String]
    ) -> Set<String> {
        let onMap = Set(countries.map { $0.attributes["ISO_A2"] ?? "" })
        let drawn = places.filter { onMap.contains($0) }
        var inside = onMap.intersection(focus)
        if !drawn.isEmpty { inside.formIntersection(drawn) }
        let counts = Dictionary(drawn.map { ($0, 1) }, uniquingKeysWith: +)
        if inside.isEmpty, let most = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            inside = [most.key]
        }
        if inside.isEmpty, let under = countries.first(where: { covers($0, shown.center) }) {
            inside = [under.attributes["ISO_A2"] ?? ""]
        }
        return inside
    }

    /// Whether a country's polygon covers a point (even-odd over all its rings).
    static func covers(_ record: ShapeRecord, _ p: LonLat) -> Bool {
        guard record.bounds.contains(p) else { return false }
        var inside = false
        for ring in record.parts where ring.count > 2 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.lat > p.lat) != (b.lat > p.lat),
                    p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon
                {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }

    /// The inset's size on the surface: `width fraction` of the frame, but on a small map at least `least
    /// width` pixels (up to `largest width fraction`: a smaller inset shows no country a reader can make
    /// out); its height from the projected extent's shape (within the flattest and tallest aspects), both
    /// shrunk to fit `largest height fraction`.
    static func insetSize(aspect: Double, frame: Rect, style s: InsetStyle) -> (width: Double, height: Double) {
        let a = min(max(aspect, s.number("flattest aspect")), s.number("tallest aspect"))
        let least = min(s.number("least width"), frame.width * s.number("largest width fraction"))
        var w = max(frame.width * s.number("width fraction"), least), h = w * a
        let tallest = frame.height * s.number("largest height fraction")
        if h > tallest { (w, h) = (tallest / a, tallest) }
        return (w.rounded(), h.rounded())
    }

    /// The first corner (top right, top left, bottom right, bottom left) where the inset, with its
    /// clearance, meets no box taken in the label index and no point of `lines`; among those free, the
    /// one with fewest markers close by (their labels need room too). Nil when none is free.
    static func corner(
        size: (width: Double, height: Double), in f: Rect, markers: [Point], lines: [[Point]], style s: InsetStyle,
        placer: LabelPlacer
    ) -> (Rect, Corner)? {
        let gap = s.px("corner gap"), clear = s.px("clearance"), (w, h) = size
        guard w > 0, h > 0, w + 2 * gap < f.width, h + 2 * gap < f.height else { return nil }
        let left = f.minX + gap, right = f.maxX - gap - w, top = f.minY + gap, bottom = f.maxY - gap - h
        let origins: [(Corner, Point)] = [
            (.topRight, Point(x: right, y: top)), (.topLeft, Point(x: left, y: top)),
            (.bottomRight, Point(x: right, y: bottom)), (.bottomLeft, Point(x: left, y: bottom)),
        ]
        var best: (Rect, Corner, Int)?
        for (corner, o) in origins {
            let r = Rect(x: o.x, y: o.y, width: w, height: h), padded = r.insetBy(-clear)
            guard !placer.index.boxes.contains(where: { $0.intersects(padded) }),
                !lines.contains(where: { $0.contains { padded.contains($0) } })
            else { continue }
            let crowd = markers.filter { r.insetBy(-s.map.px(40)).contains($0) }.count
            if best == nil || crowd < best!.2 { best = (r, corner, crowd) }
        }
        return best.map { ($0.0, $0.1) }
    }
}

extension LocatorInset {
    /// The inset's items: its sea, the neighbours faint, the focus countries, the large lakes, the main
    /// map's frame in red (or a dot and a crosshair), all clipped to the inset, then its frame.
    mutating func draw(
        countries: [ShapeRecord], lakes: [ShapeRecord], focus: Set<String>, main: MapTransform,
        transform t: MapTransform, style s: InsetStyle
    ) {
        let f = t.frame, m = s.map.px(8)
        let cut = Rect(x: f.minX - m, y: f.minY - m, width: f.width + 2 * m, height: f.height + 2 * m)
        func rings(_ records: [ShapeRecord]) -> [[Point]] {
            records.flatMap(\.parts).map { FrameCut.ring(t.line($0, tolerance: 0.6), to: cut) }.filter { !$0.isEmpty }
        }
        let isFocus = { (r: ShapeRecord) in focus.contains(r.attributes["ISO_A2"] ?? "") }
        items = [.clip(f), .path(parts: [corners(f)], closed: true, style: PathStyle(fill: s.colour("sea")))]
        items.append(
            .path(
                parts: rings(countries.filter { !isFocus($0) }), closed: true,
                style: PathStyle(
                    fill: s.colour("neighbour fill"), stroke: s.colour("neighbour line"),
                    lineWidth: s.px("neighbour line width"))))
        let focusRecords = countries.filter(isFocus)
        items.append(
            .path(
                parts: rings(focusRecords), closed: true,
                style: PathStyle(
                    fill: s.colour("focus fill"), stroke: s.colour("focus line"), lineWidth: s.px("focus line width"))))
        var names: [String] = []
        for r in focusRecords {
            let name = r.attributes["NAME"] ?? r.attributes["ISO_A2"] ?? ""
            if !names.contains(name) { names.append(name) }
        }
        summary.countries = names
        let water = rings(lakes)
        if !water.isEmpty { items.append(.path(parts: water, closed: true, style: PathStyle(fill: s.colour("sea")))) }
        drawExtent(main: main, transform: t, style: s)
        items.append(.unclip)
        items.append(
            .path(
                parts: [corners(f)], closed: true,
                style: PathStyle(stroke: s.colour("frame"), lineWidth: s.px("frame width"))
            ))
    }

    /// The main map's frame on the inset: its edges taken to the globe and projected on the inset; a dot
    /// and a crosshair in its place when it is smaller than `smallest rectangle` both ways.
    mutating func drawExtent(main: MapTransform, transform t: MapTransform, style s: InsetStyle) {
        let f = main.frame
        var outline: [Point] = []
        let edges: [(Point, Point)] = [
            (Point(x: f.minX, y: f.minY), Point(x: f.maxX, y: f.minY)),
            (Point(x: f.maxX, y: f.minY), Point(x: f.maxX, y: f.maxY)),
            (Point(x: f.maxX, y: f.maxY), Point(x: f.minX, y: f.maxY)),
            (Point(x: f.minX, y: f.maxY), Point(x: f.minX, y: f.minY)),
        ]
        for (a, b) in edges {
            for i in 0..<16 {
                let k = Double(i) / 16
                let p = Point(x: a.x + k * (b.x - a.x), y: a.y + k * (b.y - a.y))
                if let g = main.geo(p), let d = t.device(g) { outline.append(d) }
            }
        }
        summary.outline = outline
        let xs = outline.map(\.x), ys = outline.map(\.y)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return }
        let red = s.colour("extent"), halo = s.colour("shadow")
        if max(maxX - minX, maxY - minY) >= s.px("smallest rectangle") {
            items.append(
                .path(parts: [outline], closed: true, style: PathStyle(stroke: halo, lineWidth: s.px("shadow width"))))
            items.append(
                .path(parts: [outline], closed: true, style: PathStyle(stroke: red, lineWidth: s.px("extent width"))))
            return
        }
        summary.marksPoint = true
        let c = Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2), r = s.px("crosshair size"), g = r * 0.35
        let arms: [[Point]] = [
            [Point(x: c.x - r, y: c.y), Point(x: c.x - g, y: c.y)],
            [Point(x: c.x + g, y: c.y), Point(x: c.x + r, y: c.y)],
            [Point(x: c.x, y: c.y - r), Point(x: c.x, y: c.y - g)],
            [Point(x: c.x, y: c.y + g), Point(x: c.x, y: c.y + r)],
        ]
        items.append(.path(parts: arms, closed: false, style: PathStyle(stroke: halo, lineWidth: s.px("shadow width"))))
        items.append(.path(parts: arms, closed: false, style: PathStyle(stroke: red, lineWidth: s.px("extent width"))))
        items.append(
            .marker(
                MarkerItem(
                    center: c, radius: g * 0.8, shape: .dot, fill: red, outline: halo,
                    outlineWidth: s.px("extent width") * 0.5)))
    }
}
