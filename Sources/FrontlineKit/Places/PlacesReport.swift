import Foundation

/// The places of an article as the `places` command prints them: JSON, GeoJSON or a table.
public struct PlacesReport: Sendable {
    public let article: Article
    public let resolution: PlaceResolution
    /// The places the map leaves out (too far from the front to be drawn): reported as off the map.
    public let offMap: [ResolvedPlace]

    public init(article: Article, resolution: PlaceResolution, offMap: [ResolvedPlace]) {
        self.article = article
        self.resolution = resolution
        self.offMap = offMap
    }

    struct MentionOut: Codable {
        var start: Int
        var end: Int
        var sentence: String
        var metonym: Bool?
    }
    struct CandidateOut: Codable {
        var name: String
        var lat: Double
        var lon: Double
        var country: String
        var kind: String
        var source: String
    }
    struct PlaceOut: Codable {
        var text: String
        var name: String
        var lat: Double
        var lon: Double
        var country: String
        var kind: String
        var source: String
        var dataset: String
        var shape: String?
        var mentions: [MentionOut]
        var confidence: Double
        var why: String
        var approximate: Bool
        var geoPrecision: Int
        var role: String
        var onMap: Bool?
    }
    struct UnresolvedOut: Codable {
        var text: String
        var reason: String
        var mentions: [MentionOut]
        var candidates: [CandidateOut]
    }
    struct Document: Codable {
        var article: String
        var title: String
        var focusCountries: [String]
        var places: [PlaceOut]
        var metonyms: [PlaceOut]
        var unresolved: [UnresolvedOut]
        var offMap: [String]
    }

    /// The mentions, each with its sentence (or an excerpt around the mention of a long one).
    func mentionsOut(_ ms: [PlaceMention], excerpts: Excerpts) -> [MentionOut] {
        ms.map { m in
            let si = m.tokens?.sentence
            let at = si.map { m.start - article.sentences[$0].start } ?? 0
            let sentence = excerpts.excerpt(of: m.sentence, key: si ?? -1 - m.start, at: at)
            return MentionOut(start: m.start, end: m.end, sentence: sentence, metonym: m.metonym ? true : nil)
        }
    }

    func placeOut(_ p: ResolvedPlace, role: String, onMap: Bool?, excerpts: Excerpts) -> PlaceOut {
        PlaceOut(
            text: p.text, name: p.name, lat: (p.coordinate.lat * 1e5).rounded() / 1e5,
            lon: (p.coordinate.lon * 1e5).rounded() / 1e5,
            country: p.entry.country, kind: p.kind.rawValue, source: p.entry.id, dataset: p.entry.source,
            shape: p.entry.shape,
            mentions: mentionsOut(p.mentions, excerpts: excerpts), confidence: p.confidence, why: p.why,
            approximate: p.approximate,
            geoPrecision: p.precision, role: role, onMap: onMap)
    }

    var document: Document {
        let off = Set(offMap.map(\.entry.id))
        let excerpts = Excerpts()
        return Document(
            article: article.name, title: article.title, focusCountries: resolution.focusCountries,
            places: resolution.places.map {
                placeOut(
                    $0, role: "place", onMap: $0.kind.isPoint ? !off.contains($0.entry.id) : nil, excerpts: excerpts)
            },
            metonyms: resolution.metonyms.map { placeOut($0, role: "metonym", onMap: nil, excerpts: excerpts) }
                + resolution.associative.map {
                    placeOut($0, role: Self.associativeRole($0), onMap: nil, excerpts: excerpts)
                },
            unresolved: resolution.unresolved.map { u in
                UnresolvedOut(
                    text: u.text, reason: u.reason, mentions: mentionsOut(u.mentions, excerpts: excerpts),
                    candidates: u.candidates.prefix(10).map {
                        CandidateOut(
                            name: $0.name, lat: $0.coordinate.lat, lon: $0.coordinate.lon, country: $0.country,
                            kind: $0.kind.rawValue, source: $0.id)
                    })
            },
            offMap: offMap.map(\.text))
    }

    /// "demonym" for a people's name or an adjective ("Mexican", "European"); for a place's own name, "continent"
    /// ("Africa") or "associative" (a place opening a body's name: "Ohio State University").
    static func associativeRole(_ p: ResolvedPlace) -> String {
        guard PlaceNameNormalizer.spelling(p.text) == PlaceNameNormalizer.spelling(p.name) else { return "demonym" }
        return p.kind == .continent ? "continent" : "associative"
    }

    public static func encoder() -> JSONEncoder {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return enc
    }

    public func json() throws -> String {
        String(decoding: try Self.encoder().encode(document), as: UTF8.self)
    }

    /// An RFC 7946 FeatureCollection: one Point feature per place (lon, lat order), properties as in the JSON.
    public func geojson() throws -> String {
        struct Geometry: Codable {
            var type = "Point"
            var coordinates: [Double]
        }
        struct Feature: Codable {
            var type = "Feature"
            var geometry: Geometry
            var properties: PlaceOut
        }
        struct Collection: Codable {
            var type = "FeatureCollection"
            var features: [Feature]
        }
        let features = document.places.map {
            Feature(geometry: Geometry(coordinates: [$0.lon, $0.lat]), properties: $0)
        }
        return String(decoding: try Self.encoder().encode(Collection(features: features)), as: UTF8.self)
    }

    /// Aligned columns for a terminal.
    public func table() -> String {
        var rows: [[String]] = [["TEXT", "NAME", "LAT", "LON", "CC", "KIND", "CONF", "SOURCE", "NOTE"]]
        let off = Set(offMap.map(\.entry.id))
        for p in resolution.places {
            var note = p.approximate ? "approximate (placed from text)" : ""
            if off.contains(p.entry.id) { note = "off map" }
            rows.append([
                p.text, p.name, String(format: "%.4f", p.coordinate.lat), String(format: "%.4f", p.coordinate.lon),
                p.entry.country, p.kind.rawValue, String(format: "%.2f", p.confidence), p.entry.id, note,
            ])
        }
        for p in resolution.metonyms {
            rows.append([
                p.text, p.name, "", "", p.entry.country, p.kind.rawValue, String(format: "%.2f", p.confidence),
                p.entry.id, "metonym: not drawn",
            ])
        }
        for p in resolution.associative {
            rows.append([
                p.text, p.name, "", "", p.entry.country, p.kind.rawValue, String(format: "%.2f", p.confidence),
                p.entry.id, "\(Self.associativeRole(p)): not drawn",
            ])
        }
        for u in resolution.unresolved {
            rows.append([u.text, "?", "", "", "", "", "", "", "unresolved: \(u.reason)"])
        }
        return TextTable(rows).text
    }
}
