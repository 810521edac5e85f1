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
    /// Indexes into `patterns` by their key: "C:" and the tokens as written for capitals-only names, "l:"
    /// and the tokens lower-cased for the others (a name's words joined by spaces).
    private var patternsByKey: [String: Int] = [:]
    /// The most tokens of a name, and the keys of names' first tokens (most words start none).
    private var longestName = 0
    private var firstTokens = Set<String>()
    /// Indexes into `actors` by id.
    private var byID: [String: Int] = [:]

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
            if let i = byID[a.id] {
                actors[i] = a
            } else {
                byID[a.id] = actors.count
                actors.append(a)
            }
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
        patternsByKey = [:]
        for (k, p) in patterns.enumerated() {
            patternsByKey[(p.caseSensitive ? "C:" : "l:") + p.tokens.joined(separator: " ")] = k
        }
        longestName = patterns.first?.tokens.count ?? 0
        firstTokens = Set(patterns.map { ($0.caseSensitive ? "C:" : "l:") + $0.tokens[0] })
    }

    public func actor(id: String) -> Actor? { byID[id].map { actors[$0] } }

    /// Actor names in a sentence's tokens: (first token, last token, candidate actor ids).
    func mentions(in toks: [Token]) -> [(first: Int, last: Int, actors: [String])] {
        let lower = toks.map { $0.text.lowercased() }
        var out: [(Int, Int, [String])] = []
        var i = 0
        while i < toks.count {
            // The longest name that starts here, by key (one look-up a length, whatever the number of
            // actors); of two of that length, as written and lower-cased, the first in `patterns`.
            var found: Int?
            guard firstTokens.contains("C:" + toks[i].text) || firstTokens.contains("l:" + lower[i]) else {
                i += 1
                continue
            }
            for n in stride(from: min(longestName, toks.count - i), through: 1, by: -1) where found == nil {
                let exact = patternsByKey["C:" + toks[i..<(i + n)].map(\.text).joined(separator: " ")]
                let folded = patternsByKey["l:" + lower[i..<(i + n)].joined(separator: " ")]
                found = [exact, folded].compactMap { $0 }.min()
            }
            guard let k = found else {
                i += 1
                continue
            }
            out.append((i, i + patterns[k].tokens.count - 1, patterns[k].actors.map { actors[$0].id }))
            i += patterns[k].tokens.count
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
