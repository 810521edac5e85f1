import Foundation

/// One line of the legend: a symbol exactly as drawn on the map, and what it means.
public struct LegendEntry: Sendable, Equatable {
    public enum Symbol: Sendable, Equatable {
        case marker(MarkerItem)
        case line(PathStyle)
        case area(PathStyle)
        case cross(RGBA)
        case arrow(RGBA, RGBA)
    }
    public var symbol: Symbol
    public var label: String
}

/// Lays out the legend box (entries, then a scale bar) at a given corner.
struct LegendLayout {
    let entries: [LegendEntry]
    let style: MapStyle
    let measurer: TextMeasuring
    let scaleKm: Double
    let scaleLength: Double

    var fontSize: Double { style.text(13.5) }
    var rowHeight: Double { style.text(22) }
    var padding: Double { style.text(12) }
    var swatch: Double { style.text(26) }

    var size: (width: Double, height: Double) {
        let textW = entries.map { measurer.size(of: $0.label, style: .regular, fontSize: fontSize).width }.max() ?? 0
        let titleW = measurer.size(of: "Legend", style: .bold, fontSize: fontSize).width
        let w = max(swatch + style.text(10) + textW, titleW, scaleLength + style.px(40)) + 2 * padding
        let h = padding * 2 + rowHeight * Double(entries.count + 1) + style.text(34)
        return (w, h)
    }

    func items(at origin: Point) -> [SceneItem] {
        let (w, h) = size
        let box = Rect(x: origin.x, y: origin.y, width: w, height: h)
        var out: [SceneItem] = [
            .path(
                parts: [corners(box)], closed: true,
                style: PathStyle(fill: RGBA(1, 1, 1, 0.93), stroke: style.frameColor, lineWidth: style.px(0.8)))
        ]
        var y = origin.y + padding
        out.append(
            .text(
                TextItem(
                    text: "Legend", origin: Point(x: origin.x + padding, y: y + rowHeight * 0.7),
                    style: .bold, size: fontSize, color: style.ink)))
        y += rowHeight
        for e in entries {
            let cx = origin.x + padding + swatch / 2, cy = y + rowHeight / 2
            switch e.symbol {
            case .marker(var m):
                m.center = Point(x: cx, y: cy)
                out.append(.marker(m))
            case .line(let ps):
                out.append(
                    .path(
                        parts: [[Point(x: cx - swatch / 2, y: cy), Point(x: cx + swatch / 2, y: cy)]], closed: false,
                        style: ps))
            case .arrow(let fill, let outline):
                let shape = ArrowShape.polygon(
                    from: Point(x: cx - swatch / 2, y: cy), to: Point(x: cx + swatch / 2, y: cy),
                    width: rowHeight * 0.22)
                out.append(
                    .path(
                        parts: [shape], closed: true,
                        style: PathStyle(fill: fill, stroke: outline, lineWidth: style.px(1))))
            case .cross(let color):
                let r = rowHeight * 0.22
                out.append(
                    .path(
                        parts: [
                            [Point(x: cx - r, y: cy - r), Point(x: cx + r, y: cy + r)],
                            [Point(x: cx - r, y: cy + r), Point(x: cx + r, y: cy - r)],
                        ],
                        closed: false, style: PathStyle(stroke: color, lineWidth: style.px(2.2))))
            case .area(let ps):
                let r = Rect(x: cx - swatch / 2, y: cy - rowHeight * 0.3, width: swatch, height: rowHeight * 0.6)
                out.append(.path(parts: [corners(r)], closed: true, style: ps))
            }
            out.append(
                .text(
                    TextItem(
                        text: e.label,
                        origin: Point(x: origin.x + padding + swatch + style.text(10), y: cy + fontSize * 0.36),
                        size: fontSize, color: style.ink)))
            y += rowHeight
        }
        // Scale bar: two halves, black and white, labelled in km.
        let barY = y + style.text(10), barH = style.px(5)
        let x0 = origin.x + padding
        let half = scaleLength / 2
        out.append(
            .path(
                parts: [corners(Rect(x: x0, y: barY, width: half, height: barH))], closed: true,
                style: PathStyle(fill: style.ink, stroke: style.ink, lineWidth: style.px(0.8))))
        out.append(
            .path(
                parts: [corners(Rect(x: x0 + half, y: barY, width: half, height: barH))], closed: true,
                style: PathStyle(fill: RGBA(1, 1, 1), stroke: style.ink, lineWidth: style.px(0.8))))
        let labelY = barY + barH + style.text(14)
        let small = style.text(12)
        for (v, x) in [(0.0, x0), (scaleKm / 2, x0 + half), (scaleKm, x0 + scaleLength)] {
            let s = v == scaleKm ? "\(format(v)) km" : format(v)
            let tw = measurer.size(of: s, style: .regular, fontSize: small).width
            let ox =
                v == scaleKm ? x - measurer.size(of: format(v), style: .regular, fontSize: small).width / 2 : x - tw / 2
            out.append(.text(TextItem(text: s, origin: Point(x: ox, y: labelY), size: small, color: style.ink)))
        }
        _ = h
        return out
    }

    private func format(_ v: Double) -> String { Figures.text(v) }
}

func corners(_ r: Rect) -> [Point] {
    [
        Point(x: r.minX, y: r.minY), Point(x: r.maxX, y: r.minY), Point(x: r.maxX, y: r.maxY),
        Point(x: r.minX, y: r.maxY),
    ]
}

/// A round scale-bar length (km) and its length on the surface, about `target` units long.
func niceScale(kmPerUnit: Double, target: Double) -> (km: Double, length: Double) {
    let options: [Double] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000]
    let want = kmPerUnit * target
    let km = options.min { abs(log($0 / want)) < abs(log($1 / want)) }!
    return (km, km / kmPerUnit)
}
