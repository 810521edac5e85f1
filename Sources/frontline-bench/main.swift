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

/// `--time COMMAND...`: runs the command (output discarded) and prints one line, "wall-seconds
/// peak-RSS-KiB CPU-seconds", as GNU time would measure them (the child's rusage from wait4, which
/// counts the children it waited for), but with CPU time to the microsecond, not the 10 ms tick; exits
/// with the command's code. (As with GNU time, a peak RSS below the measuring process's own, here
/// ~12 MiB, reads as that: the kernel counts the spawning process's pages up to the exec.)
func timeCommand(_ command: [String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = command.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    guard posix_spawnp(&pid, argv[0]!, &actions, nil, argv, environ) == 0 else {
        FileHandle.standardError.write(Data("frontline-bench: cannot run \(command[0])\n".utf8))
        return 127
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    print(String(format: "%.6f %ld %.6f", wall, usage.ru_maxrss, seconds(usage.ru_utime) + seconds(usage.ru_stime)))
    // The command's own exit code (128 + the signal if one ended it), as GNU time passes it on.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
}

if args.first == "--time", args.count > 1 {
    exit(timeCommand(Array(args.dropFirst())))
}
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
        let f = try stage("init (gazetteer ‖ actors, fonts; layers and PROJ start in the background)") {
            try Frontline(drawing: true)
        }
        let article = try stage("article") { try Article.load(path: path) }
        setenv("FRONTLINE_STAGES", "1", 1)
        let scene = try stage("scene (places, measures ‖ claims, compose)") {
            try f.scene(for: article, request: MapRequest(width: 1600))
        }
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

    // The spatial index: a large layer (a grid of 200 × 200 squares over the region) and a map's box
    // over 1 % of it, read whole and filtered, then through the layer's index.
    let dir = FileManager.default.temporaryDirectory.path + "/frontline-bench-index-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let side = 200, step = 0.07
    do {
        let w = try ShapefileWriter(path: dir + "/grid")
        for row in 0..<side {
            for col in 0..<side {
                let x = 34 + Double(col) * step, y = 28 + Double(row) * step
                try w.add(ring: [
                    LonLat(lon: x, lat: y), LonLat(lon: x, lat: y + 0.05), LonLat(lon: x + 0.05, lat: y + 0.05),
                    LonLat(lon: x + 0.05, lat: y),
                ])
            }
        }
    }
    let layer = dir + "/grid.shp"
    let box = GeoBox(minLon: 38, minLat: 32, maxLon: 39.4, maxLat: 33.4)
    var shown = 0
    try measure("layer of \(side * side) shapes, a box over 1 %, read whole", runs: 5) {
        shown = try ShapefileReader(path: layer).records(within: box).count
    }
    try ShapefileReader(path: layer).writeIndex()
    var read = 0
    try measure("the same through its spatial index", runs: 15) {
        let reader = try ShapefileReader(path: layer)
        read = try reader.indexedIDs(within: box)?.count ?? reader.count
        shown = try reader.records(within: box).count
    }
    print("shapes in the box: \(shown), read through the index: \(read) of \(side * side)")
} catch {
    FileHandle.standardError.write(Data("frontline-bench: error: \(error)\n".utf8))
    exit(1)
}
