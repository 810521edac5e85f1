import Foundation
import FrontlineKit

// Benchmarks of the pipeline's stages, printed as `name: median ms (min–max)` over repeated runs.
// Run on a release build: `swift run -c release frontline-bench [ARTICLE...]` (see scripts/bench.sh).

func measure(_ name: String, runs: Int = 15, _ body: () throws -> Void) rethrows {
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    times.sort()
    print(String(format: "%@: %.2f ms (%.2f–%.2f)", name, times[times.count / 2], times.first!, times.last!))
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let args = Array(CommandLine.arguments.dropFirst())
let shapes = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"] ?? "Shapes"
let articles = args.isEmpty ? ["Examples/manbij-marea-falluja-2016.txt"] : args

func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let r = try body()
    print(String(format: "stage %@: %.1f ms", name, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6))
    return r
}

if args.first == "--stages", args.count == 2 {
    // One cold render, stage by stage, as `frontline render ARTICLE --format png,svg` runs it.
    let path = args[1]
    do {
        let out = FileManager.default.temporaryDirectory.path + "/frontline-bench-\(getpid())"
        defer { for ext in ["png", "svg"] { unlink(out + "." + ext) } }
        let f = try stage("init (gazetteer ‖ actors, fonts; layers and PROJ start in the background)") { try Frontline(drawing: true) }
        let article = try stage("article") { try Article.load(path: path) }
        setenv("FRONTLINE_STAGES", "1", 1)
        let scene = try stage("scene (places, measures ‖ claims, compose)") { try f.scene(for: article, request: MapRequest(width: 1600)) }
        for (name, ms) in Stages.take() { print(String(format: "stage   %@: %.1f ms", name, ms)) }
        _ = try stage("files (PNG ‖ SVG)") { try f.write(scene, formats: [.png, .svg], output: out) }
        // Warm, one at a time, for the profile of each part.
        _ = stage("places again") { f.places(in: article) }
        _ = try stage("scene again") { try f.scene(for: article, request: MapRequest(width: 1600)) }
        _ = try stage("PNG alone") { try f.write(scene, formats: [.png], output: out) }
        _ = try stage("SVG alone") { try f.write(scene, formats: [.svg], output: out) }
    } catch {
        FileHandle.standardError.write(Data("frontline-bench: error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

do {
    let basemap = try Basemap(directory: shapes)
    var gazetteer = Gazetteer()
    try measure("gazetteer load") { gazetteer = try basemap.gazetteer() }
    print("gazetteer entries: \(gazetteer.entries.count)")
    for path in articles {
        let article = try Article.load(path: path)
        let resolver = PlaceResolver(gazetteer: gazetteer)
        var found = 0
        measure("places \(article.name)", runs: 25) { found = resolver.resolve(article).places.count }
        print("places found in \(article.name): \(found)")
    }
    print(String(format: "peak RSS: %.1f MiB", peakRSSMiB()))
} catch {
    FileHandle.standardError.write(Data("frontline-bench: error: \(error)\n".utf8))
    exit(1)
}
