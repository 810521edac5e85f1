import ArgumentParser
import Foundation
import FrontlineKit

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Check the distances an article states, or measure between two places.",
        discussion: """
            With an article: one row per distance it states ("750 km down the Euphrates", "the last 80 km \
            stretch of the Syrian-Turkish border", "Azaz, 20 km to the northwest"), measured along the river \
            or border or straight, with a verdict.

            With --from and --to: the straight (geodesic) distance and bearing, and the length along a \
            river or border between the two places' nearest points on it. Any river the basemap names \
            (by any spelling the gazetteer knows) and any border pair, in either order; a river runs on \
            into the river it flows into when a place lies there. An unknown river or pair is refused \
            (exit 2) in one line naming the nearest river names or each country's borders.

            Examples:
              frontline measure article.txt
              frontline measure article.txt --format json --tolerance 15
              frontline measure --from Jarabulus --to Falluja --along Euphrates
              frontline measure --from Azaz --to Jarabulus --border SY-TR
              frontline measure --from Kyiv --to Kherson --along Dnieper
              frontline measure --from Vovchansk --to Hlukhiv --border RU-UA
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: ArgumentHelp("The article, as a plain-text file (UTF-8).", valueName: "ARTICLE"))
    var article: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A place to measure from (any common spelling). Example: --from Manbij", valueName: "PLACE"))
    var from: String?
    @Option(name: .long, help: ArgumentHelp("A place to measure to. Example: --to Falluja", valueName: "PLACE"))
    var to: String?
    @Option(name: .long, help: ArgumentHelp("Measure along this river. Example: --along Euphrates", valueName: "RIVER"))
    var along: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Measure along the border of two countries. Example: --border SY-TR", valueName: "CC-CC"))
    var border: String?
    @Option(name: .long, help: ArgumentHelp("table or json. Example: --format json", valueName: "FORMAT"))
    var format: Format = .table
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Percent difference still called consistent (default 10). Example: --tolerance 15", valueName: "PERCENT"))
    var tolerance: Double = 10

    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    var borderPair: (String, String)? {
        guard let border else { return nil }
        let p = border.uppercased().split(whereSeparator: { $0 == "-" || $0 == "–" }).map(String.init)
        return p.count == 2 ? (p[0], p[1]) : nil
    }

    func validate() throws {
        if article == nil {
            guard from != nil, to != nil else { throw ValidationError("give an ARTICLE, or both --from and --to") }
        } else if from != nil || to != nil || along != nil || border != nil {
            throw ValidationError(
                "--from, --to, --along and --border measure between places; they do not go with an ARTICLE")
        }
        if along != nil, border != nil { throw ValidationError("--along and --border cannot be used together") }
        if border != nil, borderPair == nil { throw ValidationError("--border takes two country codes, e.g. SY-TR") }
        guard tolerance.isFinite, tolerance >= 0, tolerance <= 100 else {
            throw ValidationError("--tolerance must be between 0 and 100")
        }
    }

    func run() throws {
        let f = try Frontline(shapes: shapes.shapes, gazetteers: gazetteers.gazetteer)
        let checker = DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer, tolerance: tolerance / 100)
        if let article {
            let art = try Article.load(path: article)
            let report = MeasureReport(
                article: art, checks: try checker.checks(article: art, places: f.places(in: art)))
            try Console.line(format == .json ? try report.json() : report.table())
            return
        }
        let (a, b) = try f.resolvePair(from!, to!)
        let m = try checker.measure(from: a, to: b, alongRiver: along, border: borderPair)
        if format == .json {
            try Console.line(String(decoding: try PlacesReport.encoder().encode(m), as: UTF8.self))
        } else {
            try Console.line(
                String(
                    format: "%@ (%.4f, %.4f) → %@ (%.4f, %.4f)", m.from, m.fromLat, m.fromLon, m.to, m.toLat, m.toLon))
            try Console.line(
                String(format: "straight: %.1f km, initial bearing %.1f° (%@)", m.straightKm, m.bearing, m.compass))
            if let along = m.alongKm, let line = m.line {
                try Console.line(
                    String(
                        format: "along the %@: %.1f km%@ (%@ is %.1f km off the line, %@ %.1f km)", line, along,
                        m.direction.map { ", " + $0 } ?? "", m.from, m.fromOffsetKm ?? 0, m.to, m.toOffsetKm ?? 0))
            }
        }
    }
}
