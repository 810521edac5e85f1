import Foundation

/// An actor's colours as the map paints them.
extension Actor {
    /// The marker and area fill: the actor's colour (grey should it not be one).
    public var fill: RGBA { RGBA(hex: colour) ?? RGBA(0.5, 0.5, 0.5) }
    /// The marker outline: the actor's outline colour (white should it not be one).
    public var stroke: RGBA { RGBA(hex: outline) ?? RGBA(1, 1, 1) }
}
