import Foundation

/// A party to the fighting, as the article names it.
public struct Actor: Sendable, Hashable, Codable {
    public var id: String
    public var label: String
    /// Words and phrases that name this actor in text, lowercased.
    public var names: [String]
}

/// What a claim says an actor did to or holds at a place.
public enum ControlAction: String, Sendable, Codable {
    case holds, captured, besieged, siegeBroken, withdrew, advancing, entered, lost
}

/// A sentence's claim of control: actor, action, place, and the evidence.
public struct ControlClaim: Sendable, Equatable {
    public var actor: String
    public var action: ControlAction
    public var place: String
    public var sentence: String
    public var start: Int
    public var end: Int
}

/// The first step of the claims stage: control stated by an adjective or a fixed phrase
/// ("the rebel-held town of Marea", "Falluja, under ISIS control", "in ISIS hands").
/// The issue "Control claims" builds the full reader on these types.
public struct ControlClaimReader: Sendable {
    public let actors: [Actor]

    public static let defaultActors: [Actor] = [
        Actor(id: "isis", label: "ISIS", names: ["isis", "islamic state", "is", "isil", "daesh"]),
        Actor(id: "rebels", label: "Syrian rebels", names: ["rebel", "rebels", "opposition", "fsa"]),
        Actor(id: "sdf", label: "SDF", names: ["sdf", "kurdish", "ypg"]),
        Actor(id: "syrian-government", label: "Syrian government", names: ["government", "regime", "assad"]),
    ]

    public init(actors: [Actor] = ControlClaimReader.defaultActors) { self.actors = actors }

    func actor(named word: String) -> Actor? {
        let w = word.lowercased()
        return actors.first { $0.names.contains(w) }
    }

    public func claims(in article: Article, places: PlaceResolution) -> [ControlClaim] {
        var out: [ControlClaim] = []
        for s in article.sentences {
            let toks = Tokenizer.tokens(s.text)
            for p in places.places where p.kind.isPoint {
                for m in p.mentions where m.start >= s.start && m.end <= s.end {
                    let local = m.start - s.start
                    guard let idx = toks.firstIndex(where: { $0.start == local }) else { continue }
                    // "<actor>-held <town|village|city> of <place>"
                    if idx >= 3, toks[idx - 1].text.lowercased() == "of",
                       ["town", "village", "city"].contains(toks[idx - 2].text.lowercased()),
                       toks[idx - 3].text.lowercased().hasSuffix("-held") {
                        let who = String(toks[idx - 3].text.dropLast(5))
                        if let a = actor(named: who) {
                            out.append(ControlClaim(actor: a.id, action: .holds, place: p.name, sentence: s.text, start: s.start, end: s.end))
                        }
                    }
                    // "<place> ... under <actor> control" / "in <actor> hands" within the next few words
                    let window = toks[(idx + 1)..<min(toks.count, idx + 7)].map { $0.text.lowercased() }
                    for (k, w) in window.enumerated() where (w == "control" || w == "hands") && k >= 2 {
                        if ["under", "in"].contains(window[k - 2]), let a = actor(named: window[k - 1]) {
                            out.append(ControlClaim(actor: a.id, action: .holds, place: p.name, sentence: s.text, start: s.start, end: s.end))
                        }
                    }
                }
            }
        }
        return out
    }
}
