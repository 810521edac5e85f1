import Foundation

/// A label on the map with the box it occupies.
public struct PlacedLabel: Sendable, Equatable {
    public enum Kind: String, Sendable { case place, country, river, lake, measure }
    public var text: String
    public var kind: Kind
    public var boxes: [Rect]
}

/// Keeps the boxes already taken on the map, so that nothing is drawn over anything else.
public struct CollisionIndex: Sendable {
    public private(set) var boxes: [Rect] = []
    public let bounds: Rect

    public init(bounds: Rect) { self.bounds = bounds }

    public func isFree(_ r: Rect) -> Bool {
        bounds.contains(r) && !boxes.contains { $0.intersects(r) }
    }
    public mutating func insert(_ r: Rect) { boxes.append(r) }
}

/// Places labels as a stage of its own: candidate positions around each marker, first free one wins;
/// names along rivers follow the line.
public struct LabelPlacer {
    public var index: CollisionIndex
    let measurer: TextMeasuring

    public init(bounds: Rect, measurer: TextMeasuring) {
        index = CollisionIndex(bounds: bounds)
        self.measurer = measurer
    }

    public mutating func reserve(_ r: Rect) { index.insert(r) }

    /// A label beside a marker at `p` of radius `r`. Returns the text item and its box, or nil if no position is free.
    public mutating func placeBeside(
        _ text: String, at p: Point, markerRadius r: Double, style: FontStyle,
        size: Double, gap: Double
    ) -> (origin: Point, box: Rect, far: Bool)? {
        let m = measurer.size(of: text, style: style, fontSize: size)
        let w = m.width, h = m.ascent + m.descent
        let pad = gap * 0.4
        for ring in [0.0, gap * 2.5, gap * 5] {
            let d = r + gap + ring
            let diag = d * 0.75
            // E, W, NE, NW, SE, SW, N, S: box origins (top-left).
            let candidates: [Point] = [
                Point(x: p.x + d, y: p.y - h / 2),
                Point(x: p.x - d - w, y: p.y - h / 2),
                Point(x: p.x + diag, y: p.y - diag - h),
                Point(x: p.x - diag - w, y: p.y - diag - h),
                Point(x: p.x + diag, y: p.y + diag),
                Point(x: p.x - diag - w, y: p.y + diag),
                Point(x: p.x - w / 2, y: p.y - d - h),
                Point(x: p.x - w / 2, y: p.y + d),
            ]
            for c in candidates {
                let box = Rect(x: c.x - pad, y: c.y - pad, width: w + 2 * pad, height: h + 2 * pad)
                if index.isFree(box) {
                    index.insert(box)
                    return (Point(x: c.x, y: c.y + m.ascent), box, ring > 0)
                }
            }
        }
        return nil
    }

    /// A label centred on `p` (country names), or nil if that box is taken.
    public mutating func placeCentred(
        _ text: String, at p: Point, style: FontStyle, size: Double
    ) -> (origin: Point, box: Rect)? {
        let m = measurer.size(of: text, style: style, fontSize: size)
        let box = Rect(
            x: p.x - m.width / 2 - 2, y: p.y - m.ascent / 2 - m.descent / 2 - 2, width: m.width + 4,
            height: m.ascent + m.descent + 4)
        guard index.isFree(box) else { return nil }
        index.insert(box)
        return (Point(x: p.x - m.width / 2, y: p.y + (m.ascent - m.descent) / 2), box)
    }

    /// The line resampled every 2 units and averaged over `window` units either side, so that text
    /// set along it follows the river's course, not every meander.
    static func smoothed(_ line: [Point], window: Double) -> [Point] {
        var resampled: [Point] = [line[0]]
        var carry = 0.0
        let step = 2.0
        for i in 1..<line.count {
            let a = line[i - 1], b = line[i]
            let d = a.distance(to: b)
            guard d > 0 else { continue }
            var t = step - carry
            while t <= d {
                resampled.append(Point(x: a.x + (b.x - a.x) * t / d, y: a.y + (b.y - a.y) * t / d))
                t += step
            }
            carry = d - (t - step)
        }
        let k = max(1, Int(window / step))
        guard resampled.count > 2 * k + 2 else { return resampled }
        var out: [Point] = []
        var sx = 0.0, sy = 0.0
        for i in 0..<(2 * k + 1) {
            sx += resampled[i].x
            sy += resampled[i].y
        }
        let n = Double(2 * k + 1)
        for i in k..<(resampled.count - k - 1) {
            out.append(Point(x: sx / n, y: sy / n))
            sx += resampled[i + k + 1].x - resampled[i - k].x
            sy += resampled[i + k + 1].y - resampled[i - k].y
        }
        return out
    }

    /// A line on the map measured along its length, for setting a name along it.
    struct PathLength {
        let points: [Point]
        /// The distance from the first point to each point.
        let cumulative: [Double]

        init(_ points: [Point]) {
            self.points = points
            var cum: [Double] = [0]
            for i in 1..<points.count { cum.append(cum[i - 1] + points[i].distance(to: points[i - 1])) }
            cumulative = cum
        }

        var length: Double { cumulative.last! }

        /// The point `s` along the line.
        func point(at s: Double) -> Point {
            let cum = cumulative, line = points
            var lo = 0, hi = cum.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if cum[mid] <= s { lo = mid } else { hi = mid }
            }
            let seg = max(cum[hi] - cum[lo], 1e-9)
            let t = min(max((s - cum[lo]) / seg, 0), 1)
            return Point(x: line[lo].x + t * (line[hi].x - line[lo].x), y: line[lo].y + t * (line[hi].y - line[lo].y))
        }
    }

    /// A name to set glyph by glyph: its glyphs and their advances, and how it is drawn.
    struct GlyphRun {
        var glyphs: [String]
        var advances: [Double]
        var total: Double
        var ascent: Double
        var style: FontStyle
        var size: Double
        /// How far the baseline is lifted off the line.
        var offset: Double
    }

    /// A name set along a line, glyph by glyph, on its straightest free stretch, reading left to right.
    public mutating func placeAlong(
        _ text: String, line: [Point], style: FontStyle, size: Double,
        offset: Double
    ) -> (items: [TextItem], boxes: [Rect])? {
        guard line.count > 1 else { return nil }
        let smoothed = LabelPlacer.smoothed(line, window: size * 2.5)
        guard smoothed.count > 1 else { return nil }
        let glyphs = text.map { String($0) }
        let advances = glyphs.map { measurer.size(of: $0, style: style, fontSize: size).width }
        let total = advances.reduce(0, +)
        let metrics = measurer.size(of: text, style: style, fontSize: size)
        let path = PathLength(smoothed)
        guard path.length > total * 1.3 else { return nil }
        let run = GlyphRun(
            glyphs: glyphs, advances: advances, total: total, ascent: metrics.ascent, style: style,
            size: size, offset: offset)
        for start in Self.windows(on: path, length: total, step: max(size, 8)) {
            // The text must not sit on the river itself: no point of the real line inside a glyph.
            guard let set = setGlyphs(run, on: path, from: start),
                !Self.covers(set.boxes, pointOf: line)
            else { continue }
            set.boxes.forEach { index.insert($0) }
            return set
        }
        return nil
    }

    /// The starts of every stretch of the line straight enough for a name `length` long, best first:
    /// near the middle of the line and close to horizontal.
    static func windows(on path: PathLength, length total: Double, step: Double) -> [Double] {
        let length = path.length
        var s = 0.0
        var windows: [(start: Double, cost: Double)] = []
        let middle = (length - total) / 2
        while s + total <= length {
            let a = path.point(at: s), b = path.point(at: s + total)
            if b.distance(to: a) > total * 0.96 {  // straight enough here
                let slope = abs(atan2(b.y - a.y, abs(b.x - a.x)))
                windows.append((s, abs(s - middle) / max(length, 1) + slope))
            }
            s += step
        }
        windows.sort { $0.cost != $1.cost ? $0.cost < $1.cost : $0.start < $1.start }
        return windows.map(\.start)
    }

    /// The glyphs of a name set from `start` along the line (reading left to right), with their boxes;
    /// nil when a glyph would stand too steep, turn sharply from its neighbour, or meet a taken box.
    func setGlyphs(_ run: GlyphRun, on path: PathLength, from start: Double) -> (items: [TextItem], boxes: [Rect])? {
        let a = path.point(at: start), b = path.point(at: start + run.total)
        let reversed = b.x < a.x
        var items: [TextItem] = []
        var boxes: [Rect] = []
        var pos = 0.0
        var previousAngle: Double?
        for (i, g) in run.glyphs.enumerated() {
            let adv = run.advances[i]
            let s0 = reversed ? start + run.total - pos : start + pos
            let s1 = reversed ? s0 - adv : s0 + adv
            let p0 = path.point(at: s0), p1 = path.point(at: s1)
            let angle = atan2(p1.y - p0.y, p1.x - p0.x)
            guard abs(angle) < 1.35 else { return nil }
            // No sharp turn between neighbouring glyphs: they would collide.
            if let prev = previousAngle, abs(remainder(angle - prev, 2 * .pi)) > 0.25 { return nil }
            previousAngle = angle
            // Lift the baseline off the line, towards the top of the glyph.
            let up = Point(x: sin(angle), y: -cos(angle))
            let origin = Point(x: p0.x + up.x * run.offset, y: p0.y + up.y * run.offset)
            let centre = Point(
                x: origin.x + cos(angle) * adv / 2 + up.x * run.ascent / 2,
                y: origin.y + sin(angle) * adv / 2 + up.y * run.ascent / 2)
            let half = max(adv, run.ascent) / 2 + 1
            let box = Rect(x: centre.x - half, y: centre.y - half, width: 2 * half, height: 2 * half)
            if !index.isFree(box) { return nil }
            boxes.append(box)
            if g != " " {
                items.append(
                    TextItem(
                        text: g, origin: origin, angle: angle, style: run.style, size: run.size,
                        color: RGBA(0, 0, 0), halo: nil))
            }
            pos += adv
        }
        return (items, boxes)
    }

    /// Whether a point of the line lies inside one of the glyph boxes (set in from their edges).
    static func covers(_ boxes: [Rect], pointOf line: [Point]) -> Bool {
        let hull = boxes.reduce(boxes[0]) { r, b in
            Rect(
                x: min(r.minX, b.minX), y: min(r.minY, b.minY), width: max(r.maxX, b.maxX) - min(r.minX, b.minX),
                height: max(r.maxY, b.maxY) - min(r.minY, b.minY))
        }
        let nearby = line.filter { hull.contains($0) }
        return nearby.contains { p in boxes.contains { $0.insetBy(1.5).contains(p) } }
    }
}
