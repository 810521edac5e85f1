import Foundation

/// Reads gazetteer files: the project's TSV, a GeoNames dump, or a simple CSV.
public enum GazetteerFile {
    public enum Format: String, Sendable { case project, geonames, csv }

    static let projectHeader = [
        "id", "name", "lat", "lon", "country", "kind", "population", "alternates", "source", "shape",
    ]

    /// Every entry of a gazetteer file; a broken row is an error naming the file and line. Lines are split
    /// on the newline byte, not by characters: a file of a million rows is read in seconds.
    /// A file of more than `budget` rows is refused before any row is parsed.
    public static func read(path: String, budget: Int = Limits.userGazetteerRows) throws -> [GazetteerEntry] {
        let text = try self.text(of: path)
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        try checkBudget(lines, path: path, budget: budget)
        guard let first = lines.first(where: { !$0.isEmpty && !$0.elementsEqual([13]) }) else {
            throw FrontlineError.badInput(file: path, reason: "gazetteer file is empty")
        }
        let format = detect(path: path, firstLine: String(decoding: first, as: UTF8.self).trimmingCR)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        var out: [GazetteerEntry] = []
        var header: [String: Int] = [:]
        for (n, raw) in lines.enumerated() {
            let line = String(decoding: raw, as: UTF8.self).trimmingCR
            if line.trimmingWhitespace.isEmpty || line.hasPrefix("#") { continue }
            let lineNo = n + 1
            func fail(_ why: String) -> FrontlineError { .badInput(file: path, reason: "line \(lineNo): \(why)") }
            switch format {
            case .project:
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if header.isEmpty {
                    for (i, c) in cols.enumerated() { header[c.trimmingCharacters(in: .whitespaces)] = i }
                    for r in ["id", "name", "lat", "lon", "country", "kind"] where header[r] == nil {
                        throw fail("header lacks the column '\(r)'")
                    }
                    continue
                }
                let ordered = projectHeader.map { h in header[h].flatMap { $0 < cols.count ? cols[$0] : nil } ?? "" }
                guard let e = entry(fromProjectColumns: ordered) else {
                    throw fail("needs an id, a name, a latitude (−90…90), a longitude (−180…180) and a known kind")
                }
                out.append(e)
            case .geonames:
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cols.count >= 15 else {
                    throw fail("a GeoNames row has 19 tab-separated columns, this one has \(cols.count)")
                }
                guard let lat = Double(cols[4]), let lon = Double(cols[5]), valid(lat, lon) else {
                    throw fail("latitude/longitude missing or out of range")
                }
                out.append(geonamesEntry(cols, lat: lat, lon: lon, source: "GeoNames dump \(fileName)"))
            case .csv:
                let cols = csvFields(line)
                if n == 0, cols.first?.lowercased() == "name" { continue }
                guard cols.count >= 3 else { throw fail("expected name,lat,lon[,country,kind,aliases]") }
                let name = cols[0].trimmingWhitespace
                guard !name.isEmpty else { throw fail("the name is empty") }
                guard let lat = Double(cols[1].trimmingWhitespace), let lon = Double(cols[2].trimmingWhitespace),
                    valid(lat, lon)
                else { throw fail("latitude/longitude missing or out of range") }
                let country = cols.count > 3 ? cols[3].trimmingWhitespace.uppercased() : ""
                let kindText = cols.count > 4 ? cols[4].trimmingWhitespace.lowercased() : ""
                guard let kind = kindText.isEmpty ? .village : PlaceKind(rawValue: kindText) else {
                    throw fail(
                        "unknown kind '\(kindText)' (one of "
                            + PlaceKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
                    )
                }
                let aliases =
                    cols.count > 5
                    ? cols[5].split(whereSeparator: { $0 == "|" || $0 == ";" })
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
                let file = fileName
                out.append(
                    GazetteerEntry(
                        id: "user:\(file):\(lineNo)", name: name, coordinate: LonLat(lon: lon, lat: lat),
                        country: country, kind: kind, alternates: aliases,
                        source: "user gazetteer \(file), line \(lineNo)"))
            }
        }
        return out
    }

    /// Refuses a file of more than `budget` rows (besides a header line) before any row is parsed.
    static func checkBudget(_ lines: [String.UTF8View.SubSequence], path: String, budget: Int) throws {
        let rows = lines.count { !$0.isEmpty && !$0.elementsEqual([13]) }
        if rows > budget + 1 {  // (+1: a header line)
            throw FrontlineError.badInput(
                file: path,
                reason:
                    "has \(rows) rows; user gazetteers hold at most \(Limits.userGazetteerRows) rows in all, "
                    + "\(budget) left for this file (keep the places the articles need)")
        }
    }

    /// The file's text (UTF-8, a BOM skipped). Opened without blocking and refused unless regular: a
    /// FIFO given as --gazetteer would otherwise hang.
    static func text(of path: String) throws -> String {
        let data: Data
        do {
            let file = try InputFile(path: path)
            if file.size == 0 { throw FrontlineError.badInput(file: path, reason: "gazetteer file is empty") }
            data = try file.data()
        } catch let problem as InputFile.Problem {
            let reason: String
            switch problem {
            case .missing: reason = "gazetteer file not found"
            case .isDirectory: reason = "is a directory, not a gazetteer file"
            default: reason = problem.text
            }
            throw FrontlineError.badInput(file: path, reason: reason)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw FrontlineError.badInput(file: path, reason: "gazetteer is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    static func detect(path: String, firstLine: String) -> Format {
        if path.lowercased().hasSuffix(".csv") { return .csv }
        if firstLine.hasPrefix("id\tname\t") { return .project }
        if firstLine.split(separator: "\t", omittingEmptySubsequences: false).count >= 15 { return .geonames }
        return .csv
    }

    /// The entry of a GeoNames row (at least 15 columns, its latitude and longitude already read).
    static func geonamesEntry(_ cols: [String], lat: Double, lon: Double, source: String) -> GazetteerEntry {
        let pop = Int(cols[14]) ?? 0
        let alternates =
            cols[3].split(separator: ",").map(String.init).filter { $0 != cols[1] }
            + (cols[2] != cols[1] && !cols[2].isEmpty ? [cols[2]] : [])
        return GazetteerEntry(
            id: "geonames:\(cols[0])", name: cols[1], coordinate: LonLat(lon: lon, lat: lat),
            country: cols[8], kind: geonamesKind(cols[6], cols[7], pop), population: pop,
            alternates: alternates, source: source)
    }

    static func valid(_ lat: Double, _ lon: Double) -> Bool {
        lat.isFinite && lon.isFinite && (-90...90).contains(lat) && (-180...180).contains(lon)
    }

    static func geonamesKind(_ featureClass: String, _ code: String, _ population: Int) -> PlaceKind {
        switch featureClass {
        case "P": return population >= 100_000 || code == "PPLC" ? .city : population >= 10_000 ? .town : .village
        case "A": return code.hasPrefix("PCL") ? .country : .region
        case "H":
            return code.hasPrefix("STM") ? .river : (code.hasPrefix("LK") || code.hasPrefix("RSV")) ? .lake : .region
        default: return .region
        }
    }

    /// Splits a CSV line, honouring double quotes.
    static func csvFields(_ line: String) -> [String] {
        // Most lines quote nothing: split on the comma byte.
        if !line.utf8.contains(UInt8(ascii: "\"")) {
            return line.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        var out: [String] = []
        var cur = ""
        var quoted = false
        var it = Array(line)[...]
        while let c = it.popFirst() {
            if c == "\"" {
                if quoted, it.first == "\"" {
                    cur.append("\"")
                    it.removeFirst()
                } else {
                    quoted.toggle()
                }
            } else if c == ",", !quoted {
                out.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        out.append(cur)
        return out
    }

    /// An entry from the project's ten columns, in header order; nil if a required field is invalid.
    /// `byteSplit`: the committed index's alternates are split on the "|" byte, the exact inverse of
    /// `projectLine` (a test checks every line gives what splitting by characters gives).
    static func entry(fromProjectColumns c: [String], byteSplit: Bool = false) -> GazetteerEntry? {
        guard c.count >= 6, !c[0].isEmpty, !c[1].isEmpty, let lat = Double(c[2]), let lon = Double(c[3]),
            valid(lat, lon),
            let kind = PlaceKind(rawValue: c[5])
        else { return nil }
        return GazetteerEntry(
            id: c[0], name: c[1], coordinate: LonLat(lon: lon, lat: lat), country: c[4], kind: kind,
            population: c.count > 6 ? Int(c[6]) ?? 0 : 0,
            alternates: c.count <= 7 ? [] : byteSplit ? alternates(c[7]) : c[7].split(separator: "|").map(String.init),
            source: c.count > 8 ? c[8] : "", shape: c.count > 9 && !c[9].isEmpty ? c[9] : nil)
    }

    /// The "|"-separated names of column 8, split on the byte rather than by characters (which would
    /// segment every name of every script: a big city's line holds hundreds of names).
    static func alternates(_ column: String) -> [String] {
        column.utf8.split(separator: UInt8(ascii: "|")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// One line of the project's format.
    static func projectLine(_ e: GazetteerEntry) -> String {
        func clean(_ s: String) -> String {
            s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        return [
            e.id, e.name, String(format: "%.5f", e.coordinate.lat), String(format: "%.5f", e.coordinate.lon), e.country,
            e.kind.rawValue, String(e.population),
            e.alternates.map(clean).filter { !$0.contains("|") }.joined(separator: "|"),
            e.source, e.shape ?? "",
        ].map(clean).joined(separator: "\t")
    }
}

extension String {
    /// Without the carriage returns at either end (a CRLF file's line, split on its newlines).
    var trimmingCR: String {
        guard utf8.first == 13 || utf8.last == 13 else { return self }
        return trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
