import ArgumentParser

struct FrontlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Turn a news article about a war into a map a reader can trust.",
        discussion: """
            Example:
              frontline render Examples/manbij-marea-falluja-2016.txt --format png,svg,pdf
            """,
        subcommands: [
            RenderCommand.self, PlacesCommand.self, ClaimsCommand.self, MeasureCommand.self, CompareCommand.self,
            ReportCommand.self, BatchCommand.self, GazetteerCommand.self, BasemapCommand.self,
        ])
}

/// Options every subcommand that reads the basemap shares.
struct ShapesOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package's Shapes, \
            or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).
            """,
            valueName: "DIR"))
    var shapes: String?
}

/// The user gazetteers option shared by every command that resolves places.
struct GazetteerOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV \
            name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. \
            Example: --gazetteer villages.csv
            """, valueName: "FILE"))
    var gazetteer: [String] = []
}
