import Foundation

/// What kind of thing a gazetteer entry names.
public enum PlaceKind: String, Sendable, Codable, CaseIterable {
    /// `continent`: named in news, never drawn (an associative mention).
    case city, town, village, country, river, lake, border, region, continent
    public var isPoint: Bool { self == .city || self == .town || self == .village }
}

/// One gazetteer entry: a named place with coordinates, the names it goes by and its source.
public struct GazetteerEntry: Sendable, Equatable {
    public var id: String
    public var name: String
    public var coordinate: LonLat
    public var country: String
    public var kind: PlaceKind
    public var population: Int
    public var alternates: [String]
    public var source: String
    /// For countries, rivers, lakes and borders: the basemap shape it is tied to, e.g. `rivers.shp:NAME=Euphrates`.
    public var shape: String?

    public init(
        id: String, name: String, coordinate: LonLat, country: String, kind: PlaceKind, population: Int = 0,
        alternates: [String] = [], source: String, shape: String? = nil
    ) {
        self.id = id
        self.name = name
        self.coordinate = coordinate
        self.country = country
        self.kind = kind
        self.population = population
        self.alternates = alternates
        self.source = source
        self.shape = shape
    }
}

/// How a name matched an entry.
public enum NameMatch: String, Sendable {
    /// The strict key: same name up to case, marks, articles and transliteration variants.
    case spelling
    /// Only the consonant skeleton matched (Menbij ~ Manbij): weaker evidence.
    case skeleton
}

/// The places a map can name. The committed gazetteer is read from its compiled index
/// (`Shapes/gazetteer.index`, keys precomputed and sorted, entries parsed on demand); the user's cached
/// country dumps (`gazetteer add`, compiled the same way) add to it, and user gazetteer files add to both
/// and override both.
public struct Gazetteer: Sendable {
    private var base: CompiledGazetteer?
    /// The user's cached countries (`GazetteerCache`), one index each, in the order of their codes.
    private var cached: [CompiledGazetteer] = []
    private var overlay = EntryTable()
    /// Which file each overlay entry came from, counting up: a later file overrides an earlier one.
    private var files = 0

    public init() {}

    public init(entries: [GazetteerEntry]) {
        for e in entries { overlay.add(e) }
    }

    /// The committed gazetteer of a Shapes directory, from its compiled index, and every country in
    /// `cache` (a cached index that cannot be read is left out with a warning).
    public static func load(shapesDirectory dir: String, cache: GazetteerCache? = nil) throws -> Gazetteer {
        var g = Gazetteer()
        g.base = try CompiledGazetteer(path: try committedIndex(shapesDirectory: dir))
        g.cached = cache?.indexes() ?? []
        return g
    }

    /// The compiled index of a Shapes directory's gazetteer, compiled from its TSV sources when it is
    /// missing or older than they are (the repository holds only the sources: the index is 63 MB). It is
    /// written beside them, or in the user's cache when that folder is read-only. A folder with an index
    /// and no gazetteer.tsv (a user's own basemap) has its index read as it is.
    static func committedIndex(
        shapesDirectory dir: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        let beside = dir + "/" + CompiledGazetteer.fileName
        let sources = [dir + "/gazetteer.tsv", dir + "/gazetteer-supplement.tsv"]
        guard DerivedFile.modified(sources[0]) != nil, !DerivedFile.isFresh(beside, sources: sources) else {
            return beside
        }
        var target = beside
        if !DerivedFile.canWrite(in: dir) {
            guard let cache = DerivedFile.cacheFolder(environment: environment) else {
                Console.message(
                    "frontline: warning: \(Console.escaped(beside)): older than gazetteer.tsv and neither its"
                        + " folder nor a cache folder is writable; reading it as it is")
                return beside
            }
            target = cache + "/" + DerivedFile.cacheName(for: dir, suffix: CompiledGazetteer.fileName)
        }
        let announce =
            "frontline: compiling \(Console.escaped(target)) from \(Console.escaped(sources[0])) (once after the"
            + " gazetteer changes; about half a minute)"
        return try DerivedFile.ensure(target, sources: sources, announce: announce) { path in
            try Gazetteer.fromSources(shapesDirectory: dir).compile(to: path)
        }
    }

    /// The committed index and the cached ones.
    private var bases: [CompiledGazetteer] { (base.map { [$0] } ?? []) + cached }

    /// Builds the committed gazetteer from its TSV sources (gazetteer.tsv, then the supplement).
    public static func fromSources(shapesDirectory dir: String) throws -> Gazetteer {
        var g = Gazetteer()
        try g.add(contentsOf: dir + "/gazetteer.tsv", budget: .max - 1)
        let supplement = dir + "/gazetteer-supplement.tsv"
        if FileManager.default.fileExists(atPath: supplement) { try g.add(contentsOf: supplement, budget: .max - 1) }
        return g
    }

    /// Adds a gazetteer file: the project's TSV, a GeoNames dump (19 columns) or a CSV
    /// `name,lat,lon[,country,kind,aliases]`. Its entries add to and override what is already here.
    /// All user files together hold at most `Limits.userGazetteerRows` rows (the committed sources, read by
    /// `fromSources` to compile the index, have no such limit).
    public mutating func add(contentsOf path: String) throws {
        try add(contentsOf: path, budget: max(0, Limits.userGazetteerRows - overlay.entries.count))
    }

    mutating func add(contentsOf path: String, budget: Int) throws {
        let entries = try GazetteerFile.read(path: path, budget: budget)
        files += 1
        overlay.reserve(entries.count)
        for e in entries { overlay.add(e, generation: files) }
    }

    public mutating func add(_ e: GazetteerEntry) { overlay.add(e) }

    public var count: Int { bases.reduce(0) { $0 + $1.count } + overlay.entries.count }

    /// How many entries the user's cached countries hold.
    public var cachedCount: Int { cached.reduce(0) { $0 + $1.count } }

    /// Every entry (parses the whole index: for tools and tests, not for lookups).
    public var entries: [GazetteerEntry] {
        bases.flatMap(\.allEntries) + overlay.entries
    }

    /// Entries a name could mean, with how it matched: strict matches if there are any, else skeleton matches.
    public func candidates(for name: String) -> [(entry: GazetteerEntry, match: NameMatch)] {
        let (key, skeleton) = PlaceNameNormalizer.keys(name)
        guard !key.isEmpty else { return [] }
        let strict = lookup(key: key)
        if !strict.isEmpty { return strict.map { ($0, .spelling) } }
        guard !skeleton.isEmpty else { return [] }
        return lookup(key: "~" + skeleton).map { ($0, .skeleton) }
    }

    /// Entries whose name or alternate name folds to the strict key of `name`.
    public func lookup(_ name: String) -> [GazetteerEntry] {
        let key = PlaceNameNormalizer.key(name)
        return key.isEmpty ? [] : lookup(key: key)
    }

    /// Entries under a precomputed key ("~" + skeleton for loose keys). User entries hide the cached
    /// and committed entries of the same country under the same key: later files override earlier ones.
    /// Cached entries hide the committed places (cities, towns, villages) of their country under the key;
    /// the committed countries, rivers, lakes and borders, tied to the basemap's shapes, stay.
    func lookup(key: String) -> [GazetteerEntry] {
        // Among user entries, only the latest file's for each country.
        var mine = overlay.lookupWithGeneration(key)
        let latest = Dictionary(mine.map { ($0.entry.country, $0.generation) }, uniquingKeysWith: max)
        mine = mine.filter { $0.generation == latest[$0.entry.country] }
        let mineEntries = mine.map(\.entry)
        let overridden = Set(mineEntries.map(\.country))
        var ids = Set(mineEntries.map(\.id))
        let fromCache = cached.flatMap { $0.lookup(key) }.filter {
            !overridden.contains($0.country) && !ids.contains($0.id)
        }
        ids.formUnion(fromCache.map(\.id))
        let cachedCountries = Set(fromCache.map(\.country))
        let theirs = (base?.lookup(key) ?? []).filter {
            !overridden.contains($0.country) && !ids.contains($0.id)
                && !($0.kind.isPoint && cachedCountries.contains($0.country))
        }
        return mineEntries + fromCache + theirs
    }

    /// Whether any name in the gazetteer has this strict key (cheap: no entry is parsed).
    func hasKey(_ key: String) -> Bool {
        overlay.hasKey(key) || bases.contains { $0.hasKey(key) }
    }

    public func entry(id: String) -> GazetteerEntry? {
        if let e = overlay.entry(id: id) { return e }
        for b in cached + (base.map { [$0] } ?? []) {
            if let e = b.lookup("id:" + id).first { return e }
        }
        return nil
    }

    /// Entries whose position lies in `box` (a scan: for occasional questions, not per mention).
    public func entries(in box: GeoBox) -> [GazetteerEntry] {
        var out = overlay.entries.filter { box.contains($0.coordinate) }
        for b in bases { out += b.entries(in: box) }
        return out
    }

    /// The country entry for an ISO alpha-2 code.
    public func country(_ iso: String) -> GazetteerEntry? {
        lookup(key: "country:" + iso.lowercased()).first ?? entry(id: "country:" + iso)
    }

    /// Writes the compiled index of this gazetteer's entries.
    public func compile(to path: String) throws {
        try CompiledGazetteer.write(entries: entries, to: path)
    }
}

/// Entries in memory with their keys: user gazetteers, and the builder of the compiled index.
struct EntryTable: Sendable {
    private(set) var entries: [GazetteerEntry] = []
    private var generations: [Int] = []
    private var byKey: [String: [Int]] = [:]
    private var byID: [String: Int] = [:]
    private var byPosition: [String: Int] = [:]

    /// Room for `n` more entries, so that a big file's tables are not grown (and rehashed) again and again.
    mutating func reserve(_ n: Int) {
        entries.reserveCapacity(entries.count + n)
        generations.reserveCapacity(generations.count + n)
        byKey.reserveCapacity(byKey.count + 2 * n)
        byID.reserveCapacity(byID.count + n)
        byPosition.reserveCapacity(byPosition.count + n)
    }

    static func positionKey(_ e: GazetteerEntry) -> String {
        "\(e.country) \((e.coordinate.lat * 10000).rounded()) \((e.coordinate.lon * 10000).rounded())"
    }

    /// All keys of an entry: strict keys of its names, "~" skeletons, and "country:xx" for countries.
    /// `ids`: with "id:" and the id, which only the compiled index needs (here `byID` finds an id).
    static func keys(of e: GazetteerEntry, ids: Bool = true) -> Set<String> {
        var out = Set<String>()
        for n in [e.name] + e.alternates {
            let (k, s) = PlaceNameNormalizer.keys(n)
            if !k.isEmpty { out.insert(k) }
            if !s.isEmpty { out.insert("~" + s) }
        }
        if e.kind == .country { out.insert("country:" + e.country.lowercased()) }
        if ids { out.insert("id:" + e.id) }
        return out
    }

    /// Adds an entry, or replaces the one with the same id. A point entry at the same position,
    /// in the same country, as one already present adds its spellings to that entry instead
    /// (that is how the curated supplement adds names to GeoNames records).
    mutating func add(_ e: GazetteerEntry, generation: Int = 0) {
        let position = EntryTable.positionKey(e)
        if byID[e.id] == nil, e.kind.isPoint, let twin = byPosition[position] {
            var merged = entries[twin]
            let extra = ([e.name] + e.alternates).filter { $0 != merged.name && !merged.alternates.contains($0) }
            merged.alternates += extra
            merged.source += "; spellings: \(e.source)"
            entries[twin] = merged
            byID[e.id] = twin
            // Only the new spellings' keys: re-filing every name of the twin would grow with each one added.
            var spellings = merged
            spellings.alternates = extra
            index(spellings, at: twin)
            return
        }
        if let i = byID[e.id] {
            entries[i] = e
            index(e, at: i)
        } else {
            byID[e.id] = entries.count
            if e.kind.isPoint { byPosition[position] = entries.count }
            entries.append(e)
            generations.append(generation)
            index(e, at: entries.count - 1, new: true)
        }
    }

    /// Files `e` under its keys; a `new` entry cannot be filed under any yet (no search of long lists).
    private mutating func index(_ e: GazetteerEntry, at i: Int, new: Bool = false) {
        for k in EntryTable.keys(of: e, ids: false) where new || !(byKey[k]?.contains(i) ?? false) {
            byKey[k, default: []].append(i)
        }
    }

    func lookup(_ key: String) -> [GazetteerEntry] { (byKey[key] ?? []).map { entries[$0] } }
    func lookupWithGeneration(_ key: String) -> [(entry: GazetteerEntry, generation: Int)] {
        (byKey[key] ?? []).map { (entries[$0], generations[$0]) }
    }
    func hasKey(_ key: String) -> Bool { byKey[key] != nil }
    func entry(id: String) -> GazetteerEntry? { byID[id].map { entries[$0] } }
}

extension Basemap {
    /// The gazetteer beside the basemap's layers (the Places stage reads it; the basemap only locates it).
    /// `cache`: the user's cached countries to add (none by default; `Frontline` passes the user's).
    public func gazetteer(cache: GazetteerCache? = nil) throws -> Gazetteer {
        try Gazetteer.load(shapesDirectory: directory, cache: cache)
    }
}
