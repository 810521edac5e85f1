import Foundation

/// The basemap's cartographic style, in one place. Sizes are for a 1600 px wide map and scale with width.
public struct MapStyle: Sendable {
    public var scale: Double

    public init(width: Double, dpi: Double? = nil) {
        // On screen, sizes follow the width (designed at 1600 px); in print, they are points at the DPI.
        scale = dpi.map { $0 / 160 } ?? max(0.35, width / 1600)
    }

    public let sea = RGBA(hex: "#c9dcea")!
    public let land = RGBA(hex: "#e6e1d6")!
    public let focusLand = RGBA(hex: "#f8f5ee")!
    public let lakeOutline = RGBA(hex: "#8db2cc")!
    public let coast = RGBA(hex: "#7d9fb9")!
    public let river = RGBA(hex: "#4f87b8")!
    public let riverLabel = RGBA(hex: "#2f6a9c")!
    public let border = RGBA(hex: "#6d5a72")!
    public let graticule = RGBA(0.35, 0.35, 0.4, 0.28)
    public let countryLabel = RGBA(hex: "#8c8372")!
    public let ink = RGBA(hex: "#1d1d1f")!
    public let muted = RGBA(hex: "#55555a")!
    public let halo = RGBA(1, 1, 1, 0.92)
    public let paper = RGBA(1, 1, 1)
    public let markerFill = RGBA(hex: "#1d1d1f")!
    /// Places with no control stated, on a map that shows control: grey, so black stays ISIS's.
    public let plainMarker = RGBA(hex: "#7a7a80")!
    public let frameColor = RGBA(hex: "#3a3a3c")!
    /// Measured stretches: an orange highlight no actor colour uses, and a darker ink for marks on it.
    public let measure = RGBA(0.95, 0.55, 0.16, 0.55)
    public let measureInk = RGBA(hex: "#b5530e")!

    public func px(_ v: Double) -> Double { v * scale }
    /// Text sizes shrink with the map, but never below what a reader can read.
    public func text(_ v: Double) -> Double { v * max(scale, 0.72) }
}

/// The line and area styles the layers draw with, shared with the legend so its swatches match.
extension MapStyle {
    var majorRiver: PathStyle { PathStyle(stroke: river, lineWidth: px(1.9)) }
    var minorRiver: PathStyle { PathStyle(stroke: river, lineWidth: px(1.1)) }
    var lakeArea: PathStyle { PathStyle(fill: sea, stroke: lakeOutline, lineWidth: px(0.6)) }
    var coastLine: PathStyle { PathStyle(stroke: coast, lineWidth: px(0.8)) }
    /// A white band under each border, so its dashes read over rivers and coast.
    var borderHalo: PathStyle { PathStyle(stroke: RGBA(1, 1, 1, 0.7), lineWidth: px(3.2)) }
    var borderLine: PathStyle { PathStyle(stroke: border, lineWidth: px(1.4), dash: [7, 2.5, 1.5, 2.5].map(px)) }
    var focusArea: PathStyle { PathStyle(fill: focusLand) }
    /// First-level divisions (oblasts, governorates, states) of the article's countries: a fine grey line.
    var divisionLine: PathStyle {
        PathStyle(stroke: RGBA(0.45, 0.42, 0.38, 0.55), lineWidth: px(0.7), dash: [3, 2].map(px))
    }
    var measuredStretch: PathStyle { PathStyle(stroke: measure, lineWidth: px(7)) }
    var straightMeasure: PathStyle { PathStyle(stroke: measureInk, lineWidth: px(1.8), dash: [5, 3].map(px)) }
    var claimedEndCross: PathStyle { PathStyle(stroke: measureInk, lineWidth: px(2.2)) }
    var graticuleLine: PathStyle { PathStyle(stroke: graticule, lineWidth: px(0.6)) }
    var frameLine: PathStyle { PathStyle(stroke: frameColor, lineWidth: px(1.2)) }
}
