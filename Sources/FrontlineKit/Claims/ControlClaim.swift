import Foundation

/// What a claim says an actor did to, or holds at, a place.
public enum ControlAction: String, Sendable, Codable, CaseIterable {
    case holds, captured, besieged, siegeBroken, withdrew, advancing, entered, lost
    /// Fought over, neither side holding it whole ("fighting continues in Soledar", "the city remains divided").
    case contested
}

/// When a claim holds, relative to the article's own events.
public enum Phase: String, Sendable, Codable {
    /// The state before the events the article reports.
    case before
    /// The events the article reports and their result.
    case after
    /// A standing fact, true before and after.
    case current
}

/// The sentence a claim rests on.
public struct Evidence: Sendable, Codable, Equatable {
    public var sentence: String
    /// Character offsets of the sentence in the article.
    public var start: Int
    public var end: Int
}

/// One claim of control read from the article.
public struct ControlClaim: Sendable, Codable, Equatable {
    public var id: Int
    public var actor: String
    public var action: ControlAction
    /// The gazetteer id of the place (as in `places`), and its name as written.
    public var placeID: String
    public var location: String
    public var phase: Phase
    /// "on Wednesday", "late last month", "last week".
    public var time: String?
    /// Who says it: "a spokesman for the SDF-allied Manbij Military Council",
    /// "the Syrian Observatory for Human Rights".
    public var attribution: String?
    public var evidence: Evidence
    public var confidence: Double
    /// The place is only near what the text names ("villages near the town of Marea").
    public var near: Bool = false
    /// Derived by a rule from another claim, not read directly ("fled" implies "held before").
    public var inferred: Bool = false
    public var notes: String?
}

/// A place's state in one phase: who controls it and how.
public struct PlaceState: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case held, contested, besieged, recentlyCaptured, withdrawn }
    public var placeID: String
    public var phase: Phase
    public var controller: String?
    public var status: Status?
    /// The besieger, or the other side of a contest.
    public var opponent: String?
    /// Actors advancing on it in this phase.
    public var advancing: [String]
    /// The state changed in this phase (captured, siege broken, entered, withdrawn).
    public var changed: Bool
    /// The claims behind it.
    public var claims: [Int]
}

extension ControlClaim {
    /// The place id of a name the text uses as a place that could not be located ("unlocated:Bashiqa"):
    /// its claims are kept, listed as not located, and never drawn.
    public static let unlocatedPrefix = "unlocated:"
    public static func isUnlocated(_ placeID: String) -> Bool { placeID.hasPrefix(unlocatedPrefix) }
}
