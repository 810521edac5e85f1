import ArgumentParser
import Foundation
import FrontlineKit

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Read who holds, took, besieges or advances on what, with the sentence behind each claim.",
        discussion: """
            The JSON (format "frontline-claims 1", documented in the README) is also an input: correct it \
            by hand and draw it with `frontline render CLAIMS.json`.

            Examples:
              frontline claims Examples/manbij-marea-falluja-2016.txt
              frontline claims article.txt --format json > claims.json
              frontline render claims.json -o output/corrected
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: ArgumentHelp("The article, as a plain-text file (UTF-8).", valueName: "ARTICLE"))
    var article: String
    @Option(name: .long, help: ArgumentHelp("table or json. Example: --format json", valueName: "FORMAT"))
    var format: Format = .table
    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    func run() throws {
        let art = try Article.load(path: article)
        let f = try Frontline(shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors)
        let doc = f.claimsDocument(for: art)
        if format == .json {
            try Console.line(try doc.json())
            return
        }
        try Console.line(ClaimsTable.render(doc, actors: f.actors))
    }
}

/// The user actor files option.
struct ActorsOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. \
            Repeatable. Example: --actors my-actors.json
            """, valueName: "FILE"))
    var actors: [String] = []
}
