import Foundation

/// The text every map, comparison and report sets: lines wrapped and fitted to a width with the
/// fonts' own advances, distances in one format, and the one attribution line.
struct MapText {
    let measurer: TextMeasuring

    /// The sources and licences every map, comparison and report credits.
    static let attribution =
        "Map by Frontline. Basemap: Natural Earth (public domain); rivers: GSHHG/WDBII (LGPL); "
        + "places: GeoNames (CC-BY 4.0)."

    /// "1,047 km", "17.8 km".
    static func kmText(_ v: Double) -> String { number(v) + " km" }

    /// A distance's figure: grouped, one decimal below 100 km (Foundation's NumberFormatter, ICU).
    static func number(_ v: Double) -> String {
        formatters.lock.lock()
        defer { formatters.lock.unlock() }
        let f = v < 100 ? formatters.tenths : formatters.whole
        return f.string(from: NSNumber(value: v)) ?? String(format: "%.0f", v)
    }

    /// The two formatters, made once (making one was 2 % of a batch's time), used under the lock.
    nonisolated(unsafe) private static let formatters = (
        tenths: formatter(fractionDigits: 1), whole: formatter(fractionDigits: 0), lock: NSLock()
    )

    private static func formatter(fractionDigits: Int) -> NumberFormatter {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = fractionDigits
        f.locale = Locale(identifier: "en_US_POSIX")
        f.usesGroupingSeparator = true
        f.groupingSeparator = ","
        return f
    }

    /// One line under the map for a distance check.
    static func caption(_ c: DistanceCheck) -> String {
        var s = "\u{201C}\(c.quote)\u{201D}: "
        if c.verdict == .cannotCheck { return s + "cannot be checked (\(c.note))." }
        let ends = "\(c.from ?? "?") to \(c.to ?? "?")"
        if c.kind == .straight {
            s += "measured \(kmText(c.straightKm ?? 0)) straight from \(ends)"
        } else {
            s += "measured \(kmText(c.alongKm ?? 0)) along the \(c.line ?? "line") from \(ends)"
            if let st = c.straightKm { s += " (\(kmText(st)) straight)" }
        }
        if let d = c.differencePercent { s += String(format: ", %+.0f%%", d) }
        s += ": \(c.verdict.rawValue)"
        if c.bearingAgrees == false { s += ", wrong direction" }
        if let near = c.claimedEndNear { s += "; the claimed \(c.claimedText) would end near \(near) (×)" }
        return s + "."
    }

    /// Shortens a single line with an ellipsis to fit `width`.
    /// The longest prefix that fits with its ellipsis is found by bisection, as a prefix's advance grows
    /// with its length: a few measures even for a title of a megabyte (cutting a character at a time
    /// measured once per character).
    func fit(_ text: String, width: Double, style: FontStyle, size: Double) -> String {
        if measurer.size(of: text, style: style, fontSize: size).width <= width { return text }
        let characters = Array(text)
        func fits(_ n: Int) -> Bool {
            measurer.size(of: String(characters[..<n]) + "…", style: style, fontSize: size).width <= width
        }
        // The answer lies in 1...characters.count - 1: at least one character is kept, as before.
        var low = 1, high = characters.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if fits(mid) { low = mid } else { high = mid - 1 }
        }
        return String(characters[..<low]) + "…"
    }

    /// Greedy line breaking at spaces.
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

    /// Text items for lines set one under another from `y`, each `step` below the last; and the
    /// baseline after the last (the running sum, as the lines were set).
    func lines(
        _ lines: [String], x: Double, y: Double, step: Double, size: Double, color: RGBA,
        style: FontStyle = .regular
    ) -> (items: [SceneItem], next: Double) {
        var y = y
        var items: [SceneItem] = []
        for line in lines {
            items.append(.text(TextItem(text: line, origin: Point(x: x, y: y), style: style, size: size, color: color)))
            y += step
        }
        return (items, y)
    }
}
