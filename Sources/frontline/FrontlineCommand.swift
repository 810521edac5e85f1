import ArgumentParser
import FrontlineKit

struct FrontlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Turn a news article about a war into a map a reader can trust.",
        discussion: """
            Works offline: only `frontline gazetteer add CC`, when asked, downloads (a country's villages \
            from GeoNames, into the user's cache that every command then reads).

            Example:
              frontline render Examples/manbij-marea-falluja-2016.txt --format png,svg,pdf
            """,
        subcommands: [
            RenderCommand.self, PlacesCommand.self, ClaimsCommand.self, MeasureCommand.self, CompareCommand.self,
            ReportCommand.self, BatchCommand.self, GazetteerCommand.self, BasemapCommand.self, BatchWorkerCommand.self,
        ])
}

/// The size checks of every command's `validate()`, against the ranges in `Limits`.
enum SizeLimits {
    /// Refuses an option's value outside `range`: "--width must be between 300 and 8000 (got 0)".
    static func check(_ value: Int, within range: ClosedRange<Int>, option: String) throws {
        guard range.contains(value) else {
            let (lo, hi) = (range.lowerBound, range.upperBound)
            throw ValidationError("\(option) must be between \(lo) and \(hi) (got \(value))")
        }
    }

    /// Whether a figure of `width` by `height` (nil: from the map's shape) is within the map limits.
    static func figureFits(width: Double, height: Double?) -> Bool {
        let w = Limits.mapWidth, h = Limits.mapHeight
        return (Double(w.lowerBound)...Double(w.upperBound)).contains(width)
            && (height.map { (Double(h.lowerBound)...Double(h.upperBound)).contains($0) } ?? true)
    }
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

/// The locator inset option of the commands that draw maps (render, compare).
struct InsetOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            A locator inset showing where the map lies in its country or region: auto (in a corner free of \
            places, legend and measured lines; left out when none is) or off. Example: --inset off
            """,
            valueName: "auto|off"))
    var inset: String = "auto"

    /// Whether the map is drawn with an inset (validated: `auto` or `off`).
    var enabled: Bool { inset.lowercased() != "off" }

    func validate() throws {
        guard ["auto", "off"].contains(inset.lowercased()) else {
            throw ValidationError("--inset takes auto or off (got '\(inset)')")
        }
    }
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
