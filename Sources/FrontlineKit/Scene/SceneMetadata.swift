import Foundation

/// The machine-readable content of a map, carried in the SVG's <metadata> and beside the map.
enum SceneMetadata {
    struct Place: Codable {
        var text: String
        var name: String
        var lat: Double
        var lon: Double
        var country: String
        var kind: String
        var source: String
        var onMap: Bool
        var sentences: [String]
    }
    struct Document: Codable {
        var title: String
        var date: String?
        var article: String
        var places: [Place]
        var unresolved: [String]
        var claims: [ClaimsDocument.Claim]?
        var states: [PlaceState]?
    }

    static func json(article: Article, places: PlaceResolution, extent: MapExtent, control: ControlLayer? = nil) -> String {
        let onMap = Set(extent.onMap.map(\.entry.id))
        let doc = Document(
            title: article.title, date: article.date, article: article.name,
            places: places.places.map {
                Place(text: $0.text, name: $0.name, lat: $0.coordinate.lat, lon: $0.coordinate.lon, country: $0.entry.country,
                      kind: $0.kind.rawValue, source: $0.entry.id, onMap: onMap.contains($0.entry.id),
                      sentences: $0.mentions.map(\.sentence))
            },
            unresolved: places.unresolved.map(\.text),
            claims: control.map { ClaimsDocument(article: article, places: places, claims: $0.claims, actors: $0.actors).claims },
            states: control?.states)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? enc.encode(doc)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
