import Foundation

/// A party to the fighting: how the text names it and how the map draws it (its colours as written,
/// "#rrggbb" or "#rrggbbaa"; the Scene stage turns them into paint).
public struct Actor: Sendable, Hashable, Codable {
    public enum Shape: String, Sendable, Codable { case circle, square, diamond, triangle }
    public enum Role: String, Sendable, Codable { case combatant, supporter }

    public var id: String
    public var label: String
    public var colour: String
    public var outline: String
    public var shape: Shape
    public var role: Role
    /// Names in text; an all-capitals name (ISIS, IS) matches only in capitals.
    public var names: [String]
    /// For names several actors share ("government forces"): the country where this actor is meant.
    public var country: String?

    /// Whether `s` is a colour as an actors file writes it: "#rrggbb" or "#rrggbbaa" in hex digits (the
    /// "#" may be left out).
    public static func isColour(_ s: String) -> Bool {
        let digits = s.hasPrefix("#") ? s.dropFirst() : Substring(s)
        return (digits.count == 6 || digits.count == 8) && UInt64(digits, radix: 16) != nil
    }

    /// The first of the actor's colours that is not one, as "field \"value\"", or nil when both are.
    var badColour: String? {
        if !Actor.isColour(colour) { return "colour \"\(colour)\"" }
        if !Actor.isColour(outline) { return "outline \"\(outline)\"" }
        return nil
    }
}

/// The actors a reader knows, from `Shapes/actors.json` and any file the user adds.
public struct ActorCatalog: Sendable {
    public private(set) var actors: [Actor] = []
    /// Name token sequences, longest first, with the actors they may mean.
    private var patterns: [(tokens: [String], caseSensitive: Bool, actors: [Int])] = []
    /// Indexes into `patterns` by first token (lower-cased, or as written for capitals-only names), in order.
    private var patternsByFirstToken: [String: [Int]] = [:]

    struct File: Codable {
        var about: String?
        var actors: [Actor]
    }

    public init(actors: [Actor] = []) {
        add(actors)
    }

    public static func load(path: String) throws -> ActorCatalog {
        var c = ActorCatalog()
        try c.add(contentsOf: path)
        return c
    }

    /// Adds the actors of a file; an actor with an existing id replaces it.
    public mutating func add(contentsOf path: String) throws {
        let data = try InputFile.read(path, limit: Limits.jsonBytes, missing: "actors file not found or unreadable")
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw FrontlineError.badInput(file: path, reason: "not a valid actors file: \(JSONErrors.describe(error))")
        }
        for a in file.actors {
            if let bad = a.badColour {
                throw FrontlineError.badInput(file: path, reason: "actor '\(a.id)': \(bad) is not #rrggbb or #rrggbbaa")
            }
            guard !a.id.isEmpty, !a.names.isEmpty else {
                throw FrontlineError.badInput(file: path, reason: "every actor needs an id and at least one name")
            }
        }
        add(file.actors)
    }

    public mutating func add(_ a: Actor) { add([a]) }

    /// Adds actors in order (a later one with an existing id replaces it), then rebuilds the name patterns once.
    public mutating func add(_ list: [Actor]) {
        for a in list {
            if let i = actors.firstIndex(where: { $0.id == a.id }) { actors[i] = a } else { actors.append(a) }
        }
        rebuild()
    }

    private mutating func rebuild() {
        var map: [String: (tokens: [String], caseSensitive: Bool, actors: [Int])] = [:]
        for (i, a) in actors.enumerated() {
            for n in a.names {
                let caps = n == n.uppercased() && n.count <= 5
                let toks = Tokenizer.tokens(n).map { caps ? $0.text : $0.text.lowercased() }
                guard !toks.isEmpty else { continue }
                let key = (caps ? "C:" : "l:") + toks.joined(separator: " ")
                map[key, default: (toks, caps, [])].actors.append(i)
            }
        }
        patterns = map.values.sorted {
            $0.tokens.count != $1.tokens.count
                ? $0.tokens.count > $1.tokens.count : $0.tokens.joined() < $1.tokens.joined()
        }
        patternsByFirstToken = [:]
        for (k, p) in patterns.enumerated() { patternsByFirstToken[p.tokens[0], default: []].append(k) }
    }

    public func actor(id: String) -> Actor? { actors.first { $0.id == id } }

    /// Actor names in a sentence's tokens: (first token, last token, candidate actor ids).
    func mentions(in toks: [Token]) -> [(first: Int, last: Int, actors: [String])] {
        let lower = toks.map { $0.text.lowercased() }
        var out: [(Int, Int, [String])] = []
        var i = 0
        while i < toks.count {
            var matched = false
            // Patterns that can start here: by the token lower-cased, and as written (capitals-only names).
            var candidates = patternsByFirstToken[lower[i]] ?? []
            if toks[i].text != lower[i], let exact = patternsByFirstToken[toks[i].text] {
                candidates = (candidates + exact).sorted()
            }
            for k in candidates where i + patterns[k].tokens.count <= toks.count {
                let p = patterns[k]
                let same =
                    p.caseSensitive
                    ? toks[i..<(i + p.tokens.count)].map(\.text).elementsEqual(p.tokens)
                    : lower[i..<(i + p.tokens.count)].elementsEqual(p.tokens)
                if same {
                    out.append((i, i + p.tokens.count - 1, p.actors.map { actors[$0].id }))
                    i += p.tokens.count
                    matched = true
                    break
                }
            }
            if !matched {
                // "rebel-held", "ISIS-controlled", "US-backed": the actor is the first part of the word.
                i += 1
            }
        }
        return out
    }

    /// The actor a hyphenated prefix names ("rebel-held" → rebels, "ISIS-held" → isis).
    func actor(prefix: String) -> Actor? {
        for p in patterns where p.tokens.count == 1 {
            if (p.caseSensitive ? prefix : prefix.lowercased()) == p.tokens[0] { return actors[p.actors[0]] }
        }
        return nil
    }
}

/// Short descriptions of JSON decoding errors, for one-line messages.
enum JSONErrors {
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c):
            return "malformed JSON" + path(c.codingPath) + (c.underlyingError.map { ": \(short($0))" } ?? "")
        case DecodingError.keyNotFound(let k, let c): return "missing field '\(k.stringValue)'" + path(c.codingPath)
        case DecodingError.typeMismatch(let t, let c): return "wrong type (expected \(t))" + path(c.codingPath)
        case DecodingError.valueNotFound(let t, let c): return "missing value (expected \(t))" + path(c.codingPath)
        default: return "\(error)"
        }
    }
    static func path(_ p: [CodingKey]) -> String {
        p.isEmpty
            ? ""
            : " at "
                + p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(
                    of: ".[", with: "[")
    }
    static func short(_ e: Error) -> String {
        let s = (e as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(e)"
        return String(s.prefix(120))
    }
}
