import CCairo
import Foundation
import XCTest

@testable import FrontlineKit

/// Paths and shared fixtures for the tests.
enum Fixtures {
    static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()
    static var shapes: String {
        _ = derivedFiles
        return packageRoot + "/Shapes"
    }
    /// The committed Shapes' derived files (the gazetteer's index, the large layers' .qix), built once
    /// before any test reads the folder, so that no test's output carries the "compiling" line of a
    /// clean clone's first command.
    private static let derivedFiles: Void = {
        let dir = packageRoot + "/Shapes"
        _ = try? Gazetteer.committedIndex(shapesDirectory: dir)
        if let basemap = try? Basemap(directory: dir) {
            for layer in basemap.layers { _ = basemap.indexed(layer) }
        }
    }()

    /// A copy of the committed Shapes folder at `path` that a test may change: every file is a symbolic
    /// link to the committed one (the folder holds 140 MB), so a test replaces a file (FileManager's
    /// createFile, removeItem then copyItem) rather than writing into it.
    static func shapesCopy(at path: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: shapes) where !name.hasSuffix(".lock") {
            let source = shapes + "/" + name
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue {
                try fm.copyItem(atPath: source, toPath: path + "/" + name)
            } else {
                try fm.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: source)
            }
        }
        return path
    }
    static var examples: String { packageRoot + "/Examples" }
    /// One folder per case (Tests/Cases/<case>): the article's path and the expected outputs.
    static var cases: String { packageRoot + "/Tests/Cases" }
    static var exampleArticle: String { examples + "/manbij-marea-falluja-2016.txt" }
    /// The real article kept outside the project (read-only, present in CI).
    static var seedArticle: String { packageRoot + "/../shared/seeds/reuters-2016-isis-loses-ground.txt" }

    /// The seed article, or a visible skip where this clone has no ../shared.
    static func seed() throws -> Article {
        guard FileManager.default.fileExists(atPath: seedArticle) else {
            throw XCTSkip(
                "seed article not present at \(seedArticle) (only CI and the project's machines have ../shared)")
        }
        return try Article.load(path: seedArticle)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cachedFrontline: Frontline?

    /// The pipeline over the committed Shapes folder, loaded once.
    static func frontline() throws -> Frontline {
        lock.lock()
        defer { lock.unlock() }
        if let f = cachedFrontline { return f }
        let f = try Frontline(shapes: shapes, cache: nil)  // not the user's cached countries
        cachedFrontline = f
        return f
    }

    static func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-tests-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// An empty XDG data folder: the CLI's default in tests, so no user's cached country changes a result.
    static let emptyDataHome: String = {
        let dir = NSTemporaryDirectory() + "frontline-tests-empty-data-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// The built `frontline` executable beside the test bundle.
    static var executable: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "frontline"
            ).path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("frontline").path,
            Bundle.main.bundleURL.appendingPathComponent("frontline").path,
            packageRoot + "/.build/debug/frontline",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// Runs the CLI; returns exit code, stdout and stderr.
    static func run(
        _ args: [String], cwd: String? = nil, env extra: [String: String] = [:]
    ) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? packageRoot)
        var env = ProcessInfo.processInfo.environment
        env["FRONTLINE_SHAPES"] = shapes
        env["XDG_DATA_HOME"] = emptyDataHome  // the user's cached countries stay out of the tests
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// The canvas's own pixels (premultiplied ARGB words).
func pixels(of c: CairoCanvas) -> [UInt32] {
    cairo_surface_flush(c.surface)
    let w = Int(cairo_image_surface_get_width(c.surface)), h = Int(cairo_image_surface_get_height(c.surface))
    let stride = Int(cairo_image_surface_get_stride(c.surface))
    let data = cairo_image_surface_get_data(c.surface)!
    var out: [UInt32] = []
    for y in 0..<h {
        let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
        for x in 0..<w { out.append(row[x]) }
    }
    return out
}

/// The plane distance from `p` to the segment from `a` to `b`.
func distance(_ p: Point, toSegment a: Point, _ b: Point) -> Double {
    let dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy
    let t = len2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1) : 0
    return hypot(p.x - a.x - t * dx, p.y - a.y - t * dy)
}
