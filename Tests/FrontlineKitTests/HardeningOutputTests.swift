import XCTest

@testable import FrontlineKit

/// Where outputs go (issue 17, items 1, 2 and 6): each case asserts the exit code, one error line naming
/// the file, nothing written outside the destination, no partial or temporary file left, and an earlier
/// output intact.
final class HardeningOutputTests: XCTestCase {
    var dir = ""
    /// The folder a run writes into; it holds an earlier map that no failure may touch.
    var out: String { dir + "/out" }
    let earlier = Data("an earlier map".utf8)
    let article = Fixtures.examples + "/mosul-2016.txt"

    override func setUpWithError() throws {
        dir = try Fixtures.tempDir()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: out + "/map.png", contents: earlier)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    // MARK: helpers

    /// Every file under `dir` with its contents (symbolic links by their target).
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let fm = FileManager.default
        for rel in fm.enumerator(atPath: dir)?.allObjects as? [String] ?? [] {
            let p = dir + "/" + rel
            if let target = try? fm.destinationOfSymbolicLink(atPath: p) {
                files[rel] = Data(("-> " + target).utf8)
            } else if FileKind.of(p, following: false) == .regular {
                files[rel] = fm.contents(atPath: p) ?? Data()
            } else {
                files[rel] = Data()
            }
        }
        return files
    }

    /// Runs `script` in /bin/sh with $FRONTLINE set to the built CLI: for closed and redirected descriptors
    /// and resource limits, which `Process` cannot set up.
    func shell(
        _ script: String, env extra: [String: String] = [:], cwd: String? = nil
    ) throws -> (
        code: Int32, out: String, err: String
    ) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? dir)
        var env = ProcessInfo.processInfo.environment
        env["FRONTLINE_SHAPES"] = Fixtures.shapes
        env["FRONTLINE"] = Fixtures.executable
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        try p.run()
        let od = o.fileHandleForReading.readDataToEndOfFile(), ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self))
    }

    /// Checks a refused run: its code, one line naming `names`, and every file under `dir` as before.
    func refused(
        _ run: () throws -> (code: Int32, out: String, err: String), code: Int32, names: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = try snapshot()
        let r = try run()
        XCTAssertEqual(r.code, code, r.err, file: file, line: line)
        XCTAssertEqual(
            r.err.split(separator: "\n", omittingEmptySubsequences: false).count, 2, r.err, file: file, line: line)
        XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(names), "\(r.err) does not name \(names)", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "files changed", file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/map.png"), earlier, file: file, line: line)
    }

    func refused(
        _ args: [String], code: Int32 = 1, names: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try refused({ try Fixtures.run(args, cwd: dir) }, code: code, names: names, file: file, line: line)
    }

    /// The new files under `dir` since `before` (none of them temporary).
    func added(since before: [String: Data], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let now = try snapshot()
        let new = now.keys.filter { before[$0] == nil }.sorted()
        XCTAssertFalse(new.contains { $0.hasSuffix(".tmp") }, "\(new)", file: file, line: line)
        for (k, v) in before where k != "work/output" { XCTAssertEqual(now[k], v, k, file: file, line: line) }
        return new
    }

    /// A claims file (mosul's) whose article name is `name`, in a `work` folder that has an `output/`.
    func claimsNamed(_ name: String) throws -> String {
        let json = try Fixtures.frontline().claimsDocument(for: try Article.load(path: article)).json()
        let quoted = String(decoding: try JSONEncoder().encode(name), as: UTF8.self)
        let doc = json.replacingOccurrences(of: "\"name\" : \"mosul-2016\"", with: "\"name\" : \(quoted)")
        XCTAssertNotEqual(doc, json)
        try FileManager.default.createDirectory(atPath: dir + "/work/output", withIntermediateDirectories: true)
        let path = dir + "/work/claims.json"
        try doc.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Renders a claims file named `name` with no -o; the one file written, relative to `dir`.
    func renderClaims(named name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let claims = try claimsNamed(name)
        let before = try snapshot()
        let r = try Fixtures.run(["render", claims], cwd: dir + "/work")
        XCTAssertEqual(r.code, 0, r.err, file: file, line: line)
        let new = try added(since: before, file: file, line: line)
        XCTAssertEqual(new.count, 1, "\(new)", file: file, line: line)
        XCTAssertTrue(new.first?.hasPrefix("work/output/") ?? false, "\(new)", file: file, line: line)
        return new.first ?? ""
    }

    // MARK: names from input files

    func testClaimsNameThatClimbsOutStaysInOutput() throws {
        XCTAssertEqual(try renderClaims(named: "../../../escaped-by-name"), "work/output/escaped-by-name.png")
    }

    func testClaimsNameWithNULAndChosenPathStaysInOutput() throws {
        let victim = dir + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        let name = victim + "\u{0}../x"
        XCTAssertEqual(try renderClaims(named: name), "work/output/" + OutputPath.safeName(name) + ".png")
        XCTAssertFalse(OutputPath.safeName(name).contains("\u{0}"))
        XCTAssertEqual(FileManager.default.contents(atPath: victim), Data("keep".utf8))
    }

    func testClaimsNameWithControlCharactersIsMadeSafe() throws {
        XCTAssertEqual(try renderClaims(named: "a\nb\u{1B}[31mc\u{7F}"), "work/output/a_b_[31mc_.png")
    }

    func testEmptyOrDotClaimsNameGetsADefault() throws {
        XCTAssertEqual(try renderClaims(named: ""), "work/output/article.png")
        try FileManager.default.removeItem(atPath: dir + "/work/output/article.png")
        XCTAssertEqual(try renderClaims(named: ".."), "work/output/article.png")
    }

    func testVeryLongClaimsNameIsBounded() throws {
        let written = try renderClaims(named: String(repeating: "é", count: 5000))
        let name = (written as NSString).lastPathComponent
        XCTAssertEqual(name, String(repeating: "é", count: OutputPath.nameBytes / 2) + ".png")
    }

    func testSafeNameKeepsOrdinaryNamesAndRefusesTheRest() {
        for ok in ["manbij-marea-falluja-2016", "Al Bab (2017)", "déir ez-zor", "x.claims"] {
            XCTAssertEqual(OutputPath.safeName(ok), ok)
        }
        XCTAssertEqual(OutputPath.safeName("a/b\\c"), "a_b_c")
        XCTAssertEqual(OutputPath.safeName(".hidden"), "hidden")
        XCTAssertEqual(OutputPath.safeName("x..y"), "x.y")
        XCTAssertEqual(OutputPath.safeName("\u{0}\u{1}\n"), "article")
        XCTAssertEqual(OutputPath.safeName("bad\u{FFFF}\u{2028}"), "bad_")
        XCTAssertLessThanOrEqual(OutputPath.safeName(String(repeating: "a", count: 10_000)).utf8.count, 120)
    }

    // MARK: destinations that are not regular files

    func testDevFullIsRefusedAndNoDevFullPNG() throws {
        try refused(["render", article, "-o", "/dev/full"], names: "cannot write /dev/full: it is a device")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/dev/full.png"))
    }

    func testDevNullIsRefused() throws {
        try refused(["render", article, "-o", "/dev/null", "--format", "svg"], names: "/dev/null: it is a device")
    }

    func testRootIsRefused() throws {
        try refused(["render", article, "-o", "/"], names: "cannot write /: it names a folder")
    }

    func testEmptyOutputIsAUsageError() throws {
        try refused(["render", article, "-o", ""], code: 2, names: "the output path is empty")
    }

    func testTrailingSlashIsRefused() throws {
        try refused(["render", article, "-o", out + "/"], names: "\(out)/: it names a folder")
    }

    func testExistingFolderAsOutputIsRefused() throws {
        try refused(["render", article, "-o", out], names: "cannot write \(out): it is a directory")
    }

    func testFIFOAsOutputIsRefusedWithoutBlocking() throws {
        XCTAssertEqual(mkfifo(out + "/pipe", 0o644), 0)
        try refused(["render", article, "-o", out + "/pipe"], names: "pipe: it is a FIFO")
        XCTAssertEqual(mkfifo(out + "/pipe.html", 0o644), 0)
        try refused(["report", article, "-o", out + "/pipe.html"], names: "pipe.html: it is a FIFO")
    }

    func testSymlinkToDeviceIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: out + "/dev.png", withDestinationPath: "/dev/null")
        try refused(["render", article, "-o", out + "/dev.png"], names: "dev.png: it is a device")
    }

    /// The second format's file cannot be written: the first is not written either.
    func testAllFormatsOrNone() throws {
        try FileManager.default.createDirectory(atPath: out + "/map.svg", withIntermediateDirectories: false)
        try refused(
            ["render", article, "-o", out + "/map", "--format", "png,svg"], names: "map.svg: it is a directory")
    }

    func testMissingFolderIsRefused() throws {
        try refused(["render", article, "-o", dir + "/no/such/map"], names: "directory \(dir)/no/such does not exist")
    }

    /// A name longer than a file name may be: refused by the rename, the temporary file removed.
    func testOverlongOutputNameLeavesNoTemporaryFile() throws {
        try refused(
            ["render", article, "-o", out + "/" + String(repeating: "n", count: 300)], names: "File name too long")
    }

    /// A destination that is a link to an unrelated file: the link is replaced, the file it names is untouched.
    func testSymlinkedDestinationIsReplacedNotFollowed() throws {
        let victim = dir + "/victim.txt"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: out + "/link.png", withDestinationPath: victim)
        let r = try Fixtures.run(["render", article, "-o", out + "/link.png"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(FileManager.default.contents(atPath: victim), Data("keep".utf8))
        XCTAssertEqual(FileKind.of(out + "/link.png", following: false), .regular)
    }

    /// Temporary names are new files with 64 random bits, so nothing planted beside can be opened.
    func testTemporaryFilesAreExclusiveAndUnpredictable() throws {
        let temps = try (0..<50).map { _ in try TempFile(beside: out + "/map.png") }
        XCTAssertEqual(Set(temps.map(\.path)).count, 50)
        let pattern = try NSRegularExpression(pattern: "/\\.map\\.png\\.[0-9a-f]{16}\\.tmp$")
        for t in temps {
            XCTAssertNotNil(pattern.firstMatch(in: t.path, range: NSRange(t.path.startIndex..., in: t.path)), t.path)
        }
        temps.forEach { $0.discard() }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["map.png"])
        XCTAssertThrowsError(try OutputPath.checkDestination(out + "/a\u{0}b"))
    }

    // MARK: full disks, closed and failing descriptors

    /// `ulimit -f` makes a write fail (EFBIG) past a few KB: what a full disk does to a map.
    func testFullDiskLeavesNoPartialFile() throws {
        try refused(
            { try shell("ulimit -f 8; exec \"$FRONTLINE\" render \"$A\" -o out/map", env: ["A": article]) }, code: 1,
            names: "cannot write out/map.png: File too large")
    }

    func testFullDiskInBatchIsReportedForEveryArticle() throws {
        let before = try snapshot()
        let r = try shell("ulimit -f 8; exec \"$FRONTLINE\" batch \"$A\" -o out", env: ["A": article])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.out.contains("1 articles: 0 rendered, 1 failed"), r.out)
        XCTAssertTrue(r.out.contains("failed: cannot write out/mosul-2016.png: File too large"), r.out)
        XCTAssertEqual(try added(since: before), [])
    }

    func testPlacesClaimsMeasureToDevFullFail() throws {
        for cmd in ["places", "claims", "measure"] {
            try refused(
                { try shell("exec \"$FRONTLINE\" \(cmd) \"$A\" > /dev/full", env: ["A": article]) }, code: 1,
                names: "cannot write standard output: No space left on device")
        }
    }

    func testClosedStdoutFails() throws {
        try refused(
            { try shell("exec \"$FRONTLINE\" places \"$A\" >&-", env: ["A": article]) }, code: 1,
            names: "cannot write standard output")
        // The map itself is written whole; only the line saying so is lost, and that is an error.
        let r = try shell("exec \"$FRONTLINE\" render \"$A\" -o out/new >&-", env: ["A": article])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertEqual(r.err, "frontline: error: cannot write standard output: Bad file descriptor\n")
        XCTAssertEqual(
            FileManager.default.contents(atPath: out + "/new.png")?.prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))
    }

    /// A broken pipe is an error (EPIPE), not a silent death by SIGPIPE.
    func testBrokenPipeIsAnError() throws {
        // A FIFO opened read-write, then for writing, then its reader closed: a pipe nobody reads.
        let script = "mkfifo p; exec 4<>p; exec 5>p; exec 4<&-; rm p; exec \"$FRONTLINE\" claims \"$A\" >&5"
        try refused(
            { try shell(script, env: ["A": article]) }, code: 1, names: "cannot write standard output: Broken pipe")
    }

    func testErrorsWithStderrClosedDoNotCrash() throws {
        let cases = [
            ("render /nonexistent.txt", "1"), ("render \"$A\" --width 1", "2"), ("places \"$A\" >&-", "1"),
            ("render \"$A\" -o /dev/full", "1"),
        ]
        for (args, code) in cases {
            let r = try shell("\"$FRONTLINE\" \(args) 2>&-; echo $?", env: ["A": article])
            XCTAssertEqual(r.out, code + "\n", args)
        }
        XCTAssertEqual(try snapshot().keys.sorted(), ["out", "out/map.png"])
    }

    // MARK: gazetteer compile and basemap index

    func testGazetteerCompileDoesNotReplaceADevice() throws {
        try refused(["gazetteer", "compile", "-o", "/dev/null"], names: "cannot write /dev/null: it is a device")
        XCTAssertEqual(FileKind.of("/dev/null", following: false), .device)
        XCTAssertEqual(mkfifo(out + "/index", 0o644), 0)
        try refused(["gazetteer", "compile", "-o", out + "/index"], names: "index: it is a FIFO")
        try refused(["gazetteer", "compile", "-o", out], names: "\(out): it is a directory")
    }

    /// An index's place held by a FIFO: refused before any layer's index is written (the first layer's).
    func testBasemapIndexDoesNotReplaceAFIFO() throws {
        let shapes = out + "/shapes"
        _ = try Fixtures.shapesCopy(at: shapes)
        try? FileManager.default.removeItem(atPath: shapes + "/land.qix")
        XCTAssertEqual(mkfifo(shapes + "/land.qix", 0o644), 0)
        let r = try Fixtures.run(["basemap", "index", "--shapes", shapes], cwd: dir)
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.hasPrefix("frontline: error: ") && r.err.contains("land.qix: it is a FIFO"), r.err)
        XCTAssertEqual(r.err.filter { $0 == "\n" }.count, 1, r.err)
        XCTAssertEqual(FileKind.of(shapes + "/land.qix", following: false), .fifo)
        // Nothing written in its place or beside it (the other layers' indexes are the committed ones).
        let left = try FileManager.default.contentsOfDirectory(atPath: shapes).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(left, [])
    }

    // MARK: batch names

    func testBatchNamesNeverCollide() throws {
        let fm = FileManager.default
        for (sub, name) in [("a", "x"), ("b", "x"), ("c", "x-2")] {
            try fm.createDirectory(atPath: dir + "/in/" + sub, withIntermediateDirectories: true)
            try fm.copyItem(atPath: article, toPath: dir + "/in/\(sub)/\(name).txt")
        }
        let before = try snapshot()
        let r = try Fixtures.run(["batch", dir + "/in", "-o", out, "--width", "300"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("3 articles: 3 rendered, 0 failed"), r.out)
        XCTAssertTrue(r.out.contains("renamed: \(dir)/in/b/x.txt written as x-3.png"), r.out)
        let new = try added(since: before)
        XCTAssertEqual(
            new,
            [
                "out/x-2.claims.json", "out/x-2.png", "out/x-3.claims.json", "out/x-3.png", "out/x.claims.json",
                "out/x.png",
            ])
        XCTAssertEqual(Batch.names(["/a/x.txt", "/b/x.txt", "/c/x-2.txt"]), ["x", "x-3", "x-2"])
        XCTAssertEqual(Batch.names(["/a/X.txt", "/b/x.txt"]), ["X", "x-2"])
    }

    func testBatchFileNameWithNewlineIsMadeSafeAndSaid() throws {
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: article, toPath: dir + "/in/bad\nname\u{1B}[2J.txt")
        let before = try snapshot()
        let r = try Fixtures.run(["batch", dir + "/in", "-o", out, "--width", "300"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("renamed: \(dir)/in/bad\\nname\\u{1B}[2J.txt written as bad_name_[2J.png"), r.out)
        XCTAssertFalse(r.err.contains("\u{1B}"), r.err)
        XCTAssertEqual(try added(since: before), ["out/bad_name_[2J.claims.json", "out/bad_name_[2J.png"])
    }

    /// The claims file's place is a folder: the article fails and its map is not written either.
    func testBatchWritesMapAndClaimsFileOrNeither() throws {
        try FileManager.default.createDirectory(
            atPath: out + "/mosul-2016.claims.json", withIntermediateDirectories: false)
        let before = try snapshot()
        let r = try Fixtures.run(["batch", article, "-o", out, "--width", "300"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.out.contains("failed: cannot write \(out)/mosul-2016.claims.json: it is a directory"), r.out)
        XCTAssertEqual(try added(since: before), [])
    }

    func testBatchIntoAFileOrDeviceIsRefused() throws {
        try refused(["batch", article, "-o", out + "/map.png"], names: "map.png: output directory does not exist")
        try refused(["batch", article, "-o", ""], code: 2, names: "the output folder is empty")
    }

    // MARK: file names in messages

    func testFileNameWithNewlineIsEscapedInTheError() throws {
        try refused(["render", dir + "/a\nb.txt", "-o", out + "/m"], names: "a\\nb.txt: no such file")
    }

    func testTerminalEscapeInFileNameIsEscaped() throws {
        try refused(
            ["render", article, "-o", out + "/\u{1B}]0;title\u{7}/m"], names: "out/\\u{1B}]0;title\\u{7} does not exist"
        )
        XCTAssertEqual(Console.escaped("a\tb\r\u{9B}\u{202E}ok"), "a\\tb\\r\\u{9B}\\u{202E}ok")
    }

    func testReportImageNamesFromFileNamesAreSafe() throws {
        let odd = dir + "/odd\nname.txt"
        try FileManager.default.copyItem(atPath: article, toPath: odd)
        let before = try snapshot()
        let r = try Fixtures.run(["report", odd, "-o", out + "/r.md", "--width", "300"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(try added(since: before), ["out/r-1-odd_name.png", "out/r.md"])
    }

    // MARK: the basemap from anywhere

    func runWithoutShapes(_ exe: String, cwd: String) throws -> (code: Int32, out: String, err: String) {
        try shell(
            "unset FRONTLINE_SHAPES; PATH=\"$BIN:$PATH\" exec frontline places \"$A\"",
            env: ["BIN": (exe as NSString).deletingLastPathComponent, "A": article], cwd: cwd)
    }

    func testSymlinkOnPathFindsThePackagesShapes() throws {
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/bin/frontline", withDestinationPath: Fixtures.executable)
        let r = try runWithoutShapes(dir + "/bin/frontline", cwd: "/tmp")
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("Mosul"), r.out)
    }

    func testInstallPrefixFindsShareFrontlineShapes() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/prefix/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/prefix/share/frontline", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Fixtures.executable, toPath: dir + "/prefix/bin/frontline")
        try fm.createSymbolicLink(atPath: dir + "/prefix/share/frontline/Shapes", withDestinationPath: Fixtures.shapes)
        let r = try runWithoutShapes(dir + "/prefix/bin/frontline", cwd: "/")
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("Mosul"), r.out)
    }

    func testCopiedBinaryWithNoBasemapSaysSoInOneLine() throws {
        try FileManager.default.createDirectory(atPath: dir + "/lone", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.executable, toPath: dir + "/lone/frontline")
        try refused(
            { try runWithoutShapes(dir + "/lone/frontline", cwd: "/tmp") }, code: 1,
            names: "Shapes: basemap directory not found")
    }
}
