import Foundation

/// Whole-degree (or coarser) graticule lines over a panel, and their labels where they meet the
/// bottom and left edges of the frame.
struct Graticule {
    var lines: [[Point]] = []
    /// Each label's text, where its line meets the frame, and whether the line is a meridian.
    var ticks: [(text: String, at: Point, vertical: Bool)] = []

    init(_ t: MapTransform, visible: GeoBox) {
        let span = max(visible.width, visible.height)
        let step: Double = span > 24 ? 5 : span > 10 ? 2 : 1
        let f = t.frame
        var lon = (visible.minLon / step).rounded(.up) * step
        while lon <= visible.maxLon {
            let lats = stride(from: visible.minLat, through: visible.maxLat, by: 0.05)
            let (drawn, line) = t.curve(lats.map { LonLat(lon: lon, lat: $0) })
            lines.append(drawn)
            if let x = Self.crossing(line, horizontal: f.maxY), x > f.minX + 5, x < f.maxX - 5 {
                ticks.append((Self.degrees(lon, pos: "E", neg: "W"), Point(x: x, y: f.maxY), true))
            }
            lon += step
        }
        var lat = (visible.minLat / step).rounded(.up) * step
        while lat <= visible.maxLat {
            let lons = stride(from: visible.minLon, through: visible.maxLon, by: 0.05)
            let (drawn, line) = t.curve(lons.map { LonLat(lon: $0, lat: lat) })
            lines.append(drawn)
            if let y = Self.crossing(line, vertical: f.minX), y > f.minY + 5, y < f.maxY - 5 {
                ticks.append((Self.degrees(lat, pos: "N", neg: "S"), Point(x: f.minX, y: y), false))
            }
            lat += step
        }
    }

    /// The tick marks outside the frame and their labels.
    func tickItems(style: MapStyle, measurer: TextMeasuring) -> [SceneItem] {
        let size = style.text(11.5), tick = PathStyle(stroke: style.frameColor, lineWidth: style.px(1))
        var items: [SceneItem] = []
        for (text, p, vertical) in ticks {
            let m = measurer.size(of: text, style: .regular, fontSize: size)
            if vertical {
                items.append(.path(parts: [[p, Point(x: p.x, y: p.y + style.px(5))]], closed: false, style: tick))
                let origin = Point(x: p.x - m.width / 2, y: p.y + style.px(6) + m.ascent)
                items.append(.text(TextItem(text: text, origin: origin, size: size, color: style.muted)))
            } else {
                items.append(.path(parts: [[p, Point(x: p.x - style.px(5), y: p.y)]], closed: false, style: tick))
                let origin = Point(x: p.x - style.px(7) - m.width, y: p.y + m.ascent * 0.38)
                items.append(.text(TextItem(text: text, origin: origin, size: size, color: style.muted)))
            }
        }
        return items
    }

    static func degrees(_ v: Double, pos: String, neg: String) -> String {
        let a = abs(v)
        return "\(Figures.text(a))°\(v >= 0 ? pos : neg)"
    }

    /// Where a line first crosses the horizontal at `y` (its x).
    static func crossing(_ line: [Point], horizontal y: Double) -> Double? {
        for i in 1..<max(line.count, 1) where (line[i - 1].y - y) * (line[i].y - y) <= 0 && line[i - 1].y != line[i].y {
            let k = (y - line[i - 1].y) / (line[i].y - line[i - 1].y)
            return line[i - 1].x + k * (line[i].x - line[i - 1].x)
        }
        return nil
    }

    /// Where a line first crosses the vertical at `x` (its y).
    static func crossing(_ line: [Point], vertical x: Double) -> Double? {
        for i in 1..<max(line.count, 1) where (line[i - 1].x - x) * (line[i].x - x) <= 0 && line[i - 1].x != line[i].x {
            let k = (x - line[i - 1].x) / (line[i].x - line[i - 1].x)
            return line[i - 1].y + k * (line[i].y - line[i - 1].y)
        }
        return nil
    }
}
