import Foundation

/// The committed gazetteer in a form that loads without parsing: the entries one per line, then
/// every matching key (strict and "~" skeleton) sorted bytewise with where its entries' lines start.
/// Loading maps the file into memory and checks the header's byte counts, nothing more: the 240,000
/// entry lines are never scanned (scanning them for their starts took 15 ms, most of a command's
/// start-up). Entries are parsed only when a lookup needs them, and keys are found by bisecting the key
/// lines' bytes.
///
///     frontline-gazetteer-index 3
///     entries N bytes E
///     id \t name \t lat \t lon \t country \t kind \t population \t alternates \t source \t shape   (N lines, E bytes)
///     keys M bytes K
///     key \t o,p,…                                                    (M lines, sorted, K bytes to the end)
///
/// o, p… are byte offsets of entry lines from the first entry line (an entry's identity here). The
/// byte counts are written by `gazetteer compile` and checked on loading, so a truncated or padded file
/// is refused without reading its lines; N and M are there for `count` and for a person reading the
/// file (a test checks them against the lines). An offset that is not the start of an entry line is
/// ignored where it is met.
final class CompiledGazetteer: @unchecked Sendable {
    static let fileName = "gazetteer.index"
    static let magic = "frontline-gazetteer-index 3"

    let path: String
    /// The file, mapped read-only for the life of the process's gazetteer.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the entry lines begin and end (`entriesEnd` is the start of the keys header).
    private let entriesStart: Int
    private let entriesEnd: Int
    /// Where the sorted key lines begin: a key is found by bisecting these bytes, line by line, so the
    /// key lines are never indexed.
    private let keysStart: Int

    /// How many entries the header says the file holds.
    let count: Int

    init(path: String) throws {
        // Opened without blocking and refused unless regular: a FIFO here once hung the process.
        let file: InputFile
        do {
            file = try InputFile(path: path)
        } catch .missing {
            throw FrontlineError.badInput(
                file: path, reason: "gazetteer index not found (run `frontline gazetteer compile`)")
        } catch {
            throw FrontlineError.badInput(file: path, reason: error.text)
        }
        // Not MAP_POPULATE: a lookup touches a few pages of entries and keys; populating the whole
        // file measured no faster.
        guard file.size > 0, file.size < Int32.max,
            let map = mmap(nil, file.size, PROT_READ, MAP_PRIVATE, file.descriptor, 0), map != MAP_FAILED
        else {
            throw FrontlineError.badInput(file: path, reason: "gazetteer index is empty or cannot be read")
        }
        let bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: file.size)
        do {
            let s = try Self.sections(bytes)
            (count, entriesStart, entriesEnd, keysStart) = (s.count, s.entries, s.entriesEnd, s.keys)
        } catch let reason as Refusal {
            munmap(map, bytes.count)
            throw FrontlineError.badInput(file: path, reason: reason.text)
        }
        self.path = path
        self.bytes = bytes
    }

    /// Why a mapped file is not an index (the caller names the file).
    private struct Refusal: Error { var text: String }

    /// The entry count and where the entry lines and the key lines start, with the header's byte
    /// counts checked against the file.
    private static func sections(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) throws -> (count: Int, entries: Int, entriesEnd: Int, keys: Int) {
        func end(_ s: Int) -> Int { lineEnd(bytes, from: s) }
        func text(_ s: Int) -> String { s < bytes.count ? String(decoding: bytes[s..<end(s)], as: UTF8.self) : "" }
        /// "name C bytes B" → (C, B).
        func counts(_ line: String, _ name: String) -> (Int, Int)? {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count == 4, f[0] == name, f[2] == "bytes", let c = Int(f[1]), let b = Int(f[3]) else { return nil }
            return c >= 0 && b >= 0 ? (c, b) : nil
        }
        let first = text(0)
        guard first == magic else {
            guard first.hasPrefix("frontline-gazetteer-index ") else {
                throw Refusal(text: "not a Frontline gazetteer index (first line is not '\(magic)')")
            }
            throw Refusal(
                text: "'\(first)' is another format of gazetteer index (this Frontline reads '\(magic)'): "
                    + "run `frontline gazetteer compile`")
        }
        let second = end(0) + 1
        guard let (n, entryBytes) = counts(text(second), "entries") else {
            throw Refusal(text: "line 2: expected 'entries N bytes E'")
        }
        // An entry line is at least ten bytes (ten columns), so a header claiming more lines than its
        // bytes hold is a lie; the E bytes must end a line and be followed by the keys header.
        guard entryBytes <= bytes.count, n <= entryBytes / 10 else {
            throw Refusal(
                text: "line 2: says \(n) entries of \(entryBytes) bytes, more than the file's \(bytes.count) bytes hold"
            )
        }
        let entriesStart = end(second) + 1
        let p = entriesStart + entryBytes
        guard p < bytes.count, entryBytes == 0 || bytes[p - 1] == 0x0A, text(p).hasPrefix("keys ") else {
            throw Refusal(text: "line 2: expected 'entries N bytes E' followed by N lines of E bytes")
        }
        let keys = end(p) + 1
        guard let (_, keyBytes) = counts(text(p), "keys"), bytes.count - min(keys, bytes.count) == keyBytes else {
            throw Refusal(
                text: "line \(3 + n): expected 'keys M bytes K' followed by K bytes to the end"
                    + " (truncated file?)")
        }
        return (n, entriesStart, p, keys)
    }

    /// Why the entry line `from..<to` is unusable, or nil: it needs its ten columns and a finite
    /// latitude and longitude in range (a lookup would otherwise meet a broken line long after loading).
    private static func checkEntry(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> String? {
        guard let base = bytes.baseAddress else { return "is empty" }
        var tabs: [Int] = []
        var p = from
        while p < to, tabs.count < 9, let hit = memchr(base + p, 0x09, to - p) {
            tabs.append(base.distance(to: hit.assumingMemoryBound(to: UInt8.self)))
            p = tabs[tabs.count - 1] + 1
        }
        guard tabs.count == 9, tabs[0] > from, tabs[1] > tabs[0] + 1 else {
            return
                "does not have the ten columns id, name, lat, lon, country, kind, population, alternates, source, shape"
        }
        // strtod on the mapped bytes (a tab ends the number; the key lines follow, so it cannot run off
        // the map): a String per column would cost more than the rest of the load.
        func number(_ a: Int, _ b: Int) -> Double? {
            guard b > a else { return nil }
            var stop: UnsafeMutablePointer<CChar>?
            let start = UnsafeMutableRawPointer(mutating: base + a).assumingMemoryBound(to: CChar.self)
            let v = strtod(start, &stop)
            return stop.map { UnsafeRawPointer($0) } == UnsafeRawPointer(base + b) ? v : nil
        }
        guard let lat = number(tabs[1] + 1, tabs[2]), let lon = number(tabs[2] + 1, tabs[3]),
            Coordinates.valid(lon: lon, lat: lat)
        else { return "has no finite latitude and longitude within ±90°, ±180°" }
        return nil
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }

    /// Where the line starting at `from` ends: its newline, or the end of `bytes`.
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress,
            let nl = memchr(base + from, 0x0A, bytes.count - from)
        else { return bytes.count }
        return base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
    }

    /// Where the byte `b` next occurs in `from..<to`, or `to`.
    private func next(_ b: UInt8, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress,
            let hit = memchr(base + from, Int32(b), to - from)
        else { return to }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private func lineEnd(_ start: Int) -> Int { Self.lineEnd(bytes, from: start) }

    /// Entries parsed so far, by offset (a big city's line holds hundreds of names: each is parsed
    /// once). Kept for the gazetteer's life: a command's lookups touch a few hundred entries at most.
    private let parsed = NSLock()
    private var parsedEntries: [Int: GazetteerEntry] = [:]
    /// How many lines have been parsed (for tests: a second lookup parses none).
    private(set) var parses = 0

    /// Whether `offset` (from the first entry line) is where an entry line starts.
    private func isEntryStart(_ offset: Int) -> Bool {
        let s = entriesStart + offset
        return offset >= 0 && s < entriesEnd && (offset == 0 || bytes[s - 1] == 0x0A)
    }

    /// The offsets of every entry line, in order (a scan: for tools and tests, not for lookups).
    var offsets: [Int] {
        var out: [Int] = []
        var p = entriesStart
        while p < entriesEnd {
            out.append(p - entriesStart)
            p = lineEnd(p) + 1
        }
        return out
    }

    /// The entry whose line starts `offset` bytes after the first entry line, parsed once.
    func entry(_ offset: Int) -> GazetteerEntry {
        parsed.lock()
        let known = parsedEntries[offset]
        parsed.unlock()
        if let known { return known }
        let e = parseEntry(offset)
        parsed.lock()
        parsedEntries[offset] = e
        parses += 1
        parsed.unlock()
        return e
    }

    func parseEntry(_ offset: Int) -> GazetteerEntry {
        let invalid = GazetteerEntry(
            id: "invalid:\(offset)", name: "", coordinate: LonLat(lon: 0, lat: 0), country: "", kind: .village,
            source: path)
        guard isEntryStart(offset) else {
            Console.message("frontline: warning: \(path): a key points at byte \(offset) of the entries, no entry")
            return invalid
        }
        let s = entriesStart + offset, end = lineEnd(s)
        var cols: [String] = []
        cols.reserveCapacity(10)
        var p = s
        while true {
            let tab = next(0x09, from: p, to: end)
            cols.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[p..<tab]), as: UTF8.self))
            if tab == end { break }
            p = tab + 1
        }
        // An entry line is checked when it is first parsed, not at load: loading stays a few header
        // lines however large the gazetteer. A broken line is said once, naming the file and where the
        // line starts, and takes no part in resolution.
        let at = "the entry at byte \(s)"
        if let why = Self.checkEntry(bytes, from: s, to: end) {
            Console.message("frontline: warning: \(path): \(at) \(why); left out")
        } else if let e = GazetteerFile.entry(fromProjectColumns: cols, byteSplit: true) {
            return e
        } else {
            Console.message("frontline: warning: \(path): \(at) cannot be read; left out")
        }
        return invalid
    }

    /// Every entry, in order.
    var allEntries: [GazetteerEntry] { offsets.map(entry) }

    /// Entries inside `box`, reading only the latitude and longitude columns of each line.
    func entries(in box: GeoBox) -> [GazetteerEntry] {
        var out: [GazetteerEntry] = []
        var s = entriesStart
        while s < entriesEnd {
            let lineStop = lineEnd(s)
            defer { s = lineStop + 1 }
            // Columns 3 and 4 (lat, lon).
            var tabs = 0, p = s, latStart = 0, lonStart = 0, lonEnd = 0
            while p < lineStop {
                if bytes[p] == 0x09 {
                    tabs += 1
                    if tabs == 4 {
                        lonEnd = p
                        break
                    }
                    if tabs == 2 { latStart = p + 1 } else if tabs == 3 { lonStart = p + 1 }
                }
                p += 1
            }
            guard lonEnd > lonStart,
                let lat = Double(String(decoding: bytes[latStart..<(lonStart - 1)], as: UTF8.self)),
                let lon = Double(String(decoding: bytes[lonStart..<lonEnd], as: UTF8.self)),
                box.contains(LonLat(lon: lon, lat: lat))
            else { continue }
            if case let e = entry(s - entriesStart), e.isValid { out.append(e) }
        }
        return out
    }

    /// Compares the key of the line starting at `s` with `key`.
    private func compare(_ s: Int, _ key: [UInt8]) -> Int {
        var p = s
        for c in key {
            guard p < bytes.count else { return -1 }
            let b = bytes[p]
            if b == 0x09 || b == 0x0A { return -1 }
            if b != c { return b < c ? -1 : 1 }
            p += 1
        }
        return p < bytes.count && bytes[p] == 0x09 ? 0 : 1
    }

    /// The start of the key line for `key`, found by bisecting the key lines' bytes: every line that
    /// starts before `lo` has a smaller key, every one that starts at or after `hi` one not smaller.
    private func find(_ key: String) -> Int? {
        let k = Array(key.utf8)
        var lo = keysStart, hi = bytes.count
        while lo < hi {
            var s = lo + (hi - lo) / 2
            while s > lo, bytes[s - 1] != 0x0A { s -= 1 }  // the start of the line holding the middle byte
            if compare(s, k) < 0 { lo = lineEnd(s) + 1 } else { hi = s }
        }
        return lo < bytes.count && compare(lo, k) == 0 ? lo : nil
    }

    func hasKey(_ key: String) -> Bool { find(key) != nil }

    func lookup(_ key: String) -> [GazetteerEntry] {
        guard let s = find(key) else { return [] }
        let text = bytes[s..<lineEnd(s)]
        guard let tab = text.firstIndex(of: 0x09) else { return [] }
        return text[(tab + 1)...].split(separator: UInt8(ascii: ","))
            .compactMap { Int(String(decoding: $0, as: UTF8.self)) }.map(entry).filter(\.isValid)
    }

    /// Writes entries and their keys (deterministic: entries in order, keys sorted bytewise).
    static func write(entries: [GazetteerEntry], to path: String) throws {
        try AtomicFile.write(bytes(entries: entries), to: path)
    }

    /// The index of `entries`, as `write` writes it.
    static func bytes(entries: [GazetteerEntry]) -> Data {
        var keys: [String: [Int]] = [:]
        var entryLines: [UInt8] = []
        for e in entries {
            let offset = entryLines.count
            for k in EntryTable.keys(of: e) { keys[k, default: []].append(offset) }
            entryLines += Array(GazetteerFile.projectLine(e).utf8)
            entryLines.append(0x0A)
        }
        var keyLines: [UInt8] = []
        let sorted = keys.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        for (k, offsets) in sorted {
            keyLines += k
            keyLines.append(0x09)
            keyLines += Array(offsets.map(String.init).joined(separator: ",").utf8)
            keyLines.append(0x0A)
        }
        var out = Data((magic + "\nentries \(entries.count) bytes \(entryLines.count)\n").utf8)
        out.append(contentsOf: entryLines)
        out.append(contentsOf: Data("keys \(keys.count) bytes \(keyLines.count)\n".utf8))
        out.append(contentsOf: keyLines)
        return out
    }
}

extension GazetteerEntry {
    /// False for the stand-in of an index line that could not be read (it is left out of lookups).
    var isValid: Bool { !id.hasPrefix("invalid:") }
}
