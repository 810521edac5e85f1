import Foundation

/// What kind of thing a gazetteer entry names.
public enum PlaceKind: String, Sendable, Codable, CaseIterable {
    case city, town, village, country, river, lake, border, region
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
}

/// The places a map can name, indexed by normalised name.
public struct Gazetteer: Sendable {
    public private(set) var entries: [GazetteerEntry] = []
    private var byKey: [String: [Int]] = [:]
    private var byID: [String: Int] = [:]
    private var byPosition: [String: [Int]] = [:]

    static func positionKey(_ e: GazetteerEntry) -> String {
        "\(e.country) \((e.coordinate.lat * 10000).rounded()) \((e.coordinate.lon * 10000).rounded())"
    }
    /// The largest number of words in any indexed name (bounds the matcher's window).
    public private(set) var longestName = 1

    public init() {}

    public init(entries: [GazetteerEntry]) {
        for e in entries { add(e) }
    }

    /// The committed gazetteer and its curated supplement from a Shapes directory.
    public static func load(shapesDirectory dir: String) throws -> Gazetteer {
        var g = Gazetteer()
        try g.addTSV(path: dir + "/gazetteer.tsv")
        let supplement = dir + "/gazetteer-supplement.tsv"
        if FileManager.default.fileExists(atPath: supplement) { try g.addTSV(path: supplement) }
        return g
    }

    /// Adds (or, for an id already present, replaces) an entry. A point entry at the same position,
    /// in the same country, as one already present adds its spellings to that entry instead
    /// (that is how the curated supplement adds names to GeoNames records).
    public mutating func add(_ e: GazetteerEntry) {
        let position = Gazetteer.positionKey(e)
        if byID[e.id] == nil, e.kind.isPoint, let twin = byPosition[position]?.first {
            var merged = entries[twin]
            let extra = ([e.name] + e.alternates).filter { $0 != merged.name && !merged.alternates.contains($0) }
            merged.alternates += extra
            merged.source += "; spellings: \(e.source)"
            entries[twin] = merged
            byID[e.id] = twin
            for n in extra {
                let key = PlaceNameNormalizer.key(n)
                guard !key.isEmpty else { continue }
                if !(byKey[key]?.contains(twin) ?? false) { byKey[key, default: []].append(twin) }
                longestName = max(longestName, key.split(separator: " ").count)
            }
            return
        }
        if let i = byID[e.id] {
            entries[i] = e
        } else {
            byID[e.id] = entries.count
            if e.kind.isPoint { byPosition[position, default: []].append(entries.count) }
            entries.append(e)
        }
        let index = byID[e.id]!
        for n in Set([e.name] + e.alternates) {
            let key = PlaceNameNormalizer.key(n)
            guard !key.isEmpty else { continue }
            if !(byKey[key]?.contains(index) ?? false) { byKey[key, default: []].append(index) }
            longestName = max(longestName, key.split(separator: " ").count)
        }
    }

    /// Reads the project's gazetteer TSV (header: id name lat lon country kind population alternates source shape).
    public mutating func addTSV(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FrontlineError.badInput(file: path, reason: "gazetteer file not found or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FrontlineError.badInput(file: path, reason: "gazetteer is not valid UTF-8")
        }
        var lineNo = 0
        var header: [String: Int] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            if line.isEmpty { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header.isEmpty {
                for (i, c) in cols.enumerated() { header[c.trimmingCharacters(in: .whitespaces)] = i }
                for required in ["id", "name", "lat", "lon", "country", "kind"] where header[required] == nil {
                    throw FrontlineError.badInput(file: path, reason: "header lacks the column '\(required)'")
                }
                continue
            }
            func col(_ n: String) -> String { header[n].flatMap { $0 < cols.count ? cols[$0] : nil } ?? "" }
            guard let lat = Double(col("lat")), let lon = Double(col("lon")),
                  (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw FrontlineError.badInput(file: path, reason: "line \(lineNo): latitude/longitude missing or out of range")
            }
            guard let kind = PlaceKind(rawValue: col("kind")) else {
                throw FrontlineError.badInput(file: path, reason: "line \(lineNo): unknown kind '\(col("kind"))'")
            }
            let alts = col("alternates").split(separator: "|").map(String.init)
            let shape = col("shape")
            add(GazetteerEntry(id: col("id"), name: col("name"), coordinate: LonLat(lon: lon, lat: lat),
                               country: col("country"), kind: kind, population: Int(col("population")) ?? 0,
                               alternates: alts, source: col("source"), shape: shape.isEmpty ? nil : shape))
        }
    }

    /// Entries whose name or alternate name normalises to `key`.
    public func candidates(forKey key: String) -> [GazetteerEntry] {
        (byKey[key] ?? []).map { entries[$0] }
    }

    /// Entries a free-text name could mean.
    public func lookup(_ name: String) -> [GazetteerEntry] { candidates(forKey: PlaceNameNormalizer.key(name)) }

    public func entry(id: String) -> GazetteerEntry? { byID[id].map { entries[$0] } }
}
