import Foundation

/// Where in the article a place is named.
public struct PlaceMention: Sendable, Equatable, Codable {
    public var start: Int
    public var end: Int
    public var sentence: String
}

/// A place named in the article, joined to one gazetteer entry, with the reason it was chosen.
public struct ResolvedPlace: Sendable, Equatable {
    public var text: String
    public var entry: GazetteerEntry
    public var mentions: [PlaceMention]
    public var confidence: Double
    public var why: String
    /// True when the position is inferred rather than taken from a gazetteer.
    public var approximate: Bool = false

    public var name: String { entry.name }
    public var coordinate: LonLat { entry.coordinate }
    public var kind: PlaceKind { entry.kind }
}

/// A name that could not be joined to a single place, with what it might have been.
public struct UnresolvedName: Sendable, Equatable {
    public var text: String
    public var mentions: [PlaceMention]
    public var candidates: [GazetteerEntry]
    public var reason: String
    /// The text marks it as a place ("the village of …"), so a reader expects to see it.
    public var cued: Bool
}

/// The places of one article.
public struct PlaceResolution: Sendable {
    public var places: [ResolvedPlace]
    public var unresolved: [UnresolvedName]
    /// The countries the article is about (ISO alpha-2), most mentioned first.
    public var focusCountries: [String]

    public var points: [ResolvedPlace] { places.filter { $0.kind.isPoint } }
}

/// Joins each name mention to one gazetteer entry, using the article's own evidence:
/// which countries it is about, feature size, and closeness to the other places it names.
public struct PlaceResolver: Sendable {
    public let gazetteer: Gazetteer
    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public func resolve(_ article: Article) -> PlaceResolution {
        let finder = PlaceFinder(gazetteer: gazetteer)
        let mentions = finder.mentions(in: article)
        // Group mentions by normalised name.
        var order: [String] = []
        var groups: [String: [NameMention]] = [:]
        for m in mentions {
            let k = PlaceNameNormalizer.key(m.text)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(m)
        }
        func placeMentions(_ ms: [NameMention]) -> [PlaceMention] {
            ms.map { PlaceMention(start: $0.start, end: $0.end, sentence: article.sentences[$0.sentence].text) }
        }

        // Countries first: they set the context for everything else.
        var countryCounts: [String: Int] = [:]
        for k in order {
            let cands = gazetteer.candidates(forKey: k).filter { $0.kind == .country }
            if cands.count == 1 { countryCounts[cands[0].country, default: 0] += groups[k]!.count }
        }
        let titleKeys = Set(Tokenizer.tokens(article.title).map { PlaceNameNormalizer.key($0.text) })
        let titleCountries = Set(titleKeys.flatMap { gazetteer.candidates(forKey: $0).filter { $0.kind == .country }.map(\.country) })
        let focus = countryCounts.keys.sorted {
            let a = (titleCountries.contains($0) ? 1000 : 0) + countryCounts[$0]!
            let b = (titleCountries.contains($1) ? 1000 : 0) + countryCounts[$1]!
            return a != b ? a > b : $0 < $1
        }
        let focusSet = Set(focus.prefix(max(2, titleCountries.count)))

        // Unambiguous large places anchor the proximity cue.
        var anchors: [LonLat] = []
        for k in order {
            let pts = gazetteer.candidates(forKey: k).filter { $0.kind.isPoint }
            if pts.count == 1, focusSet.contains(pts[0].country) { anchors.append(pts[0].coordinate) }
        }

        var places: [ResolvedPlace] = []
        var unresolved: [UnresolvedName] = []
        for k in order {
            let ms = groups[k]!
            var cands = gazetteer.candidates(forKey: k)
            if ms.allSatisfy(\.allCapitals) { cands = cands.filter { $0.kind == .country } }
            let cue = ms.compactMap(\.cue).first
            guard !cands.isEmpty else {
                unresolved.append(UnresolvedName(text: ms[0].text, mentions: placeMentions(ms), candidates: [],
                                                 reason: "no gazetteer entry for this name", cued: cue != nil))
                continue
            }
            let scored = cands.map { ($0, score($0, focus: focusSet, anchors: anchors, cue: cue)) }
                .sorted { $0.1.value != $1.1.value ? $0.1.value > $1.1.value : $0.0.id < $1.0.id }
            let best = scored[0]
            // A small place named without any cue is too likely to be a word that happens to be a village name.
            if best.0.kind.isPoint, best.0.population < 5000, cue == nil {
                unresolved.append(UnresolvedName(text: ms[0].text, mentions: placeMentions(ms), candidates: scored.map(\.0),
                                                 reason: "only small places have this name and the text gives no cue that it is one", cued: false))
                continue
            }
            let margin = scored.count > 1 ? best.1.value - scored[1].1.value : 10
            let confidence = min(0.99, 0.5 + 0.1 * min(margin, 4.9))
            var why = best.1.reasons.joined(separator: "; ")
            if scored.count > 1 {
                why += "; chosen over \(scored.count - 1) other candidate(s), next best \(scored[1].0.name) (\(scored[1].0.country))"
            } else {
                why += "; the only gazetteer entry with this name"
            }
            places.append(ResolvedPlace(text: ms[0].text, entry: best.0, mentions: placeMentions(ms),
                                        confidence: scored.count == 1 ? 0.95 : confidence, why: why))
        }
        return PlaceResolution(places: places, unresolved: unresolved, focusCountries: focus)
    }

    struct Score { var value: Double; var reasons: [String] }

    func score(_ e: GazetteerEntry, focus: Set<String>, anchors: [LonLat], cue: String?) -> Score {
        var v = 0.0
        var reasons: [String] = []
        if focus.contains(e.country) { v += 4; reasons.append("in \(e.country), a country the article is about") }
        if !e.kind.isPoint { v += 3; reasons.append("a \(e.kind.rawValue)") }
        if e.population > 0 {
            v += log10(Double(e.population)) / 2
            reasons.append("population \(e.population)")
        }
        if let cue {
            let wanted: PlaceKind? = cue.hasPrefix("city") ? .city : cue.hasPrefix("town") ? .town : cue.hasPrefix("village") ? .village : nil
            if let wanted, wanted == e.kind { v += 1; reasons.append("\"\(cue)\" fits a \(e.kind.rawValue)") }
        }
        if e.kind.isPoint, !anchors.isEmpty {
            let d = anchors.map { Geodesic.wgs84.distance($0, e.coordinate) }.min()! / 1000
            if d < 300 { v += 2 * (1 - d / 300); reasons.append(String(format: "%.0f km from another place in the article", d)) }
        }
        return Score(value: v, reasons: reasons)
    }
}
