import Foundation

/// Graticule lines over a panel, at a step that suits its extent (a tenth of a degree over a city, ten
/// degrees over a region), and their labels where they meet the bottom and left edges of the frame.
struct Graticule {
    /// The step for a panel whose larger side spans `span` degrees: about 2–8 lines across.
    static func step(span: Double) -> Double {
        span > 60 ? 10 : span > 24 ? 5 : span > 10 ? 2 : span > 3 ? 1 : span > 1.2 ? 0.5 : span > 0.6 ? 0.25 : 0.1
    }

    var lines: [[Point]] = []
    /// Each label's text, where its line meets the frame, and whether the line is a meridian.
    var ticks: [(text: String, at: Point, vertical: Bool)] = []

    init(_ t: MapTransform, visible: GeoBox) {
        let span = max(visible.width, visible.height)
        let step = Self.step(span: span)
        // Sampled finely enough to curve, and on a city's map more finely than every 0.05 degrees.
        let sample = min(0.05, span / 40)
        let f = t.frame
        let places = step >= 1 ? 0 : step == 0.25 ? 2 : 1
        var k = (visible.minLon / step).rounded(.up)
        while k * step <= visible.maxLon {
            let lon = k * step
            let lats = stride(from: visible.minLat, through: visible.maxLat, by: sample)
            let (drawn, line) = t.curve(lats.map { LonLat(lon: lon, lat: $0) })
            lines.append(drawn)
            if let x = Self.crossing(line, horizontal: f.maxY), x > f.minX + 5, x < f.maxX - 5 {
                ticks.append((Self.degrees(lon, pos: "E", neg: "W", places: places), Point(x: x, y: f.maxY), true))
            }
            k += 1
        }
        k = (visible.minLat / step).rounded(.up)
        while k * step <= visible.maxLat {
            let lat = k * step
            let lons = stride(from: visible.minLon, through: visible.maxLon, by: sample)
            let (drawn, line) = t.curve(lons.map { LonLat(lon: $0, lat: lat) })
            lines.append(drawn)
            if let y = Self.crossing(line, vertical: f.minX), y > f.minY + 5, y < f.maxY - 5 {
                ticks.append((Self.degrees(lat, pos: "N", neg: "S", places: places), Point(x: f.minX, y: y), false))
            }
            k += 1
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

    /// "36°E", "29.25°E", "1.5°S": the value with the decimals its step needs.
    static func degrees(_ v: Double, pos: String, neg: String, places: Int = 0) -> String {
        let a = abs(v)
        let text = places == 0 ? Figures.text(a.rounded()) : String(format: "%.\(places)f", a)
        return "\(text)°\(a == 0 ? "" : v >= 0 ? pos : neg)"
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
