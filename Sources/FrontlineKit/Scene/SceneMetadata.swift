import Foundation

/// The machine-readable content of a map, carried in the SVG's <metadata>: the places as `places`
/// prints them (with whether each is drawn), and the claims and states as the claims file has them.
enum SceneMetadata {
    struct Document: Codable {
        var title: String
        var date: String?
        var article: String
        var places: [PlacesReport.PlaceOut]
        var unresolved: [String]
        var claims: [ClaimsDocument.Claim]?
        var states: [PlaceState]?
        var inset: Inset?
    }

    /// The locator inset: its extent, the countries it shows and where it is.
    struct Inset: Codable {
        var box: GeoBox
        var countries: [String]
        var corner: String
        var marksPoint: Bool
    }

    static func json(
        article: Article, places: PlaceResolution, extent: MapExtent, control: ControlLayer,
        inset: LocatorInset.Summary? = nil
    ) -> String {
        let report = PlacesReport(article: article, resolution: places, offMap: extent.offMap)
        let doc = Document(
            title: article.title, date: article.date, article: article.name,
            places: report.document.places,
            unresolved: places.unresolved.map(\.text),
            claims: ClaimsDocument(article: article, places: places, claims: control.claims, actors: control.actors)
                .claims,
            states: control.states,
            inset: inset.map {
                Inset(box: $0.box, countries: $0.countries, corner: $0.corner.rawValue, marksPoint: $0.marksPoint)
            })
        return (try? PlacesReport.encoder().encode(doc)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
