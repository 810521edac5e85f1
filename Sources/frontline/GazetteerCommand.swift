import ArgumentParser
import Foundation
import FrontlineKit

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Maintain the committed gazetteer and the cache of GeoNames countries.",
        discussion: """
            Villages on demand: `gazetteer add SY` downloads GeoNames' dump of Syria once, and every later \
            command finds its villages. Only `gazetteer add` touches the network.
            """,
        subcommands: [Compile.self, Lookup.self, Add.self, List.self, Remove.self])

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild Shapes/gazetteer.index from gazetteer.tsv and gazetteer-supplement.tsv.",
            discussion: """
                The index holds every entry with its matching keys precomputed and sorted, so that the \
                gazetteer loads without parsing. Shapes/rebuild.sh runs this after writing the TSV files; \
                a test fails when the committed index is out of date.

                Example:
                  frontline gazetteer compile --shapes Shapes
                """)
        @OptionGroup var shapes: ShapesOption
        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Where to write (default: <shapes>/gazetteer.index).", valueName: "PATH"))
        var output: String?

        func run() throws {
            let dir = try Basemap.locate(explicit: shapes.shapes).directory
            let path = output ?? dir + "/gazetteer.index"
            try OutputPath.checkDestination(path)  // a device or folder is refused before the work
            let g = try Gazetteer.fromSources(shapesDirectory: dir)
            try g.compile(to: path)
            try Console.line("wrote \(Console.escaped(path)) (\(g.count) entries)")
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the gazetteer entries a name can mean.",
            discussion: """
                Example:
                  frontline gazetteer lookup "Deir al-Zour"
                """)
        @Argument(help: "A place name, in any common spelling.") var name: String
        @OptionGroup var shapes: ShapesOption
        @Option(name: .long, help: ArgumentHelp("A user gazetteer to add (repeatable).", valueName: "FILE"))
        var gazetteer: [String] = []

        func run() throws {
            let f = try Frontline(shapes: shapes.shapes, gazetteers: gazetteer)
            let found = f.gazetteer.candidates(for: name)
            if found.isEmpty { try Console.line("no entry for \(name)") }
            for (e, match) in found {
                try Console.line(
                    String(
                        format: "%@\t%@\t%.5f\t%.5f\t%@\t%@\tpop %d\t(%@)", e.id, e.name, e.coordinate.lat,
                        e.coordinate.lon,
                        e.country, e.kind.rawValue, e.population, match.rawValue))
            }
        }
    }
}
