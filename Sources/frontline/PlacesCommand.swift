import ArgumentParser
import Foundation
import FrontlineKit

struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "List the places an article names, each joined to coordinates with the reason.",
        discussion: """
            Examples:
              frontline places Examples/manbij-marea-falluja-2016.txt
              frontline places article.txt --format json > places.json
              frontline places article.txt --format geojson --gazetteer my-villages.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, geojson }

    @Argument(help: ArgumentHelp("The article, as a plain-text file (UTF-8).", valueName: "ARTICLE"))
    var article: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "table (for a terminal), json, or geojson (RFC 7946). Example: --format json", valueName: "FORMAT"))
    var format: Format = .table

    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    func run() throws {
        let art = try Article.load(path: article)
        let f = try Frontline(shapes: shapes.shapes, gazetteers: gazetteers.gazetteer)
        let places = f.places(in: art)
        // Off the map: the places the map of these places would leave out.
        let offMap = ExtentChooser.choose([places], coverage: try f.basemap.coverage()).offMap
        let report = PlacesReport(article: art, resolution: places, offMap: offMap)
        switch format {
        case .table: try Console.line(report.table())
        case .json: try Console.line(try report.json())
        case .geojson: try Console.line(try report.geojson())
        }
    }
}
