import ArgumentParser
import Foundation
import FrontlineKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a report: each article's map, caption, alt text, claims table with evidence, and distance checks.",
        discussion: """
            PATH.html is one self-contained file (maps embedded as PNG, no external references); PATH.md \
            writes its map images beside it.

            Examples:
              frontline report Examples/manbij-marea-falluja-2016.txt -o output/report.html
              frontline report Examples/*.txt -o reports/week.md --width 1200
            """)

    @Argument(help: ArgumentHelp("One or more articles.", valueName: "ARTICLE"))
    var articles: [String]

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("The report: a .html or .md path. Example: -o output/report.html", valueName: "PATH"))
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Map width in pixels, \(Limits.span(Limits.mapWidth)) (default 1600). Example: --width 1200",
            valueName: "PX"))
    var width: Int = 1600

    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    func validate() throws {
        guard !articles.isEmpty else { throw ValidationError("give at least one article") }
        let ext = (output as NSString).pathExtension.lowercased()
        guard ext == "html" || ext == "md" else {
            throw ValidationError("-o must end in .html or .md (got '\(output)')")
        }
        try SizeLimits.check(width, within: Limits.mapWidth, option: "--width")
    }

    func run() throws {
        let f = try Frontline(
            shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors, drawing: true)
        for w in try f.report(articles, request: MapRequest(width: Double(width)), output: output) {
            try Console.line("wrote \(Console.escaped(w))")
        }
    }
}
