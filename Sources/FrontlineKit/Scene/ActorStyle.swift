import Foundation

/// An actor's colours as the map paints them.
extension Actor {
    /// The marker and area fill: the actor's colour (grey should it not be one).
    public var fill: RGBA { RGBA(hex: colour) ?? RGBA(0.5, 0.5, 0.5) }
    /// The marker outline: the actor's outline colour (white should it not be one).
    public var stroke: RGBA { RGBA(hex: outline) ?? RGBA(1, 1, 1) }
}

extension ActorCatalog {
    /// An actor as the map draws it: the catalogue's, or for one kept as written (not in the catalogue) a
    /// neutral light grey circle with a dark outline, labelled with its words as written.
    public func drawn(_ id: String) -> Actor? {
        if let a = actor(id: id) { return a }
        guard ActorCatalog.isUnlisted(id) else { return nil }
        return Actor(
            id: id, label: label(of: id) + " (not in the catalogue)", colour: "#b3b3b8", outline: "#4d4d4d",
            shape: .circle, role: .combatant, names: [])
    }
}
