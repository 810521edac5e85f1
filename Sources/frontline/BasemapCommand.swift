import ArgumentParser
import FrontlineKit

struct BasemapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basemap",
        abstract: "Maintain a basemap folder.",
        subcommands: [Index.self])

    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a spatial index (.qix) beside each layer of a basemap.",
            discussion: """
                With an index, a map reads only the shapes of a layer that can fall in its box, not the \
                whole file: what a large basemap needs (full-resolution coastlines of a continent, say). \
                Without one, each layer is read whole, once, while the article is read — the better way \
                for a small, pre-clipped basemap like the committed one, which has no index. An index \
                older than its layer is not used; write it again after changing the layer.

                Example:
                  frontline basemap index --shapes ~/basemaps/levant-full
                """)
        @Option(
            name: .long,
            help: ArgumentHelp(
                "The basemap folder to index (required: the committed one is read whole).", valueName: "DIR"))
        var shapes: String

        func run() throws {
            let basemap = try Basemap(directory: shapes)
            for file in basemap.layerFiles {
                let reader = try ShapefileReader(path: file)
                try Console.line("wrote \(Console.escaped(try reader.writeIndex())) (\(reader.count) shapes)")
            }
        }
    }
}
