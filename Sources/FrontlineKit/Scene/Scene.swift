import Foundation

/// A colour with alpha, components 0–1.
public struct RGBA: Hashable, Sendable, Codable {
    public var r: Double, g: Double, b: Double, a: Double
    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }
    /// From "#rrggbb" or "#rrggbbaa".
    public init?(hex: String) {
        var s = hex
        if s.hasPrefix("#") { s.removeFirst() }
        guard s.count == 6 || s.count == 8, let v = UInt64(s, radix: 16) else { return nil }
        if s.count == 6 {
            self.init(Double((v >> 16) & 255) / 255, Double((v >> 8) & 255) / 255, Double(v & 255) / 255)
        } else {
            self.init(
                Double((v >> 24) & 255) / 255, Double((v >> 16) & 255) / 255,
                Double((v >> 8) & 255) / 255, Double(v & 255) / 255)
        }
    }
}

public enum FontStyle: String, Sendable { case regular, bold, italic }

public struct TextSize: Sendable, Equatable {
    public var width: Double
    public var ascent: Double
    public var descent: Double
    public var height: Double { ascent + descent }
}

/// Text metrics, supplied by the renderer so that the scene's label boxes match what is drawn.
public protocol TextMeasuring {
    func size(of text: String, style: FontStyle, fontSize: Double) -> TextSize
}

/// How a path is painted.
public struct PathStyle: Sendable, Equatable {
    public var fill: RGBA?
    public var stroke: RGBA?
    public var lineWidth: Double = 1
    public var dash: [Double] = []
    public init(fill: RGBA? = nil, stroke: RGBA? = nil, lineWidth: Double = 1, dash: [Double] = []) {
        self.fill = fill
        self.stroke = stroke
        self.lineWidth = lineWidth
        self.dash = dash
    }
}

/// A run of text on the surface: baseline origin, rotation, font, colour and halo.
public struct TextItem: Sendable, Equatable {
    public var text: String
    public var origin: Point
    public var angle: Double = 0
    public var style: FontStyle = .regular
    public var size: Double
    public var color: RGBA
    public var halo: RGBA?
    public var haloWidth: Double = 0
}

/// The symbols a marker can take.
public enum MarkerShape: String, Sendable, Codable {
    case dot, approximate
}

public struct MarkerItem: Sendable, Equatable {
    public var center: Point
    public var radius: Double
    public var shape: MarkerShape
    public var fill: RGBA
    public var outline: RGBA
    public var outlineWidth: Double
    /// The controller's symbol: shape as well as colour, for readers who cannot tell the colours apart.
    public var symbol: Actor.Shape = .circle
    /// Besieged: a ring in the besieger's colour.
    public var ring: RGBA?
    /// Contested: the right half in the other side's colour.
    public var split: RGBA?
    /// Changed in the events reported (captured, siege broken): an outer ring.
    public var changed = false
    /// Withdrawn: hollow, outlined in the colour of the side that left.
    public var hollow = false

    public init(center: Point, radius: Double, shape: MarkerShape, fill: RGBA, outline: RGBA, outlineWidth: Double) {
        self.center = center
        self.radius = radius
        self.shape = shape
        self.fill = fill
        self.outline = outline
        self.outlineWidth = outlineWidth
    }

    /// The box the symbol covers, rings included.
    public var extent: Double {
        radius + (ring != nil ? radius * 0.9 : 0) + (changed ? outlineWidth * 2.4 : 0) + outlineWidth
    }
}

/// One drawing instruction. A scene is a list of these, drawn in order by any renderer.
public enum SceneItem: Sendable, Equatable {
    case path(parts: [[Point]], closed: Bool, style: PathStyle)
    case marker(MarkerItem)
    case text(TextItem)
    case clip(Rect)
    case unclip
}

/// A finished map described without reference to any surface: what to draw, where, and what it means.
public struct Scene: Sendable {
    public var width: Double
    public var height: Double
    public var items: [SceneItem]
    /// The document title (also the PDF title and the SVG <title>).
    public var title: String
    /// A description of the map in words (the SVG <desc>, the alt text).
    public var description: String
    /// Machine-readable content of the map (the SVG <metadata>), as JSON: made when asked for — by the
    /// SVG, on its own core while the PNG is drawn — not on the way from the text to the drawing.
    public var metadataJSON: String { metadata() }
    private let metadata: @Sendable () -> String
    /// The map frame on the surface.
    public var frame: Rect
    /// Every label placed, with its box, for checks and tests.
    public var labels: [PlacedLabel]
    /// Legend entries, exactly the symbols drawn.
    public var legend: [LegendEntry]
    /// Names that could not be labelled or drawn, listed in the footnote.
    public var footnotes: [String]
    /// The lines printed under the map (checks, off-map places, source and attribution).
    public var footerLines: [String] = []
    /// Set for figures sized for print: PNG records it, SVG gets millimetre units, the PDF page its true size.
    public var dpi: Double?
    /// The locator inset drawn, if any: its extent, place and the main map's frame on it.
    public var inset: LocatorInset.Summary?

    public init(
        width: Double, height: Double, items: [SceneItem], title: String, description: String,
        metadataJSON: @autoclosure @escaping @Sendable () -> String, frame: Rect, labels: [PlacedLabel],
        legend: [LegendEntry], footnotes: [String], footerLines: [String] = [], dpi: Double? = nil
    ) {
        // Cleaned once here, for every format (see SafeText): the PNG, SVG and PDF are drawn from this.
        self.width = width
        self.height = height
        self.items = items.map(Self.cleaned)
        self.title = SafeText.clean(title)
        self.description = SafeText.clean(description, keepingLineBreaks: true)
        self.metadata = { SafeText.clean(metadataJSON(), keepingLineBreaks: true) }
        self.frame = frame
        self.labels = labels
        self.legend = legend
        self.footnotes = footnotes.map { SafeText.clean($0) }
        self.footerLines = footerLines.map { SafeText.clean($0) }
        self.dpi = dpi
    }

    /// An item with its text cleaned (most items are paths and pass through).
    private static func cleaned(_ item: SceneItem) -> SceneItem {
        guard case .text(var t) = item else { return item }
        t.text = SafeText.clean(t.text)
        return .text(t)
    }
}
