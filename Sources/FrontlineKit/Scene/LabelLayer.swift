import Foundation

/// The names on a panel, placed in order of importance: places (most mentioned first), the measured
/// lengths, rivers (those the article names first), lakes, then countries (the article's first).
/// Each takes the first free position in the placer's index; a place that finds none is listed.
struct LabelLayer {
    var items: [SceneItem] = []
    var labels: [PlacedLabel] = []
    var unlabelled: [String] = []
    let style: MapStyle

    /// A name beside each marker; one set further out gets a leader line back to it.
    mutating func placeNames(_ markers: [(place: ResolvedPlace, marker: MarkerItem)], placer: inout LabelPlacer) {
        let size = style.text(15.5)
        for (p, m) in markers {
            let font: FontStyle = p.mentions.count > 1 || p.kind == .city ? .bold : .regular
            guard
                let l = placer.placeBeside(
                    p.text, at: m.center, markerRadius: m.radius, style: font, size: size,
                    gap: style.px(4))
            else {
                unlabelled.append(p.text)
                continue
            }
            if l.far, let leader = Self.leader(from: m, to: l.box) {
                items.append(
                    .path(
                        parts: [leader], closed: false, style: PathStyle(stroke: style.muted, lineWidth: style.px(0.9)))
                )
            }
            items.append(
                .text(
                    TextItem(
                        text: p.text, origin: l.origin, style: font, size: size, color: style.ink,
                        halo: style.halo, haloWidth: style.px(3.5))))
            labels.append(PlacedLabel(text: p.text, kind: .place, boxes: [l.box]))
        }
    }

    /// From the marker's edge to the nearest point of the label's box; nil when the box touches the marker.
    static func leader(from m: MarkerItem, to box: Rect) -> [Point]? {
        let target = Point(x: min(max(m.center.x, box.minX), box.maxX), y: min(max(m.center.y, box.minY), box.maxY))
        let d = target.distance(to: m.center)
        guard d > m.radius + 2 else { return nil }
        let k = (m.radius + 1.5) / d
        return [
            Point(x: m.center.x + (target.x - m.center.x) * k, y: m.center.y + (target.y - m.center.y) * k), target,
        ]
    }

    mutating func add(_ badges: MeasureBadges) {
        items += badges.lengthItems
        labels += badges.lengthLabels
    }

    /// Each river's name along the longest run of its line inside the frame.
    mutating func riverNames(
        _ rivers: [(name: String, line: [Point])], mentioned: Set<String>, frame: Rect,
        placer: inout LabelPlacer
    ) {
        let size = style.text(14)
        func rank(_ r: (name: String, line: [Point])) -> (Int, String) { (mentioned.contains(r.name) ? 0 : 1, r.name) }
        for (name, line) in rivers.sorted(by: { rank($0) < rank($1) }) {
            // A line may leave the frame and come back: its runs inside.
            var runs: [[Point]] = [[]]
            for p in line {
                if frame.insetBy(style.px(6)).contains(p) {
                    runs[runs.count - 1].append(p)
                } else if !runs[runs.count - 1].isEmpty {
                    runs.append([])
                }
            }
            let runLength = { (r: [Point]) in zip(r, r.dropFirst()).reduce(0.0) { $0 + $1.0.distance(to: $1.1) } }
            guard let run = runs.max(by: { runLength($0) < runLength($1) }), run.count > 2, !name.isEmpty,
                let placed = placer.placeAlong(name, line: run, style: .italic, size: size, offset: style.px(6.5))
            else { continue }
            for var g in placed.items {
                g.color = style.riverLabel
                g.halo = style.halo
                g.haloWidth = style.px(3)
                items.append(.text(g))
            }
            labels.append(PlacedLabel(text: name, kind: .river, boxes: placed.boxes))
        }
    }

    /// Each lake's name inside it, or beside it when it is too small for its name.
    /// `lakes`: each lake's name and rings, as the basemap layer projected them.
    mutating func lakeNames(_ lakes: [(name: String, parts: [[Point]])], frame: Rect, placer: inout LabelPlacer) {
        let size = style.text(12.5)
        for (name, parts) in lakes where !name.isEmpty {
            let xs = parts.flatMap { $0.map(\.x) }, ys = parts.flatMap { $0.map(\.y) }
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
                (maxX - minX) * (maxY - minY) > style.px(30) * style.px(30)
            else { continue }
            let bbox = Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
            let inner = AreaLabelPoints.points(in: parts, frame: bbox, grid: 8).filter {
                frame.insetBy(style.px(20)).contains($0)
            }
            guard let p = inner.first else { continue }
            let beside = Point(x: bbox.maxX, y: bbox.center.y)
            guard
                let l = placer.placeCentred(name, at: p, style: .italic, size: size)
                    ?? placer.placeBeside(
                        name, at: beside, markerRadius: 0, style: .italic, size: size, gap: style.px(3)
                    )
                    .map({ ($0.origin, $0.box) })
            else { continue }
            items.append(
                .text(
                    TextItem(
                        text: name, origin: l.origin, style: .italic, size: size, color: style.riverLabel,
                        halo: style.halo, haloWidth: style.px(2.5))))
            labels.append(PlacedLabel(text: name, kind: .lake, boxes: [l.box]))
        }
    }

    /// Each country's name in capitals, at the first free point inside what shows of it.
    mutating func countryNames(
        _ countries: [BasemapLayer.Country], focus: Set<String>, frame: Rect,
        placer: inout LabelPlacer
    ) {
        let size = style.text(17)
        func rank(_ c: BasemapLayer.Country) -> (Int, String) { (focus.contains(c.iso) ? 0 : 1, c.name) }
        for c in countries.sorted(by: { rank($0) < rank($1) }) {
            let text = c.name.uppercased()
            for p in AreaLabelPoints.points(in: c.parts, frame: frame.insetBy(style.px(30))) {
                guard let l = placer.placeCentred(text, at: p, style: .regular, size: size) else { continue }
                items.append(
                    .text(
                        TextItem(
                            text: text, origin: l.origin, style: .regular, size: size,
                            color: style.countryLabel, halo: RGBA(1, 1, 1, 0.5), haloWidth: style.px(2))))
                labels.append(PlacedLabel(text: text, kind: .country, boxes: [l.box]))
                break
            }
        }
    }
}
