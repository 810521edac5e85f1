import ArgumentParser
import Foundation
import FrontlineKit

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render many articles (files or folders of .txt): each one's map and claims file, on all cores.",
        discussion: """
            Goes on past a bad article, prints a summary, and exits 1 listing the failures if any failed. \
            Each article is rendered in a worker process, so one that crashes fails alone ("crashed with \
            signal 4"). \
            --shard K/N takes a deterministic K-th of N parts of the sorted inputs, so a job array can \
            spread an archive over many machines (see the README).

            Examples:
              frontline batch Examples -o output/batch
              frontline batch archive/2016 archive/2017 -o maps --jobs 8 --width 1200
              frontline batch archive -o maps --shard 3/16
            """)

    @Argument(help: ArgumentHelp("Articles, or folders searched for .txt files.", valueName: "INPUT"))
    var inputs: [String]

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("The folder for the maps and claims files. Example: -o output/batch", valueName: "DIR"))
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Articles rendered at once (default: the number of cores). Example: --jobs 2", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: .long,
        help: ArgumentHelp("Only the K-th of N parts of the inputs. Example: --shard 1/4", valueName: "K/N"))
    var shard: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Map width in pixels, \(Limits.span(Limits.mapWidth)) (default 1600). Example: --width 1200",
            valueName: "PX"))
    var width: Int = 1600

    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    var shardPair: (Int, Int)? {
        guard let shard else { return nil }
        let p = shard.split(separator: "/").compactMap { Int($0) }
        return p.count == 2 ? (p[0], p[1]) : nil
    }

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256 (got \(jobs))") }
        try SizeLimits.check(width, within: Limits.mapWidth, option: "--width")
        if shard != nil {
            guard let (k, n) = shardPair, n >= 1, (1...n).contains(k) else {
                throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 3/16")
            }
        }
    }

    /// The arguments of the worker processes that render the articles: this command's options.
    var workerArguments: [String] {
        ["batch-worker", "--width", String(width)] + actorFiles.actors.flatMap { ["--actors", $0] }
            + gazetteers.gazetteer.flatMap { ["--gazetteer", $0] } + (shapes.shapes.map { ["--shapes", $0] } ?? [])
    }

    func run() throws {
        let f = try Frontline(
            shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors, drawing: true)
        var files = try Batch.inputs(inputs)
        if let (k, n) = shardPair { files = Batch.shard(files, k: k, n: n) }
        let tty = isatty(2) == 1
        let summary = try Batch.run(
            f, inputs: files, outputDirectory: output, jobs: jobs, request: MapRequest(width: Double(width)),
            isolation: workerArguments
        ) { done, total, file, error in
            let line: String
            if tty {
                let width = 30, filled = total == 0 ? width : done * width / total
                line =
                    "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                    + "] \(done)/\(total)"
                    + (done == total ? "\n" : "")
            } else {
                line = "batch: \(done)/\(total) \(error == nil ? "ok" : "FAILED") \(Console.escaped(file))\n"
            }
            Console.progress(line)
        }
        try Console.line("\(summary.total) articles: \(summary.rendered) rendered, \(summary.failures.count) failed")
        for r in summary.renamed {
            try Console.line("renamed: \(Console.escaped(r.file)) written as \(Console.escaped(r.name)).png")
        }
        if !summary.failures.isEmpty {
            for fl in summary.failures { try Console.line("failed: \(Console.escaped(fl.message))") }
            throw ExitCode(1)
        }
    }
}

/// A worker process of `batch` (hidden): renders the articles it is sent on standard input, answering
/// for each on standard output. Started by `batch` with its options; not for use by hand.
struct BatchWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-worker", abstract: "A worker process of `batch` (internal).", shouldDisplay: false)

    @Option(name: .long, help: ArgumentHelp("Map width in pixels.", valueName: "PX"))
    var width: Int = 1600

    @OptionGroup var actorFiles: ActorsOption
    @OptionGroup var gazetteers: GazetteerOption
    @OptionGroup var shapes: ShapesOption

    func validate() throws { try SizeLimits.check(width, within: Limits.mapWidth, option: "--width") }

    func run() throws {
        let f = try Frontline(
            shapes: shapes.shapes, gazetteers: gazetteers.gazetteer, actors: actorFiles.actors, drawing: true)
        try Batch.serve(f, request: MapRequest(width: Double(width)))
    }
}
