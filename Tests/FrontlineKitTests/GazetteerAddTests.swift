import Foundation
import XCTest

@testable import FrontlineKit

/// `gazetteer add`, `list` and `remove` against a loopback HTTP server started here, serving dumps built
/// here from invented rows: a good one, a truncated one and corrupt ones; and proof that no other command
/// touches the network.
final class GazetteerAddTests: XCTestCase {
    /// Zumurrudiya exists only in these rows (the committed gazetteer has no such village).
    static let village = row(id: 9_000_001, name: "Zumurrudiya", lat: "36.52000", lon: "38.21000", featureClass: "P")
    static let wadi = row(id: 9_000_002, name: "Wadi Zumurrud", lat: "36.5", lon: "38.3", featureClass: "H")
    static let article =
        "Rebels advance east of Manbij\n\nJune 2, 2016\n\n"
        + "Rebels took the village of Zumurrudiya, east of Manbij, on Monday, a commander said.\n"

    static func row(
        id: Int, name: String, lat: String, lon: String, featureClass: String, columns: Int = 19
    )
        -> String
    {
        let cols = [
            "\(id)", name, name, name + "h", lat, lon, featureClass, featureClass == "P" ? "PPL" : "WAD", "SY", "",
            "02", "", "", "", "0", "", "350", "Asia/Damascus", "2020-01-01",
        ]
        return cols.prefix(columns).joined(separator: "\t")
    }

    /// Writes a ZIP of `members` (name → text, in the order of their names: XX.txt first) with Python's
    /// zipfile module (deflated).
    static func makeZip(_ path: String, _ members: [String: String]) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        let script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for name, text in sorted(json.loads(sys.argv[2]).items()): z.writestr(name, text)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path, json]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    struct Setup {
        let server: LoopbackServer
        let home: String
        let work: String
        var env: [String: String] { ["XDG_DATA_HOME": home, "FRONTLINE_GEONAMES_URL": ""] }
        var template: String { "http://127.0.0.1:\(server.port)/{CC}.zip" }
        func url(_ cc: String) -> String { "http://127.0.0.1:\(server.port)/\(cc).zip" }
        var index: String { home + "/frontline/gazetteers/XX.index" }
        func add(_ args: [String] = ["XX"]) throws -> (code: Int32, out: String, err: String) {
            try Fixtures.run(["gazetteer", "add"] + args + ["--url", template], env: env)
        }
    }

    /// A server whose XX.zip is the good dump, an empty cache and a folder for articles.
    func serve(dump: [String: String]? = nil) throws -> Setup {
        let root = try Fixtures.tempDir()
        let served = root + "/served", home = root + "/data"
        for d in [served, home] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        }
        try Self.makeZip(
            served + "/XX.zip", dump ?? ["XX.txt": Self.village + "\n" + Self.wadi + "\n", "readme.txt": "test dump\n"])
        try Self.article.write(toFile: root + "/article.txt", atomically: true, encoding: .utf8)
        return Setup(server: try LoopbackServer(directory: served), home: home, work: root)
    }

    func testAddWritesTheIndexAndPlacesThenFindsTheVillage() throws {
        let s = try serve()
        let before = try Fixtures.run(["places", s.work + "/article.txt"], env: s.env)
        // Not placed before the add (the world gazetteer may know a loose lookalike, which is not taken).
        XCTAssertTrue(
            before.out.contains("no gazetteer entry") || before.out.contains("unresolved: only a loose spelling"),
            before.out)
        let r = try s.add()
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(r.out, "added XX: 1 places of 2 rows → \(s.index)\n")
        let size = try Data(contentsOf: URL(fileURLWithPath: s.server.directory + "/XX.zip")).count
        XCTAssertEqual(r.err, "downloaded \(s.url("XX")) (\(size) bytes)\n", "one line, stderr not being a terminal")
        XCTAssertTrue(FileManager.default.fileExists(atPath: s.index))
        XCTAssertEqual(try s.server.requests(), ["/XX.zip"])
        let after = try Fixtures.run(["places", s.work + "/article.txt"], env: s.env)
        XCTAssertEqual(after.code, 0, after.err)
        XCTAssertTrue(after.out.contains("geonames:9000001"), after.out)
        XCTAssertFalse(after.out.contains("no gazetteer entry"), after.out)
        // Lowercase codes are codes too; the second add replaces the first.
        XCTAssertEqual(try s.add(["xx"]).code, 0)
        let lookup = try Fixtures.run(["gazetteer", "lookup", "Zumurrudiyah"], env: s.env)
        XCTAssertTrue(
            lookup.out.hasPrefix("geonames:9000001\tZumurrudiya\t36.52000\t38.21000\tSY\tvillage"), lookup.out)
    }

    /// Adds the good dump, then serves `bad` as XX.zip: the add fails in one line naming the URL, with
    /// `reason` in it, and the earlier index is left as it was.
    func assertRefused(
        _ bad: (Setup) throws -> Void, reason: String, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let s = try serve()
        XCTAssertEqual(try s.add().code, 0, file: file, line: line)
        let good = try Data(contentsOf: URL(fileURLWithPath: s.index))
        try bad(s)
        let r = try s.add()
        XCTAssertEqual(r.code, 1, r.err, file: file, line: line)
        let errors = r.err.split(separator: "\n").filter { $0.hasPrefix("frontline: error: ") }
        XCTAssertEqual(errors.count, 1, r.err, file: file, line: line)
        XCTAssertTrue(
            errors.first?.hasPrefix("frontline: error: \(s.url("XX")): ") ?? false, r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(reason), r.err, file: file, line: line)
        XCTAssertEqual(r.out, "", file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: s.index)), good, file: file, line: line)
        let names = try FileManager.default.contentsOfDirectory(atPath: s.home + "/frontline/gazetteers")
        XCTAssertEqual(names, ["XX.index"], "no temporary file is left", file: file, line: line)
    }

    func testTruncatedZipIsOneErrorAndTheCacheIsUnchanged() throws {
        try assertRefused(
            { s in
                let path = s.server.directory + "/XX.zip"
                let whole = try Data(contentsOf: URL(fileURLWithPath: path))
                try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
            }, reason: "truncated")
    }

    func testTransferCutShortIsOneErrorAndTheCacheIsUnchanged() throws {
        // The server promises the whole file's length and sends half of it.
        try assertRefused(
            { s in try "".write(toFile: s.server.directory + "/.short", atomically: true, encoding: .utf8) },
            reason: "truncated download: the body ended before its Content-Length")
    }

    func testCorruptRowsAreOneErrorAndTheCacheIsUnchanged() throws {
        let short = Self.row(id: 9_000_003, name: "Broken", lat: "36", lon: "38", featureClass: "P", columns: 18)
        try assertRefused(
            { s in try Self.makeZip(s.server.directory + "/XX.zip", ["XX.txt": Self.village + "\n" + short + "\n"]) },
            reason: "XX.txt line 2: a GeoNames row has 19 tab-separated columns, not 18")
        let far = Self.row(id: 9_000_004, name: "Far", lat: "96.5", lon: "38", featureClass: "P")
        try assertRefused(
            { s in try Self.makeZip(s.server.directory + "/XX.zip", ["XX.txt": far + "\n"]) },
            reason: "XX.txt line 1: latitude/longitude missing or out of range")
    }

    func testCorruptArchivesAreOneErrorAndTheCacheIsUnchanged() throws {
        try assertRefused(
            { s in
                // A byte of the deflated dump (the first member, after its 30-byte header and name) flipped:
                // it fails to inflate or fails its CRC-32.
                let path = s.server.directory + "/XX.zip"
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                bytes[30 + 6 + 20] ^= 0xFF
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }, reason: "corrupt ZIP archive")
        try assertRefused(
            { s in try Self.makeZip(s.server.directory + "/XX.zip", ["readme.txt": "no dump\n"]) },
            reason: "the archive has no XX.txt")
        try assertRefused(
            { s in try Self.makeZip(s.server.directory + "/XX.zip", ["XX.txt": "\n"]) }, reason: "XX.txt has no rows")
        try assertRefused(
            { s in
                try "<html>not here</html>".write(
                    toFile: s.server.directory + "/XX.zip", atomically: true, encoding: .utf8)
            },
            reason: "not a ZIP archive")
        try assertRefused(
            { s in try FileManager.default.removeItem(atPath: s.server.directory + "/XX.zip") },
            reason: "the server answered HTTP 404")
    }

    func testOneFailedCountryWritesNone() throws {
        let s = try serve()
        let r = try s.add(["XX", "YY"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("frontline: error: \(s.url("YY")): the server answered HTTP 404"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.index))
    }

    func testListAndRemove() throws {
        let s = try serve()
        let empty = try Fixtures.run(["gazetteer", "list"], env: s.env)
        XCTAssertEqual(empty.out, "no cached countries in \(s.home)/frontline/gazetteers\n")
        XCTAssertEqual(try s.add().code, 0)
        let list = try Fixtures.run(["gazetteer", "list"], env: s.env)
        XCTAssertEqual(list.code, 0, list.err)
        let fields = list.out.split(separator: "\t").map(String.init)
        XCTAssertEqual(fields.count, 5, list.out)
        XCTAssertEqual(fields.first, "XX")
        XCTAssertEqual(fields[1], "1 entries")
        XCTAssertTrue(fields[2].hasSuffix(" KB"), list.out)
        XCTAssertTrue(fields[3].hasSuffix(" UTC"), list.out)
        XCTAssertEqual(fields[4], s.index + "\n")
        let removed = try Fixtures.run(["gazetteer", "remove", "XX"], env: s.env)
        XCTAssertEqual(removed.out, "removed XX\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.index))
        let again = try Fixtures.run(["gazetteer", "remove", "XX"], env: s.env)
        XCTAssertEqual(again.code, 1)
        XCTAssertEqual(again.err, "frontline: error: \(s.index): XX is not in the cache\n")
    }

    func testBadCodesAndTemplatesAreUsageErrors() throws {
        for args in [
            ["SYR"], ["S1"], ["XX", "--url", "http://127.0.0.1/dump.zip"], ["XX", "--url", "ftp://x/{CC}.zip"],
        ] {
            let r = try Fixtures.run(["gazetteer", "add"] + args, env: ["XDG_DATA_HOME": Fixtures.emptyDataHome])
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        }
    }

    func testHelpHasExamples() throws {
        for sub in ["add", "list", "remove"] {
            let r = try Fixtures.run(["gazetteer", sub, "--help"])
            XCTAssertEqual(r.code, 0, sub)
            XCTAssertTrue(r.out.contains("  frontline gazetteer \(sub)"), "gazetteer \(sub) --help has no example")
        }
        // (Help is wrapped to the width: compared with its whitespace collapsed.)
        let add = try Fixtures.run(["gazetteer", "add", "--help"]).out.split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        XCTAssertTrue(add.contains("Example: --url http://127.0.0.1:8000/{CC}.zip"), add)
        XCTAssertTrue(add.contains("only command that touches the network"), add)
    }

    /// Every command but `gazetteer add` works offline: with a URL set in the environment and every
    /// proxy pointing at an unroutable address, none sends a request, and all succeed.
    func testOtherCommandsNeverTouchTheNetwork() throws {
        let s = try serve()
        XCTAssertEqual(try s.add().code, 0)
        XCTAssertEqual(try s.server.requests().count, 1)
        var env = s.env
        env["FRONTLINE_GEONAMES_URL"] = s.template
        for proxy in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"] {
            env[proxy] = "http://10.255.255.1:9"
        }
        let article = s.work + "/article.txt"
        for args in [
            ["places", article], ["claims", article], ["measure", article], ["gazetteer", "list"],
            ["gazetteer", "lookup", "Zumurrudiya"], ["render", article, "-o", s.work + "/map", "--format", "svg"],
        ] {
            let r = try Fixtures.run(args, env: env)
            XCTAssertEqual(r.code, 0, "\(args): \(r.err)")
        }
        XCTAssertEqual(try s.server.requests().count, 1, "only the add reached the server")
    }

    // MARK: The pieces

    func testZipArchiveReadsDeflatedAndStoredMembers() throws {
        let dir = try Fixtures.tempDir()
        try Self.makeZip(dir + "/a.zip", ["a.txt": String(repeating: "tab\tseparated\n", count: 500), "b.txt": ""])
        let zip = try ZipArchive(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zip")))
        XCTAssertEqual(zip.members.map(\.name).sorted(), ["a.txt", "b.txt"])
        XCTAssertEqual(
            String(decoding: try zip.contents(of: "a.txt", limit: 1 << 20), as: UTF8.self),
            String(repeating: "tab\tseparated\n", count: 500))
        XCTAssertEqual(try zip.contents(of: "b.txt", limit: 10), Data())
        XCTAssertThrowsError(try zip.contents(of: "a.txt", limit: 100)) { e in
            XCTAssertTrue((e as? ZipArchive.Problem)?.text.contains("more than") ?? false, "\(e)")
        }
    }

    /// The cache overrides the committed places of its country under a name, not its countries or rivers;
    /// a --gazetteer file overrides both.
    func testCachedCountriesOverrideCommittedPlacesAndUserFilesOverrideThem() throws {
        let dir = try Fixtures.tempDir()
        let cache = GazetteerCache(directory: dir + "/gazetteers")
        let manbij = Self.row(id: 9_000_010, name: "Manbij", lat: "36.60000", lon: "38.00000", featureClass: "P")
        let syria = Self.row(id: 9_000_011, name: "Syria", lat: "35.00000", lon: "38.00000", featureClass: "P")
        let dump = try GeoNamesDump(text: Data((manbij + "\n" + syria + "\n").utf8), code: "XX", source: "test")
        try cache.install([dump])
        var g = try Gazetteer.load(shapesDirectory: Fixtures.shapes, cache: cache)
        XCTAssertEqual(g.cachedCount, 2)
        XCTAssertEqual(g.lookup("Manbij").map(\.id), ["geonames:9000010"])
        XCTAssertTrue(g.lookup("Syria").contains { $0.kind == .country }, "the committed country stays")
        XCTAssertNotNil(g.entry(id: "geonames:9000010"))
        let csv = dir + "/mine.csv"
        try "Manbij,36.7,38.1,SY,town\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try g.add(contentsOf: csv)
        XCTAssertEqual(g.lookup("Manbij").map(\.id), ["user:mine.csv:1"])
        let plain = try Gazetteer.load(shapesDirectory: Fixtures.shapes)
        XCTAssertNotEqual(plain.lookup("Manbij").map(\.id), ["geonames:9000010"])
    }

    func testUserCacheFollowsXDG() {
        XCTAssertEqual(
            GazetteerCache.user(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"])?.directory,
            "/d/frontline/gazetteers")
        XCTAssertEqual(
            GazetteerCache.user(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])?.directory,
            "/h/.local/share/frontline/gazetteers")
        XCTAssertNil(GazetteerCache.user(environment: [:]))
    }
}

/// A loopback HTTP server (Python's http.server) serving a folder on a free port, noting each request's
/// path in a log. When the folder holds `.short`, each file is sent with its whole length promised but
/// only half of it sent.
final class LoopbackServer {
    let directory: String
    let port: Int
    private let process: Process
    private var log: String { directory + "/../requests.log" }

    init(directory: String) throws {
        self.directory = directory
        let script = """
            import http.server, os, sys
            root, log = sys.argv[1], sys.argv[2]
            class Handler(http.server.SimpleHTTPRequestHandler):
                def __init__(self, *a, **k): super().__init__(*a, directory=root, **k)
                def log_message(self, *a): pass
                def do_GET(self):
                    with open(log, 'a') as f: f.write(self.path + '\\n')
                    path = os.path.join(root, self.path.lstrip('/'))
                    if not os.path.exists(os.path.join(root, '.short')) or not os.path.isfile(path):
                        return super().do_GET()
                    data = open(path, 'rb').read()
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[:len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
            server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        child.arguments = ["python3", "-u", "-c", script, directory, directory + "/../requests.log"]
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        process = child
        let reader = LineReader(fd: out.fileHandleForReading.fileDescriptor)
        guard let line = reader.next(), let number = Int(line) else {
            child.terminate()
            throw XCTSkip("python3 could not start a loopback HTTP server")
        }
        self.port = number
    }

    /// The paths requested so far.
    func requests() throws -> [String] {
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
