import Foundation

/// The basemap under a panel, in drawing order: land, the article's countries, their divisions, lakes,
/// rivers, coast and borders, each read at the generalisation the map's scale calls for. What is drawn is
/// cut to the frame; the shapes labels follow later are kept whole.
struct BasemapLayer {
    typealias Country = (name: String, iso: String, parts: [[Point]])
    /// The rivers drawn heavier than the rest, besides those the article names, in a basemap whose rivers
    /// have no downstream order (`ORDER` 1 is a river that reaches the sea: drawn heavier too).
    static let majorRivers: Set<String> = ["Euphrates", "Tigris", "Shatt al-Arab"]

    var items: [SceneItem] = []
    var countries: [Country] = []
    /// Each river's longest drawn line, for its label.
    var rivers: [(name: String, line: [Point])] = []
    /// Each lake's name and rings on the surface, for its label.
    var lakes: [(name: String, parts: [[Point]])] = []
    var hasBorders = false

    init(
        basemap: Basemap, transform t: MapTransform, visible: GeoBox, focus: Set<String>,
        mentionedRivers: Set<String>, style: MapStyle
    ) throws {
        // Only the shapes that can show, at the map's scale, projected on both cores at once.
        let scale = Self.scale(transform: t, visible: visible, style: style)
        var layers = try [Basemap.Layer.land, .countries, .lakes, .rivers, .coastline, .boundaries].map {
            try basemap.records($0, within: visible, scale: $0 == .rivers ? .fine : scale)
        }
        // Divisions only where they are legible: a map at Natural Earth's finest scale, in its countries.
        let inFocus = { (a: [String: String]) in focus.contains(a["ISO_A2"] ?? "") }
        var divisions = scale == .fine ? try basemap.records(.divisions, within: visible, where: inFocus) : []
        // Drawn as lines, each edge two divisions share once.
        if !divisions.isEmpty {
            let edges = SharedEdges.lines(divisions.flatMap(\.parts))
            divisions =
                GeoBox(covering: edges.flatMap { $0 }).map { [ShapeRecord(parts: edges, bounds: $0, attributes: [:])] }
                ?? []
        }
        layers.append(divisions)
        // Cut in degrees to a box around the frame first: only what can show is simplified and projected.
        // (Not the borders: drawn whole, their dashes keep their places; they are few vertices.)
        let cut = GeoCut.box(around: visible)
        let kinds: [Basemap.Layer] = [.land, .countries, .lakes, .rivers, .coastline, .boundaries, .divisions]
        let closed = kinds.map { $0 == .land || $0 == .countries || $0 == .lakes }
        for (i, kind) in kinds.enumerated() where kind != .boundaries {
            layers[i] = layers[i].map { GeoCut.record($0, to: cut, closed: closed[i]) }
        }
        let surface = try t.lines(of: layers, along: cut, closed: closed)
        // Cut to the frame and a margin wider than any basemap stroke (the frame's clip hides the rest).
        let m = style.px(16), f = t.frame
        let shown = Rect(x: f.minX - m, y: f.minY - m, width: f.width + 2 * m, height: f.height + 2 * m)
        func rings(_ parts: [[Point]]) -> [[Point]] {
            parts.map { FrameCut.ring($0, to: shown) }.filter { !$0.isEmpty }
        }
        func lines(_ parts: [[Point]]) -> [[Point]] { parts.flatMap { FrameCut.line($0, to: shown) } }

        items.append(.path(parts: rings(surface[0].flatMap { $0 }), closed: true, style: PathStyle(fill: style.land)))
        // A large country comes in several records (tiles of its polygon): one country of all its parts.
        var byISO: [String: Int] = [:]
        for (i, c) in layers[1].enumerated() {
            let iso = c.attributes["ISO_A2"] ?? ""
            if let k = byISO[iso], !iso.isEmpty {
                countries[k].parts += surface[1][i]
            } else {
                byISO[iso] = countries.count
                countries.append((c.attributes["NAME"] ?? iso, iso, surface[1][i]))
            }
        }
        for c in countries where focus.contains(c.iso) {
            items.append(.path(parts: rings(c.parts), closed: true, style: style.focusArea))
        }
        if !surface[6].isEmpty {
            items.append(.path(parts: lines(surface[6].flatMap { $0 }), closed: false, style: style.divisionLine))
        }
        // The lakes and rivers that show (the legend lists them), not all whose bounds meet the map's.
        lakes = zip(layers[2], surface[2]).filter { !rings($1).isEmpty }.map { ($0.attributes["NAME"] ?? "", $1) }
        if !lakes.isEmpty {
            items.append(.path(parts: rings(surface[2].flatMap { $0 }), closed: true, style: style.lakeArea))
        }
        for (i, r) in layers[3].enumerated() {
            let name = r.attributes["NAME"] ?? ""
            let major =
                r.attributes["ORDER"].map { $0.trimmingCharacters(in: .whitespaces) == "1" }
                ?? Self.majorRivers.contains(name) || mentionedRivers.contains(name)
            let drawn = surface[3][i]
            let shows = lines(drawn)
            items.append(.path(parts: shows, closed: false, style: major ? style.majorRiver : style.minorRiver))
            if !shows.isEmpty, let longest = drawn.max(by: { $0.count < $1.count }) { rivers.append((name, longest)) }
        }
        items.append(.path(parts: lines(surface[4].flatMap { $0 }), closed: false, style: style.coastLine))
        let borders = surface[5].flatMap { $0 }
        hasBorders = !borders.isEmpty
        items.append(.path(parts: lines(borders), closed: false, style: style.borderHalo))
        // Drawn whole: cut to the frame, its dashes would start afresh at each cut and move.
        items.append(.path(parts: borders, closed: false, style: style.borderLine))
    }

    /// The generalisation for this map: its width in kilometres over its width on paper or screen
    /// (the style's unit is 1/160 inch at scale 1).
    static func scale(transform t: MapTransform, visible: GeoBox, style: MapStyle) -> Basemap.Scale {
        let mid = (visible.minLat + visible.maxLat) / 2
        let km =
            Geodesic.wgs84.distance(
                LonLat(lon: visible.minLon, lat: mid), LonLat(lon: visible.maxLon, lat: mid)) / 1000
        let mm = t.frame.width / style.scale * 25.4 / 160
        return .forMap(kmAcross: km, mmAcross: mm)
    }
}
