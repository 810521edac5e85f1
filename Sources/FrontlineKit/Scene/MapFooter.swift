import Foundation

/// The notes under a map, each wrapped to the page's width: the distance checks, places off the
/// map or not located, names left unlabelled, and the source and attribution.
struct MapFooter {
    var lines: [String]
    let width: Double
    let size: Double
    let lineHeight: Double
    let style: MapStyle
    let text: MapText

    init(lines: [String], width: Double, style: MapStyle, text: MapText) {
        self.lines = lines
        self.width = width
        self.size = style.text(12.5)
        self.lineHeight = size * 1.45
        self.style = style
        self.text = text
    }

    /// The height the wrapped lines take, with a line's room above them and the bottom margin.
    func height(margin: Double) -> Double {
        Double(wrapped().count + 1) * lineHeight + margin
    }

    /// The wrapped lines, the first baseline at `y`.
    func items(x: Double, y: Double) -> [SceneItem] {
        text.lines(wrapped(), x: x, y: y, step: lineHeight, size: size, color: style.muted).items
    }

    /// The lines wrapped to the width, at most `Limits.footerLines` of them: past it the last says how
    /// many were left out, so no list of notes grows the image without bound.
    func wrapped() -> [String] {
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            out += text.wrap(line, width: width, size: size)
            if out.count > Limits.footerLines {
                let rest = lines.count - i
                return out.prefix(Limits.footerLines - 1) + [
                    "… cut for room: \(rest) more note\(rest == 1 ? "" : "s")."
                ]
            }
        }
        return out
    }
}

extension MapComposer {
    func subtitle(_ a: Article, control: Bool) -> String {
        let date = a.displayDate.map { "as reported on \($0)" } ?? "date not stated in the article"
        return (control ? "Who holds what after the events the article reports" : "Places named in the article")
            + " · \(date)"
    }

    func footerLines(_ a: Analysis, extent: MapExtent, unlabelled: [String], projection: Projection) -> [String] {
        var lines = a.checks.prefix(Limits.checksListed).enumerated().map { i, c in
            "(\(i + 1)) " + MapText.caption(c)
        }
        if a.checks.count > Limits.checksListed {
            let more = a.checks.count - Limits.checksListed
            lines.append("… and \(more) more check\(more == 1 ? "" : "s") (see `frontline measure`).")
        }
        if !extent.offMap.isEmpty { lines.append(offMapText(extent) + ".") }
        let missing = a.places.unresolved.filter(\.cued)
        if !missing.isEmpty {
            lines.append(
                "Named but not located: " + missing.map(\.text).joined(separator: ", ")
                    + " (no coordinates in the gazetteer).")
        }
        if !unlabelled.isEmpty {
            lines.append("Not labelled for lack of room: " + unlabelled.joined(separator: ", ") + ".")
        }
        let source = a.article.source.map { "Source: \($0)" } ?? "Source: article \"\(a.article.name)\""
        lines.append("\(source). \(MapText.attribution) \(projection.name) projection.")
        return lines
    }

    /// The scene's footnotes: what the map could not show, one line each.
    func footnotes(_ places: PlaceResolution, extent: MapExtent, unlabelled: [String]) -> [String] {
        var notes: [String] = []
        if !extent.offMap.isEmpty { notes.append(offMapText(extent)) }
        notes += places.unresolved.filter(\.cued).map { "\($0.text): not located (\($0.reason))" }
        return notes + unlabelled.map { "\($0): not labelled for lack of room" }
    }

    func countryName(_ iso: String) -> String {
        gazetteer.country(iso)?.name ?? Locale(identifier: "en_US_POSIX").localizedString(forRegionCode: iso) ?? iso
    }

    func offMapText(_ extent: MapExtent) -> String {
        "Also mentioned, off map: "
            + extent.offMap.map { "\($0.text) (\(countryName($0.entry.country)))" }.joined(separator: ", ")
    }

    /// The map in words, for its alt text.
    func describe(_ a: Analysis, extent: MapExtent, control: ControlLayer) -> String {
        var s = "Map of the places named in the article \"\(a.article.title)\"."
        let marked = extent.onMap.map { "\($0.text) (\(countryName($0.entry.country)))" }
        if !marked.isEmpty { s += " Marked: " + marked.joined(separator: ", ") + "." }
        let states = extent.onMap.compactMap { p -> String? in
            guard let st = control.states.first(where: { $0.placeID == p.entry.id && $0.phase == .after }) else {
                return nil
            }
            return "\(p.text): " + control.describe(st)
        }
        if !states.isEmpty { s += " After the events reported: " + states.joined(separator: "; ") + "." }
        let rivers = a.places.places.filter { $0.kind == .river }.map(\.text)
        if !rivers.isEmpty { s += " Rivers named: " + rivers.joined(separator: ", ") + "." }
        if !extent.offMap.isEmpty { s += " " + offMapText(extent) + "." }
        return s
    }
}
