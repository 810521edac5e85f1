import ArgumentParser

struct FrontlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Turn a news article about a war into a map a reader can trust.",
        discussion: """
        Example:
          frontline render Examples/manbij-marea-falluja-2016.txt --format png,svg,pdf
        """,
        subcommands: [RenderCommand.self])
}

/// Options every subcommand that reads the basemap shares.
struct ShapesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of the basemap and gazetteer (default: ./Shapes, $FRONTLINE_SHAPES, or the package's).",
                                           valueName: "DIR"))
    var shapes: String?
}
