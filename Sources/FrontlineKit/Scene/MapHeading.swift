import Foundation

/// The title and subtitle over a map. A long title is set smaller (down to 70 %), then on two lines
/// ending in an ellipsis if it is longer still; the subtitle takes at most two lines.
struct MapHeading {
    let titleSize: Double
    let subtitleSize: Double
    let titleLines: [String]
    let subtitleLines: [String]

    init(title: String, subtitle: String, width: Double, style: MapStyle, text: MapText) {
        let full = style.text(30)
        var size = full
        while size > full * 0.7, text.measurer.size(of: title, style: .bold, fontSize: size).width > width {
            size -= full * 0.05
        }
        titleSize = size
        let subtitleSize = style.text(16)
        self.subtitleSize = subtitleSize
        let wrapped = text.wrap(title, width: width, size: size, style: .bold)
        var lines = Array(wrapped.prefix(2))
        if let last = lines.popLast() {
            let more = lines.count + 1 < wrapped.count ? "…" : ""
            lines.append(text.fit(last + more, width: width, style: .bold, size: size))
        }
        titleLines = lines
        subtitleLines = Array(text.wrap(subtitle, width: width, size: subtitleSize).prefix(2))
            .map { text.fit($0, width: width, style: .regular, size: subtitleSize) }
    }

    /// The height the lines take.
    var height: Double {
        titleSize * 1.15 * Double(titleLines.count) + subtitleSize * 1.25 * Double(subtitleLines.count)
    }

    /// The lines set from the top margin at `x`.
    func items(x: Double, top: Double, style: MapStyle, text: MapText) -> [SceneItem] {
        let title = text.lines(
            titleLines, x: x, y: top + titleSize * 0.9, step: titleSize * 1.15, size: titleSize,
            color: style.ink, style: .bold)
        let subtitle = text.lines(
            subtitleLines, x: x, y: title.next + subtitleSize * 0.3, step: subtitleSize * 1.25,
            size: subtitleSize, color: style.muted)
        return title.items + subtitle.items
    }
}
