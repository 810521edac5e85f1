import Foundation

/// The word lists the readers use (cue words, irrealis words, month names, …), kept as data in
/// `Shapes/words.json` beside `actors.json`: one named list each, and a few named tables of words with
/// a number each (number words, compass bearings); loaded once, checked on loading.
public struct WordLists: Sendable {
    /// Every list the code reads; a file without one of them is refused when it is loaded.
    static let required: [String] = [
        "abbreviations",
        "adjective endings",
        "advance verbs",
        "agent phrases",
        "apposition nouns",
        "arabic articles",
        "auxiliaries",
        "bare verbs",
        "boilerplate markers",
        "cardinal points",
        "compass points",
        "civilian nouns",
        "clause openers",
        "connectors",
        "continuation words",
        "control nouns",
        "control phrases",
        "control verbs",
        "country adjectives",
        "cue phrases",
        "declaring verbs",
        "determiners",
        "distance qualifiers",
        "division states",
        "division nouns",
        "expulsion verbs",
        "feature words",
        "fighting words",
        "force nouns",
        "geographic nouns",
        "hold complements",
        "gerund clause openers",
        "gerund objects",
        "irrealis words",
        "list connectors",
        "kilometre words",
        "location prepositions",
        "mile words",
        "modals",
        "name endings",
        "month names",
        "name connectors",
        "negations",
        "neighbourhood nouns",
        "noun prepositions",
        "ordinal determiners",
        "organisation heads",
        "part nouns",
        "performed intentions",
        "person pronouns",
        "person titles",
        "place nouns",
        "speech verbs",
        "stance prefixes",
        "stopwords",
        "time phrases after",
        "time phrases before",
        "verb adverbs",
        "water nouns",
    ]
    /// Every table the code reads (each word with its number), likewise required.
    static let requiredTables: [String] = ["compass bearings", "number words"]

    public let lists: [String: [String]]
    public let tables: [String: [String: Double]]

    /// Reads and checks a words file:
    /// `{"format": "frontline-words 1", "lists": {"name": ["word", …]}, "tables": {"name": {"word": 5, …}}}`.
    public static func load(path: String) throws -> WordLists {
        let data = try InputFile.read(path, limit: Limits.jsonBytes, missing: "cannot read the word lists")
        struct File: Decodable {
            var format: String
            var lists: [String: [String]]
            var tables: [String: [String: Double]]?  // absent: refused below, naming the missing table
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw FrontlineError.badInput(file: path, reason: "not a words file (\(Self.reason(error)))")
        }
        guard file.format == "frontline-words 1" else {
            throw FrontlineError.badInput(file: path, reason: "format must be \"frontline-words 1\"")
        }
        for name in required where file.lists[name] == nil {
            throw FrontlineError.badInput(file: path, reason: "list \"\(name)\" is missing")
        }
        for (name, words) in file.lists where words.isEmpty || words.contains(where: \.isEmpty) {
            throw FrontlineError.badInput(file: path, reason: "list \"\(name)\" is empty or has an empty word")
        }
        let tables = file.tables ?? [:]
        for name in requiredTables where tables[name] == nil {
            throw FrontlineError.badInput(file: path, reason: "table \"\(name)\" is missing")
        }
        for (name, table) in tables where table.isEmpty || table.keys.contains(where: \.isEmpty) {
            throw FrontlineError.badInput(file: path, reason: "table \"\(name)\" is empty or has an empty word")
        }
        return WordLists(lists: file.lists, tables: tables)
    }

    /// One list, as written in the file (validated on loading, so a required name is always there).
    public func list(_ name: String) -> [String] { lists[name] ?? [] }

    /// One list as a set of its words, for membership tests.
    public func set(_ name: String) -> Set<String> { Set(list(name)) }

    /// One table: each word with its number (validated on loading, like the lists).
    public func table(_ name: String) -> [String: Double] { tables[name] ?? [:] }

    // MARK: the lists in use

    private static let lock = NSLock()
    nonisolated(unsafe) private static var current: WordLists?

    /// Loads the words file of a Shapes folder (the one `Frontline` uses) and makes it the lists in use;
    /// a folder without one (a user's own basemap) uses the package's. A bad file is a one-line error.
    public static func prepare(directory: String) throws {
        var path = directory + "/words.json"
        if !FileManager.default.fileExists(atPath: path) { path = defaultPath }
        var lists = try load(path: path)
        lists.englishWords = try SortedWords.load(
            path: (path as NSString).deletingLastPathComponent + "/english-words.txt")
        lists.givenNames = try SortedWords.load(
            path: (path as NSString).deletingLastPathComponent + "/given-names.txt", magic: Self.givenNamesMagic)
        lock.lock()
        defer { lock.unlock() }
        current = lists
    }

    /// The common English words beside the words file (`english-words.txt`), if there is one.
    public var englishWords: SortedWords?
    /// The given names beside the words file (`given-names.txt`, US Census 1990), if there is one.
    public var givenNames: SortedWords?
    static let givenNamesMagic = "frontline-given-names 1"

    /// The package's words file (the default Shapes folder's).
    static var defaultPath: String { ((try? Basemap.locate(explicit: nil).directory) ?? "Shapes") + "/words.json" }

    /// The lists in use: those `prepare` loaded, else the default Shapes folder's (read on first use).
    public static var shared: WordLists {
        lock.lock()
        defer { lock.unlock() }
        if let current { return current }
        // Reached only by code that runs a stage without `Frontline` (tests): the package's lists.
        var loaded = (try? load(path: defaultPath)) ?? WordLists(lists: [:], tables: [:])
        loaded.englishWords = try? SortedWords.load(
            path: (defaultPath as NSString).deletingLastPathComponent + "/english-words.txt")
        loaded.givenNames = try? SortedWords.load(
            path: (defaultPath as NSString).deletingLastPathComponent + "/given-names.txt", magic: givenNamesMagic)
        current = loaded
        return loaded
    }

    private static func reason(_ error: Error) -> String {
        guard case DecodingError.dataCorrupted(let c) = error else { return "\(error)" }
        return c.debugDescription
    }
}
