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

    public init(width: Double = 1600, height: Double? = nil, dpi: Double? = nil, box: GeoBox? = nil) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.box = box
    }
}
