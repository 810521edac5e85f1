import Foundation

/// The basemap under a panel, in drawing order: land, the article's countries, lakes, rivers, coast
/// and borders. What is drawn is cut to the frame; the shapes labels follow later are kept whole.
struct BasemapLayer {
    typealias Country = (name: String, iso: String, parts: [[Point]])
    /// The rivers drawn heavier than the rest, besides those the article names.
    static let majorRivers: Set<String> = ["Euphrates", "Tigris", "Shatt al-Arab"]

    var items: [SceneItem] = []
    var countries: [Country] = []
    /// Each river's longest drawn line, for its label.
    var rivers: [(name: String, line: [Point])] = []
    var lakes: [ShapeRecord] = []
    var hasBorders = false

    init(
        basemap: Basemap, transform t: MapTransform, visible: GeoBox, focus: Set<String>,
        mentionedRivers: Set<String>, style: MapStyle
    ) throws {
        // Only the shapes that can show, projected on both cores at once.
        let layers = try [Basemap.Layer.land, .countries, .lakes, .rivers, .coastline, .boundaries].map {
            try basemap.records($0, within: visible)
        }
        let surface = try t.lines(of: layers)
        // Cut to the frame and a margin wider than any basemap stroke (the frame's clip hides the rest).
        let m = style.px(16), f = t.frame
        let shown = Rect(x: f.minX - m, y: f.minY - m, width: f.width + 2 * m, height: f.height + 2 * m)
        func rings(_ parts: [[Point]]) -> [[Point]] {
            parts.map { FrameCut.ring($0, to: shown) }.filter { !$0.isEmpty }
        }
        func lines(_ parts: [[Point]]) -> [[Point]] { parts.flatMap { FrameCut.line($0, to: shown) } }

        items.append(.path(parts: rings(surface[0].flatMap { $0 }), closed: true, style: PathStyle(fill: style.land)))
        for (i, c) in layers[1].enumerated() {
            let iso = c.attributes["ISO_A2"] ?? ""
            countries.append((c.attributes["NAME"] ?? iso, iso, surface[1][i]))
            if focus.contains(iso) {
                items.append(.path(parts: rings(surface[1][i]), closed: true, style: style.focusArea))
            }
        }
        lakes = layers[2]
        if !lakes.isEmpty {
            items.append(.path(parts: rings(surface[2].flatMap { $0 }), closed: true, style: style.lakeArea))
        }
        for (i, r) in layers[3].enumerated() {
            let name = r.attributes["NAME"] ?? ""
            let major = Self.majorRivers.contains(name) || mentionedRivers.contains(name)
            let drawn = surface[3][i]
            items.append(.path(parts: lines(drawn), closed: false, style: major ? style.majorRiver : style.minorRiver))
            if let longest = drawn.max(by: { $0.count < $1.count }) { rivers.append((name, longest)) }
        }
        items.append(.path(parts: lines(surface[4].flatMap { $0 }), closed: false, style: style.coastLine))
        let borders = surface[5].flatMap { $0 }
        hasBorders = !borders.isEmpty
        items.append(.path(parts: lines(borders), closed: false, style: style.borderHalo))
        // Drawn whole: cut to the frame, its dashes would start afresh at each cut and move.
        items.append(.path(parts: borders, closed: false, style: style.borderLine))
    }
}
