import Foundation

/// Finding the line a name or a pair of countries asks for, in whatever rivers and boundaries the
/// basemap has (nothing here knows a river or a country by name), and saying what is known when the
/// line is not there.
extension DistanceChecker {
    /// The basemap name of a river entry: its shape's `NAME=` value (`rivers.shp:NAME=Dnipro`), else its name.
    static func shapeName(of entry: GazetteerEntry) -> String {
        if let shape = entry.shape, let r = shape.range(of: "NAME=") { return String(shape[r.upperBound...]) }
        return entry.name
    }

    /// The basemap's river for a name as a user writes it: a gazetteer spelling of a river ("Dnieper",
    /// "Дніпро"), else the basemap's own name in any letter case.
    public func riverName(for text: String) throws -> String? {
        if let e = gazetteer.candidates(for: text).first(where: { $0.entry.kind == .river })?.entry {
            let name = Self.shapeName(of: e)
            if try riverNames().contains(name) { return name }
        }
        let folded = PlaceNameNormalizer.key(text)
        return try riverNames().first { PlaceNameNormalizer.key($0) == folded }
    }

    /// The names of the basemap's rivers, in file order, each once.
    public func riverNames() throws -> [String] {
        var seen = Set<String>()
        return try lines.rivers().compactMap { $0.attributes["NAME"] }.filter { seen.insert($0).inserted }
    }

    /// The pairs of countries the basemap's boundaries join, each as its two codes in sorted order.
    public func borderPairs() throws -> [(String, String)] {
        var seen = Set<String>()
        return try lines.boundaries().compactMap { r -> (String, String)? in
            guard let a = r.attributes["LEFT_ISO"], let b = r.attributes["RIGHT_ISO"], !a.isEmpty, !b.isEmpty
            else { return nil }
            let p = a < b ? (a, b) : (b, a)
            return seen.insert(p.0 + "-" + p.1).inserted ? p : nil
        }
    }

    /// One line for an unknown river: the nearest of the basemap's names ("did you mean"), and how many there are.
    public func unknownRiver(_ text: String) throws -> String {
        let names = try riverNames()
        let near = Self.nearest(to: text, in: names, count: 3)
        return "--along: no river named '\(text)' in the basemap (\(names.count) rivers)"
            + (near.isEmpty ? "" : "; nearest names: " + near.joined(separator: ", "))
    }

    /// One line for a border the basemap lacks: the borders each of the two countries has, or that a
    /// code is on no boundary.
    public func unknownBorder(_ a: String, _ b: String) throws -> String {
        let pairs = try borderPairs()
        var what: [String] = []
        for c in [a, b] {
            let neighbours = pairs.compactMap { $0.0 == c ? $0.1 : $0.1 == c ? $0.0 : nil }.sorted()
            if neighbours.isEmpty {
                what.append("\(c) has no land border in the basemap (codes are ISO 3166 alpha-2)")
            } else {
                what.append("\(c) borders " + neighbours.joined(separator: ", "))
            }
        }
        return "--border: no \(a)-\(b) border in the basemap; " + what.joined(separator: "; ")
    }

    /// Up to `count` of `names` nearest `text` by edit distance on their folded keys (ties in file order),
    /// none farther than half the longer word.
    static func nearest(to text: String, in names: [String], count: Int) -> [String] {
        let key = Array(PlaceNameNormalizer.key(text))
        let scored = names.map { name -> (String, Int) in
            let other = Array(PlaceNameNormalizer.key(name))
            return (name, editDistance(key, other))
        }
        return scored.enumerated().filter { $0.element.1 <= max(key.count, 2) / 2 + 1 }
            .sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
            .prefix(count).map(\.element.0)
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let kept = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = kept
            }
        }
        return row[b.count]
    }

    /// The river a distance phrase names at token `rt` ("down the Dnipro"): the gazetteer's river for the
    /// longest run of the phrase's words from `rt` (even where the places took the word for a town of the
    /// same name), with the tokens it spans.
    func riverNamed(in ctx: PhraseContext, at rt: Int) throws -> (name: String, last: Int)? {
        let tokens = ctx.article.sentences[ctx.phrase.sentence].tokens
        let end = min(rt + 3, ctx.phrase.lastToken, tokens.count - 1)
        guard rt <= end else { return nil }
        for last in stride(from: end, through: rt, by: -1) {
            let words = tokens[rt...last].map(\.text).joined(separator: " ")
            for e in gazetteer.lookup(words) where e.kind == .river {
                let name = Self.shapeName(of: e)
                if try river(named: name) != nil { return (name, last) }
            }
        }
        return nil
    }

    /// The part of a many-part line nearest the given places (the sum of their distances to it); the
    /// longest part when no places are given.
    static func part(of parts: [[LonLat]], nearest places: [LonLat]) -> [LonLat]? {
        let usable = parts.filter { $0.count > 1 }
        guard usable.count > 1, !places.isEmpty else { return usable.max { $0.count < $1.count } }
        let local = places.map { LocalPlane(origin: $0) }
        func cost(_ part: [LonLat]) -> Double {
            local.reduce(0) { sum, plane in
                var best = Double.infinity
                var a = plane.xy(part[0])
                for q in part.dropFirst() {
                    let b = plane.xy(q)
                    best = min(best, LocalPlane.distanceToOrigin(a, b))
                    a = b
                }
                return sum + best
            }
        }
        return usable.map { ($0, cost($0)) }.min { $0.1 < $1.1 }?.0
    }

    /// The river `name` and the rivers it flows into (its `MOUTH_ON`, theirs...) as one line, downstream from
    /// its source: each river's line joined, at the point nearest its last vertex, to the river it flows
    /// into, and on to that river's end. Nil when it flows into no river the basemap has.
    public func riverDownstream(named name: String) throws -> MeasuredLine? {
        let recs = try lines.rivers()
        func mouth(of river: String) -> String? {
            let m = recs.first { $0.attributes["NAME"] == river }?.attributes["MOUTH_ON"]?
                .trimmingCharacters(in: .whitespaces)
            return m.flatMap { $0.isEmpty || $0 == "(NULL)" ? nil : $0 }
        }
        guard let first = try river(named: name) else { return nil }
        var points = first.points, names = [name]
        var next = mouth(of: name)
        while let m = next, !names.contains(m), let into = try river(named: m) {
            let join = try into.project(points[points.count - 1])
            guard join.offset < 5_000 else { break }  // not where the file says it joins
            if join.offset > 1 { points.append(join.point) }
            points.append(contentsOf: into.points[(join.segment + 1)...])
            names.append(m)
            next = mouth(of: m)
        }
        guard names.count > 1 else { return nil }
        return MeasuredLineCache.shared.line(
            name: names.joined(separator: " → "), points: points, source: lines.riversSource)
    }

    /// The river's line, or the line on downstream through the rivers it flows into when one of the
    /// places is more than 10 km off the river and that longer line brings every place to within half
    /// as far ("down the White Nile from Kosti to Cairo").
    func lineDownstream(_ line: MeasuredLine, named name: String, for places: [LonLat]) throws -> MeasuredLine {
        let off = try places.map { try nearest(on: line, to: $0).offset }
        guard let worst = off.max(), worst > 10_000, let longer = try riverDownstream(named: name) else { return line }
        let farther = try places.map { try nearest(on: longer, to: $0).offset }.max() ?? .infinity
        return farther < worst / 2 ? longer : line
    }
}
