import Foundation

/// The user's cache of compiled GeoNames country dumps (`frontline gazetteer add CC`): one index per
/// country, `CC.index`, in `$XDG_DATA_HOME/frontline/gazetteers` (by default
/// `~/.local/share/frontline/gazetteers`). Every command's gazetteer reads these after the committed
/// index; only `gazetteer add` fills the cache, and nothing else here touches the network.
public struct GazetteerCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The user's cache, from `XDG_DATA_HOME` (when absolute, as the XDG spec asks) or `HOME`; nil
    /// when neither is set.
    public static var user: GazetteerCache? { user(environment: ProcessInfo.processInfo.environment) }

    public static func user(environment env: [String: String]) -> GazetteerCache? {
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return GazetteerCache(directory: xdg + "/frontline/gazetteers")
        }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return GazetteerCache(directory: home + "/.local/share/frontline/gazetteers")
    }

    /// Whether `code` is written as an ISO 3166-1 alpha-2 code: two ASCII letters (upper case here).
    public static func isCountryCode(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (65...90).contains($0) }
    }

    public func path(of code: String) -> String { directory + "/" + code + ".index" }

    /// One cached country, as `gazetteer list` shows it.
    public struct Country: Sendable {
        public var code: String
        public var path: String
        public var entries: Int
        public var bytes: Int
        public var modified: Date
    }

    /// The codes of the cached countries, sorted.
    public func codes() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".index") }.map { String($0.dropLast(6)) }.filter(Self.isCountryCode)
            .sorted()
    }

    /// The cached countries with their entry counts (an unreadable index is thrown as its one-line error).
    public func countries() throws -> [Country] {
        try codes().map { code in
            let p = path(of: code)
            let index = try CompiledGazetteer(path: p)
            let attributes = try FileManager.default.attributesOfItem(atPath: p)
            return Country(
                code: code, path: p, entries: index.count, bytes: (attributes[.size] as? Int) ?? 0,
                modified: (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The compiled indexes, in the order of their codes; one that cannot be read is left out with a
    /// warning naming it (a map can still be made from the rest).
    func indexes() -> [CompiledGazetteer] {
        codes().compactMap { code in
            do { return try CompiledGazetteer(path: path(of: code)) } catch {
                Console.message(
                    "frontline: warning: \(error); left out (run `frontline gazetteer add \(code)` again, "
                        + "or `frontline gazetteer remove \(code)`)")
                return nil
            }
        }
    }

    /// Removes the cached index of `code`; false when there was none.
    public func remove(_ code: String) throws -> Bool {
        let p = path(of: code)
        guard FileManager.default.fileExists(atPath: p) else { return false }
        guard unlink(p) == 0 else {
            throw FrontlineError.cannotWrite(file: p, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// Writes the compiled indexes of checked dumps, all or none: each is written to a temporary file
    /// beside its destination, and only when all are written are they renamed into place.
    public func install(_ dumps: [GeoNamesDump]) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FrontlineError.cannotWrite(file: directory, reason: "cannot create the folder")
        }
        try AtomicFile.write(
            dumps.map { (path: path(of: $0.code), bytes: CompiledGazetteer.bytes(entries: $0.entries)) })
    }
}

/// A GeoNames country dump (`CC.zip` holding `CC.txt`), checked: every row has the 19 tab-separated
/// columns and a valid latitude and longitude, and there is at least one populated place. Its entries are
/// the populated places (feature class P: cities, towns, villages, neighbourhoods, destroyed or abandoned
/// places); administrative areas (A) and water (H) are left out, since the committed gazetteer ties its
/// countries, rivers and lakes to the basemap's shapes and a dump's point for them would hide those.
public struct GeoNamesDump: Sendable {
    public let code: String
    public let entries: [GazetteerEntry]
    /// Every row of the dump, of any feature class.
    public let rows: Int

    /// Reads the archive's `CC.txt`; a problem is one line naming `source` (the URL).
    public init(zip data: Data, code: String, source: String) throws {
        let text: Data
        do {
            text = try ZipArchive(data).contents(of: code + ".txt", limit: Limits.geonamesDumpBytes)
        } catch {
            throw FrontlineError.badInput(file: source, reason: error.text)
        }
        try self.init(text: text, code: code, source: source)
    }

    public init(text: Data, code: String, source: String) throws {
        self.code = code
        var out: [GazetteerEntry] = []
        var rows = 0
        let label = "GeoNames dump \(code).txt, downloaded from \(source)"
        for (n, raw) in text.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if raw.isEmpty || raw.elementsEqual([13]) { continue }
            func fail(_ why: String) -> FrontlineError {
                .badInput(file: source, reason: "\(code).txt line \(n + 1): \(why) (corrupt download?)")
            }
            let cols = String(decoding: raw, as: UTF8.self).trimmingCR
                .split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 19 else { throw fail("a GeoNames row has 19 tab-separated columns, not \(cols.count)") }
            guard let lat = Double(cols[4]), let lon = Double(cols[5]), GazetteerFile.valid(lat, lon) else {
                throw fail("latitude/longitude missing or out of range")
            }
            rows += 1
            if cols[6] == "P" { out.append(GazetteerFile.geonamesEntry(cols, lat: lat, lon: lon, source: label)) }
        }
        guard rows > 0 else { throw FrontlineError.badInput(file: source, reason: "\(code).txt has no rows") }
        guard !out.isEmpty else {
            throw FrontlineError.badInput(file: source, reason: "\(code).txt has no populated places (class P)")
        }
        entries = out
        self.rows = rows
    }
}
