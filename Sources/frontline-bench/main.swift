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
