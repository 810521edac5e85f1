import ArgumentParser
import Foundation
import FrontlineKit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Draw before and after side by side: one article's own phases, or two articles or claims files.",
        discussion: """
            Both panels share one extent and scale and one legend; places whose state changed are ringed in \
            the right panel and listed under the panels.

            Examples:
              frontline compare Examples/manbij-marea-falluja-2016.txt -o output/compare
              frontline compare week1.txt week2.txt -o output/weeks --format png,pdf
              frontline compare claims-may.json claims-june.json -o output/corrected
              frontline compare week1.txt week2.txt -o output/weeks --inset off
            """)

    @Argument(
        help: ArgumentHelp(
            "One article (its before and after), or BEFORE and AFTER (articles or claims .json files).",
            valueName: "INPUT"))
    var inputs: [String]

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Output path; the format's extension is added or replaced. Example: -o output/compare", valueName: "PATH"))
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp("Comma-separated formats: png, svg, pdf. Example: --format png,svg", valueName: "LIST"))
    var format: String = "png"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Width in pixels, \(Limits.span(Limits.comparisonWidth)) (default 2400). Example: --width 2000",
            valueName: "PX"))
    var width: Int = 2400

    @OptionGroup var inset: InsetOption
    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    func validate() throws {
        guard (1...2).contains(inputs.count) else {
            throw ValidationError("give one article, or a BEFORE and an AFTER")
        }
        try inset.validate()
        _ = try OutputFormats.parse(format)
        try SizeLimits.check(width, within: Limits.comparisonWidth, option: "--width")
    }

    func run() throws {
        let f = try Frontline(
            shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors, drawing: true)
        for w in try f.compare(
            inputs, request: MapRequest(width: Double(width), inset: inset.enabled),
            formats: try OutputFormats.parse(format), output: output)
        {
            try Console.line("wrote \(Console.escaped(w))")
        }
    }
}

/// "png,svg,pdf" → formats, or a clear usage error.
enum OutputFormats {
    static func parse(_ list: String) throws -> [OutputFormat] {
        var out: [OutputFormat] = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = OutputFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)' in --format (choose from png, svg, pdf)")
            }
            if !out.contains(f) { out.append(f) }
        }
        if out.isEmpty { throw ValidationError("--format needs at least one of png, svg, pdf") }
        return out
    }
}
