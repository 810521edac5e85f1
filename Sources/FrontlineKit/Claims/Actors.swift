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
    /// For names several actors share ("government forces"): the country where this actor is meant
    /// (an older form of `countries`, still read).
    public var country: String?
    /// The countries of the actor's conflict (ISO codes): where a name it shares with other actors, or
    /// one of its `descriptions`, means it.
    public var countries: [String]?
    /// Descriptions that name different actors in different wars ("government forces", "the army",
    /// "rebels"): they name this actor only in an article whose country context is one of `countries`;
    /// elsewhere they are kept as written, not in the catalogue.
    public var descriptions: [String]?
    /// The countries of wars where this combatant fights beside another side, as a supporter (Russia in
    /// Syria): in an article about them its `role` is `supporter`.
    public var supporterIn: [String]?

    public init(
        id: String, label: String, colour: String, outline: String, shape: Shape, role: Role, names: [String],
        country: String? = nil, countries: [String]? = nil, descriptions: [String]? = nil
    ) {
        (self.id, self.label, self.colour, self.outline, self.shape, self.role) = (
            id, label, colour, outline, shape, role
        )
        (self.names, self.country, self.countries, self.descriptions) = (names, country, countries, descriptions)
    }

    /// The countries where the actor is meant: `countries`, else `country`.
    public var contextCountries: [String] { countries ?? country.map { [$0] } ?? [] }

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
    /// Name token sequences, longest first, with the actors they may mean (and whether the name is, for
    /// that actor, a description that needs the article's country context).
    private var patterns: [(tokens: [String], caseSensitive: Bool, actors: [Candidate])] = []
    /// Indexes into `patterns` by their key: "C:" and the tokens as written for capitals-only names, "l:"
    /// and the tokens lower-cased for the others (a name's words joined by spaces).
    private var patternsByKey: [String: Int] = [:]
    /// The most tokens of a name, and the keys of names' first tokens (most words start none).
    private var longestName = 0
    private var firstTokens = Set<String>()
    /// Indexes into `actors` by id.
    private var byID: [String: Int] = [:]

    /// An actor a name may mean: its index, and whether the name is one of its descriptions.
    struct Candidate: Hashable {
        var index: Int
        var description: Bool
    }

    /// The prefix of ids of actors kept as written ("unlisted:government forces"): a description no actor
    /// of the article's countries answers to.
    public static let unlistedPrefix = "unlisted:"

    /// The id of an actor kept as written, not in the catalogue.
    public static func unlisted(_ text: String) -> String { unlistedPrefix + text }

    /// Whether an id is that of an actor kept as written.
    public static func isUnlisted(_ id: String) -> Bool { id.hasPrefix(unlistedPrefix) }

    /// The label of an id: the actor's, or the words as written for one not in the catalogue.
    public func label(of id: String) -> String {
        if let a = actor(id: id) { return a.label }
        return Self.isUnlisted(id) ? String(id.dropFirst(Self.unlistedPrefix.count)) : id
    }

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
    public mutating func add(contentsOf path: String) throws { add(try Self.actors(in: path)) }

    /// The checked actors of a file.
    static func actors(in path: String) throws -> [Actor] {
        let data = try InputFile.read(path, limit: Limits.jsonBytes, missing: "actors file not found or unreadable")
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw FrontlineError.badInput(file: path, reason: "not a valid actors file: \(JSONErrors.describe(error))")
        }
        for a in file.actors {
            if let bad = a.badColour {
                throw FrontlineError.badInput(file: path, reason: "actor '\(a.id)': \(bad) is not #rrggbb or #rrggbbaa")
            }
            guard !a.id.isEmpty, !a.names.isEmpty || !(a.descriptions ?? []).isEmpty, !Self.isUnlisted(a.id) else {
                throw FrontlineError.badInput(
                    file: path,
                    reason: "every actor needs an id (not starting '\(Self.unlistedPrefix)') and at least one name")
            }
        }
        return file.actors
    }

    /// Adds the actors of every `.json` file in a folder (one a conflict), in the order of their names; a
    /// missing folder adds none. The name patterns are rebuilt once, for all the files (rebuilt after
    /// each of the 11 files, they took a quarter of `frontline places`).
    public mutating func add(directory: String) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        add(try names.sorted().filter { $0.hasSuffix(".json") }.flatMap { try Self.actors(in: directory + "/" + $0) })
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
        var map: [String: (tokens: [String], caseSensitive: Bool, actors: [Candidate])] = [:]
        for (i, a) in actors.enumerated() {
            let named = a.names.map { ($0, false) } + (a.descriptions ?? []).map { ($0, true) }
            for (n, description) in named {
                let caps = n == n.uppercased() && n.count <= 5
                let toks = Tokenizer.tokens(n).map { caps ? $0.text : $0.text.lowercased() }
                guard !toks.isEmpty else { continue }
                let key = (caps ? "C:" : "l:") + toks.joined(separator: " ")
                let c = Candidate(index: i, description: description)
                if map[key]?.actors.contains(where: { $0.index == i }) != true {
                    map[key, default: (toks, caps, [])].actors.append(c)
                }
            }
        }
        // "the rebels" may mean whatever "rebels" may (the longer name is found first, and must not hide
        // the actors of the shorter).
        for (key, p) in map where key.hasPrefix("l:the ") {
            for c in map["l:" + key.dropFirst(6)]?.actors ?? [] where !p.actors.contains(where: { $0.index == c.index })
            {
                map[key]?.actors.append(c)
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

    /// Actor names in a sentence's tokens: (first token, last token, the actors the name may mean).
    func mentions(in toks: [Token]) -> [(first: Int, last: Int, actors: [Candidate])] {
        let lower = toks.map { $0.text.lowercased() }
        var out: [(Int, Int, [Candidate])] = []
        var i = 0
        while i < toks.count {
            // The longest name that starts here, by key (one look-up a length, whatever the number of
            // actors); of two of that length, as written and lower-cased, the first in `patterns`.
            var found: Int?
            guard firstTokens.contains("C:" + toks[i].text) || firstTokens.contains("l:" + lower[i]) else {
                if lower[i].hasSuffix("-led"), let d = description(at: i, toks: toks, lower: lower) {
                    out.append((i, d.last, d.actors))
                    i = d.last + 1
                } else {
                    i += 1
                }
                continue
            }
            for n in stride(from: min(longestName, toks.count - i), through: 1, by: -1) where found == nil {
                let exact = patternsByKey["C:" + toks[i..<(i + n)].map(\.text).joined(separator: " ")]
                let folded = patternsByKey["l:" + lower[i..<(i + n)].joined(separator: " ")]
                found = [exact, folded].compactMap { $0 }.min()
            }
            guard let k = found else {
                if let d = description(at: i, toks: toks, lower: lower) {
                    out.append((i, d.last, d.actors))
                    i = d.last + 1
                } else {
                    i += 1
                }
                continue
            }
            out.append((i, i + patterns[k].tokens.count - 1, patterns[k].actors))
            i += patterns[k].tokens.count
        }
        return out
    }

    /// The nouns that head a description of armed forces ("Russian airborne units", "HTS-led fighters").
    static let forceHeads: Set<String> = WordLists.shared.set("force nouns").union(
        ["army", "military", "militia", "militias", "paratroopers"])

    /// An actor by description: a side's adjective or an "X-led" prefix, up to two lowercase modifiers,
    /// and a force noun ("Russian airborne units", "Azerbaijani special forces", "Iraqi military forces",
    /// "HTS-led fighters", "Kurdish-led forces"): the actor the catalogue knows as that adjective with a force
    /// noun ("Russian units", "Kurdish forces"), or as the prefix ("HTS"); none when it knows neither.
    func description(at i: Int, toks: [Token], lower: [String]) -> (last: Int, actors: [Candidate])? {
        guard toks[i].isCapitalized || lower[i].hasSuffix("-led") else { return nil }
        guard let head = (i + 1..<min(toks.count, i + 4)).first(where: { Self.forceHeads.contains(lower[$0]) }),
            (i + 1..<head).allSatisfy({ !toks[$0].isCapitalized && !lower[$0].contains("-") })
        else { return nil }
        if lower[i].hasSuffix("-led") {
            let found = candidates(prefix: String(toks[i].text.dropLast(4)))
            return found.isEmpty ? nil : (head, found)
        }
        for noun in Self.forceHeads.sorted() {
            for key in ["C:" + toks[i].text + " " + noun, "l:" + lower[i] + " " + noun] {
                if let k = patternsByKey[key] { return (head, patterns[k].actors) }
            }
        }
        return nil
    }

    /// The catalogue as an article about `countries` reads it: an actor that is a supporter in one of them
    /// (`supporterIn`) has that role there.
    public func forCountries(_ countries: [String]) -> ActorCatalog {
        var c = self
        for (k, a) in actors.enumerated() where !(a.supporterIn ?? []).filter(countries.contains).isEmpty {
            c.actors[k].role = .supporter
        }
        return c
    }

    /// The actors a hyphenated prefix may name ("rebel-held" → rebels, "ISIS-held" → isis); none when
    /// it names no actor.
    func candidates(prefix: String) -> [Candidate] {
        for p in patterns where p.tokens.count == 1 {
            if (p.caseSensitive ? prefix : prefix.lowercased()) == p.tokens[0] { return p.actors }
        }
        return []
    }

    /// The actors an adjective before "-held", "-run" may name: as a prefix ("rebel-held", "ISIS-held"), else
    /// as the adjective of a side's forces ("Russian-held": the catalogue's "Russian forces").
    func candidates(adjective: String) -> [Candidate] {
        let direct = candidates(prefix: adjective)
        if !direct.isEmpty { return direct }
        for noun in Self.forceHeads.sorted() {
            for key in ["C:" + adjective + " " + noun, "l:" + adjective.lowercased() + " " + noun] {
                if let k = patternsByKey[key] { return patterns[k].actors }
            }
        }
        return []
    }

    /// The id of the actor a name means in a country context (the countries in order of precedence: the
    /// sentence's, the places', the article's): a name one actor has is that actor; a name several share,
    /// or a description, is the first actor of the first context country that has one; failing that, the
    /// first actor whose name (not description) it is; else nil, to be kept as written (never another
    /// country's actor).
    func resolve(_ candidates: [Candidate], context: [String]) -> String? {
        if candidates.count == 1, !candidates[0].description { return actors[candidates[0].index].id }
        for country in context {
            if let c = candidates.first(where: { actors[$0.index].contextCountries.contains(country) }) {
                return actors[c.index].id
            }
        }
        return candidates.first { !$0.description }.map { actors[$0.index].id }
    }

    /// The id a name means in a country context, or the name as written (`unlisted`) when no actor of
    /// the context answers to it.
    public func resolve(name: String, context: [String]) -> String? {
        let toks = Tokenizer.tokens(name)
        guard let m = mentions(in: toks).first, m.first == 0, m.last == toks.count - 1 else { return nil }
        return resolve(m.actors, context: context) ?? Self.unlisted(name)
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
