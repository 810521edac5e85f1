import ArgumentParser
import Foundation
import FrontlineKit

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the map of an article.",
        discussion: """
            Finds the places the article names, picks an extent that fits the front it describes \
            (far places are listed in a footnote), and draws them over the basemap.

            Examples:
              frontline render Examples/manbij-marea-falluja-2016.txt
                  writes output/manbij-marea-falluja-2016.png (1600 px wide)
              frontline render article.txt -o maps/article --format png,svg,pdf --width 1200
                  writes maps/article.png, maps/article.svg and maps/article.pdf
              frontline render article.txt --bbox 36.5,35.5,39,37 --inset off
                  draws that box without the locator inset
            """)

    @Argument(
        help: ArgumentHelp(
            "The article, as a plain-text file (UTF-8), or a claims file (.json) written by "
                + "`frontline claims --format json`.",
            valueName: "ARTICLE"))
    var article: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Output path; the format's extension is added or replaced (default: output/<article-name>).",
            valueName: "PATH"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Comma-separated formats: png, svg, pdf. Example: --format png,svg", valueName: "LIST"))
    var format: String = "png"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Width in pixels (PNG) or points (SVG, PDF), \(Limits.span(Limits.mapWidth)). Example: --width 1200",
            valueName: "PX"))
    var width: Int = 1600

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Height, \(Limits.span(Limits.mapHeight)); default: from the shape of the map. Example: --height 1000",
            valueName: "PX"))
    var height: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Size in pixels or millimetres, overriding --width/--height. Examples: --size 1200x800, --size 170x120mm",
            valueName: "SIZE"))
    var size: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Dots per inch for a size in mm (default 300); recorded in the PNG. Example: --dpi 600", valueName: "DPI"))
    var dpi: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A named size: column (85 mm at 300 dpi), page (180 mm at 300 dpi), slide (1920x1080), "
                + "screen (1600 px). Example: --preset column",
            valueName: "NAME"))
    var preset: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A fixed extent minLon,minLat,maxLon,maxLat in degrees. Example: --bbox 36.5,35.5,39,37", valueName: "BOX"))
    var bbox: String?

    var box: GeoBox? {
        get throws {
            guard let bbox else { return nil }
            let v = bbox.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 4, v.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw ValidationError("--bbox takes four numbers minLon,minLat,maxLon,maxLat (got '\(bbox)')")
            }
            let b = GeoBox(minLon: v[0]!, minLat: v[1]!, maxLon: v[2]!, maxLat: v[3]!)
            guard (-180...180).contains(b.minLon), (-180...180).contains(b.maxLon), (-85...85).contains(b.minLat),
                (-85...85).contains(b.maxLat)
            else {
                throw ValidationError("--bbox is out of range: longitudes −180…180, latitudes −85…85")
            }
            guard b.minLon < b.maxLon, b.minLat < b.maxLat else {
                throw ValidationError("--bbox: each minimum must be below its maximum")
            }
            guard b.width <= 60, b.height <= 40 else {
                throw ValidationError("--bbox is larger than a map of one front (at most 60° by 40°)")
            }
            return b
        }
    }

    @OptionGroup var inset: InsetOption
    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    var formats: [OutputFormat] { get throws { try OutputFormats.parse(format) } }

    var figure: FigureSize {
        get throws {
            do {
                return try FigureSize.parse(size: size, dpi: dpi, preset: preset)
                    ?? FigureSize(width: Double(width), height: height.map(Double.init), dpi: dpi)
            } catch let e as FrontlineError { throw ValidationError(e.description) }
        }
    }

    func validate() throws {
        try inset.validate()
        _ = try formats
        _ = try box
        let f = try figure
        guard SizeLimits.figureFits(width: f.width, height: f.height) else {
            let got = "\(Figures.count(f.width))x\(f.height.map(Figures.count) ?? "auto")"
            throw ValidationError(
                "the figure must be \(Limits.span(Limits.mapWidth)) px wide and "
                    + "\(Limits.span(Limits.mapHeight)) px high (got \(got))")
        }
        try SizeLimits.check(width, within: Limits.mapWidth, option: "--width")
        if let height { try SizeLimits.check(height, within: Limits.mapHeight, option: "--height") }
    }

    func run() throws {
        let f = try figure
        let request = MapRequest(
            width: f.width, height: f.height, dpi: f.dpi, box: try box, inset: inset.enabled)
        let written: [String]
        if article.lowercased().hasSuffix(".json") {
            let frontline = try Frontline(
                shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors, drawing: true)
            let doc = try ClaimsDocument.read(path: article, actors: frontline.actors)
            // The name comes from the file: reduced to a safe one, the map stays in output/.
            let base = output ?? "output/" + OutputPath.safeName(doc.article.name)
            written = try frontline.render(claims: doc, request: request, formats: try formats, output: base)
        } else {
            let (frontline, art) = try Frontline.forDrawing(
                article: article, shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors)
            let base = output ?? "output/" + OutputPath.safeName(art.name)
            _ = try Frontline.outputPaths(base, formats: try formats)  // a wrong -o is said before the work
            let scene = try frontline.scene(for: art, request: request)
            written = try frontline.write(scene, formats: try formats, output: base)
            // The map is drawn; what could not be placed or labelled is said, not dropped.
            let unplaced = scene.footnotes.filter { $0.contains(": not located") || $0.contains(": not labelled") }
            for note in unplaced.prefix(Limits.warningsListed) {
                Console.message("frontline: warning: \(article): \(note)")
            }
            if unplaced.count > Limits.warningsListed {
                Console.message(
                    "frontline: warning: \(article): … and \(unplaced.count - Limits.warningsListed) more not located "
                        + "or not labelled (see `frontline places`)")
            }
        }
        for w in written { try Console.line("wrote \(Console.escaped(w))") }
    }
}
