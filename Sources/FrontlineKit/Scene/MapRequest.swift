import Foundation

/// What a map is asked to be.
public struct MapRequest: Sendable {
    public var width: Double
    /// nil: derived from the extent's shape.
    public var height: Double?
    /// Dots per inch when the figure is sized for print: text and lines are then set in points.
    public var dpi: Double?
    /// A fixed extent instead of the one the article's places suggest.
    public var box: GeoBox?
    /// Whether a locator inset shows where the map lies in its country or region (`--inset auto|off`).
    public var inset: Bool

    public init(
        width: Double = 1600, height: Double? = nil, dpi: Double? = nil, box: GeoBox? = nil, inset: Bool = true
    ) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.box = box
        self.inset = inset
    }
}
