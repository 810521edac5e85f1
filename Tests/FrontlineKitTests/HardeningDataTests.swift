import FoundationXML
import XCTest

@testable import FrontlineKit

/// Corrupt data (issue 17, item 4) and the text and size of outputs (item 5). Each corrupt file is a
/// copy of the committed Shapes folder with one file patched: the command must fail with exit 1 and
/// one line naming the file (and the record), write nothing, and leave an earlier output intact.
final class HardeningDataTests: XCTestCase {
    var dir = ""
    let example = Fixtures.exampleArticle
    var outDir: String { dir + "/out" }
    var out: String { outDir + "/map" }
    let earlier = Data("an earlier map".utf8)

    override func setUpWithError() throws { dir = try Fixtures.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A copy of Shapes with `change` applied to it.
    func shapes(_ change: (String) throws -> Void) throws -> String {
        let s = dir + "/shapes"
        _ = try Fixtures.shapesCopy(at: s)
        try change(s)
        return s
    }

    /// The size in bytes of a committed Shapes file.
    func size(_ name: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: Fixtures.shapes + "/" + name))?[.size] as? Int ?? -1
    }

    /// Rewrites the bytes of `file` in place.
    func patch(_ file: String, _ edit: (inout [UInt8]) throws -> Void) throws {
        var b = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: file)))
        try edit(&b)
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(b)))
    }

    /// Runs the CLI with a deadline (a FIFO once hung it forever): exit code, stdout and stderr.
    func run(_ args: [String], seconds: Double = 30) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Fixtures.executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: Fixtures.packageRoot)
        var env = ProcessInfo.processInfo.environment
        env["FRONTLINE_SHAPES"] = Fixtures.shapes
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { outData = o.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { errData = e.fileHandleForReading.readDataToEndOfFile() }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            p.terminate()
            XCTFail("\(args) did not finish within \(seconds) s")
            done.wait()
        }
        readers.wait()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Renders with `extra` options and checks the refusal: exit 1, one line holding `fragment`, no file
    /// written, the earlier output intact.
    func refused(
        _ extra: [String], says fragment: String, format: String = "png,svg,pdf", file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: out + ".png", contents: earlier)
        let r = try run(["render", example, "-o", out, "--format", format] + extra)
        XCTAssertEqual(r.code, 1, r.err, file: file, line: line)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, "one line: \(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(fragment), "\(r.err) lacks \(fragment)", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: outDir), ["map.png"], "a file written", file: file,
            line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: out + ".png"), earlier, file: file, line: line)
    }

    func refused(shapes s: String, says fragment: String, line: UInt = #line) throws {
        try refused(["--shapes", s], says: fragment, line: line)
    }

    // MARK: byte helpers

    static func putBig(_ v: Int32, _ b: inout [UInt8], at i: Int) {
        let u = UInt32(bitPattern: v)
        for k in 0..<4 { b[i + k] = UInt8((u >> (24 - 8 * UInt32(k))) & 255) }
    }
    static func putLittle(_ v: UInt32, _ b: inout [UInt8], at i: Int) {
        for k in 0..<4 { b[i + k] = UInt8((v >> (8 * UInt32(k))) & 255) }
    }
    static func putDouble(_ v: Double, _ b: inout [UInt8], at i: Int) {
        let u = v.bitPattern
        for k in 0..<8 { b[i + k] = UInt8((u >> (8 * UInt64(k))) & 255) }
    }
    /// Where the first vertex of record 0 of a line or polygon .shp lies (after its record header,
    /// type, box, counts and part starts).
    static func firstVertex(_ shp: [UInt8]) -> Int {
        let parts = Int(HeaderBytes.littleInt32(shp, 100 + 8 + 36))
        return 100 + 8 + 44 + 4 * parts
    }

    // MARK: the .shx

    func testIndexOffsetIntoTheHeader() throws {
        let s = try shapes { try patch($0 + "/rivers.shx") { Self.putBig(10, &$0, at: 100) } }
        try refused(shapes: s, says: "rivers.shx: record 0: at byte 20 points into the .shp's 100-byte header")
    }
    func testIndexRecordsOverlap() throws {
        let s = try shapes { d in
            try patch(d + "/rivers.shx") { b in for k in 0..<4 { b[108 + k] = b[100 + k] } }
        }
        try refused(shapes: s, says: "rivers.shx: record 1: at byte 100 overlaps record 0")
    }
    func testIndexOffsetPastTheEnd() throws {
        // Two million 16-bit words: past the end of the file.
        let s = try shapes { try patch($0 + "/rivers.shx") { Self.putBig(2_000_000, &$0, at: 100 + 8 * 7) } }
        try refused(shapes: s, says: "rivers.shp: record 7: bytes 4000000–")
    }
    func testIndexHeaderLengthDisagrees() throws {
        let s = try shapes { try patch($0 + "/lakes.shx") { Self.putBig(1000, &$0, at: 24) } }
        try refused(shapes: s, says: "lakes.shx: the header says the file is 2000 bytes but it is \(size("lakes.shx"))")
    }
    func testIndexOfHalfARecord() throws {
        let s = try shapes { d in
            try patch(d + "/lakes.shx") { b in
                b += [0, 0, 0, 0]
                Self.putBig(Int32(b.count / 2), &b, at: 24)
            }
        }
        try refused(
            shapes: s,
            says: "lakes.shx: is \(size("lakes.shx") + 4) bytes: not a 100-byte header and 8 bytes per record")
    }
    func testIndexOfAnotherType() throws {
        let s = try shapes { try patch($0 + "/rivers.shx") { Self.putLittle(13, &$0, at: 32) } }
        try refused(shapes: s, says: "rivers.shx: says shape type 13 but rivers.shp has type 3")
    }

    // MARK: the .shp

    func testShapeType999() throws {
        let s = try shapes { try patch($0 + "/lakes.shp") { Self.putLittle(999, &$0, at: 32) } }
        try refused(shapes: s, says: "lakes.shp: not a readable shapefile (shape type 999 is not a shapefile type)")
    }
    func testShapefileLongerThanItsHeaderSays() throws {
        let s = try shapes { try patch($0 + "/rivers.shp") { $0 += [UInt8](repeating: 0, count: 8) } }
        let n = size("rivers.shp")
        try refused(shapes: s, says: "rivers.shp: the header says the file is \(n) bytes but it is \(n + 8)")
    }
    func testHeaderBoundsNaN() throws {
        let s = try shapes { try patch($0 + "/coastline.shp") { Self.putDouble(.nan, &$0, at: 36) } }
        try refused(shapes: s, says: "coastline.shp: the header's bounds")
    }
    /// Shapes with `layer`'s three files replaced by `other`'s.
    func swapped(_ layer: String, for other: String) throws -> String {
        try shapes { d in
            for ext in ["shp", "shx", "dbf"] {
                try FileManager.default.removeItem(atPath: "\(d)/\(layer).\(ext)")
                try FileManager.default.copyItem(atPath: "\(d)/\(other).\(ext)", toPath: "\(d)/\(layer).\(ext)")
            }
        }
    }
    func testLineLayerSwappedForAPolygonLayer() throws {
        try refused(
            shapes: try swapped("rivers", for: "land"),
            says: "rivers.shp: holds polygons (shape type 5) where this layer needs lines")
    }
    func testPolygonLayerSwappedForALineLayer() throws {
        try refused(
            shapes: try swapped("countries", for: "boundaries"),
            says: "countries.shp: holds lines (shape type 3) where this layer needs polygons")
    }
    func testVertexNaN() throws {
        let s = try shapes { try patch($0 + "/rivers.shp") { Self.putDouble(.nan, &$0, at: Self.firstVertex($0)) } }
        try refused(shapes: s, says: "rivers.shp: record 0 has a non-finite coordinate")
    }
    func testVertexHuge() throws {
        let s = try shapes { try patch($0 + "/rivers.shp") { Self.putDouble(1e300, &$0, at: Self.firstVertex($0)) } }
        try refused(shapes: s, says: "rivers.shp: record 0: vertex 0 (1e+300, ")
    }
    func testVertexLatitude95() throws {
        let s = try shapes { try patch($0 + "/land.shp") { Self.putDouble(95, &$0, at: Self.firstVertex($0) + 8) } }
        try refused(shapes: s, says: "land.shp: record 0: vertex 0 (")
    }
    func testRecordBoundsMinus1e300() throws {
        let s = try shapes { try patch($0 + "/countries.shp") { Self.putDouble(-1e300, &$0, at: 100 + 12) } }
        try refused(shapes: s, says: "countries.shp: record 0: its bounds are not finite")
    }
    func testRecordOfAnotherTypeThanItsFile() throws {
        let s = try shapes { try patch($0 + "/rivers.shp") { Self.putLittle(5, &$0, at: 108) } }
        try refused(shapes: s, says: "rivers.shp: record 0: shape type 5 in a file of lines")
    }

    // MARK: the .dbf

    func testTableHeaderLongerThanTheFile() throws {
        let s = try shapes { d in try patch(d + "/countries.dbf") { b in (b[8], b[9]) = (0xFF, 0xFF) } }
        try refused(
            shapes: s,
            says: "countries.dbf: its header says it is 65535 bytes long, more than the file's \(size("countries.dbf"))"
        )
    }
    func testTableRecordCountPastTheFile() throws {
        let s = try shapes { try patch($0 + "/lakes.dbf") { Self.putLittle(1_000_000, &$0, at: 4) } }
        try refused(shapes: s, says: "lakes.dbf: its header says 1000000 records of 61 bytes")
    }
    func testTableFieldsDisagreeWithTheRecordLength() throws {
        let s = try shapes { try patch($0 + "/rivers.dbf") { $0[32 + 16] &+= 3 } }
        try refused(shapes: s, says: "rivers.dbf: its fields add up to")
    }

    // MARK: empty layers

    func emptyLayer(_ name: String) throws -> String {
        try shapes { d in
            for ext in ["shp", "shx", "dbf", "cpg", "prj"] {
                try? FileManager.default.removeItem(atPath: "\(d)/\(name).\(ext)")
            }
            _ = try ShapefileWriter(path: "\(d)/\(name).shp")  // written (with no shape) when released
        }
    }
    func testEmptyLandLayer() throws {
        try refused(shapes: try emptyLayer("land"), says: "land.shp: has no shapes; the land layer must not be empty")
    }
    func testEmptyCountriesLayer() throws {
        try refused(
            shapes: try emptyLayer("countries"),
            says: "countries.shp: has no shapes; the countries layer must not be empty")
    }

    // MARK: FIFOs and devices

    func fifo(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
        XCTAssertEqual(mkfifo(path, 0o644), 0)
    }
    func testFIFOAsAShapefile() throws {
        let s = try shapes { fifo($0 + "/rivers.shp") }
        try refused(shapes: s, says: "rivers.shp: is a FIFO (named pipe), not a regular file")
    }
    func testFIFOAsAnAttributeTable() throws {
        let s = try shapes { fifo($0 + "/lakes.dbf") }
        try refused(shapes: s, says: "lakes.dbf: is a FIFO (named pipe), not a regular file")
    }
    func testFIFOAsASpatialIndex() throws {
        let s = try shapes { fifo($0 + "/countries.qix") }
        try refused(shapes: s, says: "countries.qix: is a FIFO (named pipe), not a regular file")
    }
    func testFIFOAsTheGazetteerIndex() throws {
        let s = try shapes { fifo($0 + "/gazetteer.index") }
        try refused(shapes: s, says: "gazetteer.index: is a FIFO (named pipe), not a regular file")
    }
    func testFIFOAsAUserGazetteer() throws {
        let g = dir + "/places.csv"
        fifo(g)
        try refused(["--gazetteer", g], says: "places.csv: is a FIFO (named pipe), not a regular file")
    }
    func testDeviceAsAUserGazetteer() throws {
        try refused(["--gazetteer", "/dev/zero"], says: "/dev/zero: is a character device, not a regular file")
    }

    // MARK: the gazetteer index

    /// The committed index with its lines edited (byte counts kept by the caller).
    func index(_ edit: (inout [String]) -> Void) throws -> String {
        try shapes { d in
            let text = try String(contentsOfFile: d + "/gazetteer.index", encoding: .utf8)
            var lines = text.components(separatedBy: "\n")
            edit(&lines)
            try lines.joined(separator: "\n").write(toFile: d + "/gazetteer.index", atomically: true, encoding: .utf8)
        }
    }
    func testIndexClaimingATrillionEntries() throws {
        let s = try index { $0[1] = "entries 1000000000000 bytes 9" }
        try refused(shapes: s, says: "gazetteer.index: line 2: says 1000000000000 entries of 9 bytes")
    }
    /// A broken entry line is found when a lookup first reads it (loading reads only the header): it
    /// is said in one warning naming the file and where the line starts, and left out, never drawn at 0°, 0°.
    func brokenEntry(_ edit: @escaping (String) -> String, says fragment: String, line: UInt = #line) throws {
        var start = 0  // where the edited line starts in the file
        let s = try index { lines in
            let row = lines.firstIndex { $0.hasPrefix("geonames:170063\t") }!  // Aleppo
            start = lines[..<row].reduce(0) { $0 + $1.utf8.count + 1 }
            lines[row] = edit(lines[row])
        }
        let article = dir + "/aleppo.txt"
        try "Fighting in Syria\n\nRebels shelled Aleppo and Manbij.\n".write(
            toFile: article, atomically: true, encoding: .utf8)
        let r = try run(["places", article, "--shapes", s, "--format", "json"])
        XCTAssertEqual(r.code, 0, r.err, line: line)
        let at = "the entry at byte \(start)"
        XCTAssertTrue(r.err.contains("gazetteer.index: \(at) \(fragment)"), r.err, line: line)
        XCTAssertEqual(r.err.components(separatedBy: at).count - 1, 1, "said once", line: line)
        XCTAssertTrue(r.out.contains("Manbij"), line: line)
        XCTAssertFalse(r.out.contains("\"lat\" : 0,") || r.out.contains("\"lat\": 0,"), r.out, line: line)
    }
    func testIndexEntryLatitudeOutOfRange() throws {
        try brokenEntry(
            { row in
                var cols = row.components(separatedBy: "\t")
                cols[2] = String(repeating: "9", count: cols[2].count)  // same length: the byte counts hold
                return cols.joined(separator: "\t")
            }, says: "has no finite latitude and longitude")
    }
    func testIndexEntryMissingAColumn() throws {
        try brokenEntry({ $0.replacingOccurrences(of: "\t", with: " ") }, says: "does not have the ten columns")
    }
    func testUserGazetteerLongitudeNaN() throws {
        let g = dir + "/nan.csv"
        try "name,lat,lon\nSomewhere,36.5,nan\n".write(toFile: g, atomically: true, encoding: .utf8)
        try refused(["--gazetteer", g], says: "nan.csv: line 2: latitude/longitude missing or out of range")
    }

    // MARK: errors that name the file

    func testMeasuredLineErrorsNameTheFile() throws {
        let line = MeasuredLine(
            name: "Euphrates", points: [LonLat(lon: 38, lat: 36)], source: "Shapes/rivers.shp")
        XCTAssertThrowsError(try line.project(LonLat(lon: 38, lat: 36.5))) { e in
            XCTAssertEqual("\(e)", "Shapes/rivers.shp: measure: Euphrates has fewer than two vertices")
        }
        XCTAssertThrowsError(try line.firstHit(from: LonLat(lon: 38, lat: 36.5), azimuth: 90)) { e in
            XCTAssertTrue("\(e)".hasPrefix("Shapes/rivers.shp: "), "\(e)")
        }
    }
    func testLineOfOneVertexIsRefusedOnReading() throws {
        let s = try shapes { d in
            // Record 0's second part start moved onto the next vertex leaves a part of one vertex.
            try patch(d + "/rivers.shp") { b in
                let parts = Int(HeaderBytes.littleInt32(b, 100 + 8 + 36)),
                    points = Int(HeaderBytes.littleInt32(b, 100 + 8 + 40))
                XCTAssertEqual(parts, 1)
                Self.putLittle(UInt32(points - 1), &b, at: 100 + 8 + 44)
            }
        }
        try refused(shapes: s, says: "rivers.shp: record 0: part 0 has one vertex")
    }

    // MARK: InputFile

    func testInputFileThroughASymlinkHasTheTargetsSize() throws {
        let target = dir + "/big.txt", link = dir + "/link.txt"
        try Data(repeating: 65, count: 5000).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let f = try InputFile.open(link)
        XCTAssertEqual(f.size, 5000)
        XCTAssertThrowsError(try InputFile.read(link, limit: 4000)) { e in
            XCTAssertEqual("\(e)", "\(link): is 5000 bytes, more than Frontline reads")
        }
        XCTAssertEqual(try InputFile.read(link).count, 5000)
        XCTAssertThrowsError(try InputFile.open(dir)) { XCTAssertEqual("\($0)", "\(self.dir): is a directory") }
        XCTAssertThrowsError(try InputFile.open(dir + "/none")) { XCTAssertTrue("\($0)".hasSuffix("no such file")) }
    }

    // MARK: text in outputs

    /// U+FFFF, U+FFFE, U+FDD0 and U+1FFFF (Swift's literals refuse them as escapes).
    static let nonCharacters = String(
        String.UnicodeScalarView([0xFFFF, 0xFFFE, 0xFDD0, 0x1FFFF].map { Unicode.Scalar($0)! }))

    func testSafeTextRemovesControlsAndNonCharacters() {
        XCTAssertEqual(
            SafeText.clean("A\u{0}B\u{7}C\u{1B}[31mD\u{7F}\u{85}E" + Self.nonCharacters + "F"), "ABC[31mDEF")
        XCTAssertEqual(SafeText.clean("a\tb\nc\rd"), "a b c d")
        XCTAssertEqual(SafeText.clean("a\tb\nc", keepingLineBreaks: true), "a\tb\nc")
        XCTAssertEqual(SafeText.clean("Manbij – منبج · Ψ"), "Manbij – منبج · Ψ")
    }

    /// Every format written, and the SVG well-formed XML holding none of the characters removed.
    func assertAllFormats(_ base: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for ext in ["png", "svg", "pdf"] {
            let data = FileManager.default.contents(atPath: base + "." + ext)
            XCTAssertGreaterThan(data?.count ?? 0, 1000, "\(ext) written", file: file, line: line)
        }
        let svg = try XCTUnwrap(FileManager.default.contents(atPath: base + ".svg"), file: file, line: line)
        XCTAssertNoThrow(try XMLDocument(data: svg), "the SVG parses as XML", file: file, line: line)
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 7 || $0.value == 0 || $0.value == 0xFFFF })
    }
    func testTitleWithControlsAndNonCharactersGivesEveryFormat() throws {
        var text = try String(contentsOfFile: example, encoding: .utf8)
        text = "Three\u{7} fronts" + Self.nonCharacters + " close\u{1B}[2J in" + text[text.firstIndex(of: "\n")!...]
        let article = dir + "/title.txt"
        try text.write(toFile: article, atomically: true, encoding: .utf8)
        let r = try run(["render", article, "-o", dir + "/title", "--format", "png,svg,pdf"])
        XCTAssertEqual(r.code, 0, r.err)
        try assertAllFormats(dir + "/title")
        let svg = try String(contentsOfFile: dir + "/title.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("<title>Three fronts close[2J in"), "the title kept, cleaned")
    }
    func testClaimsFileWithControlCharactersGivesEveryFormat() throws {
        var json = try Fixtures.frontline().claimsDocument(for: try Article.load(path: example)).json()
        json = json.replacingOccurrences(
            of: "\"title\" : \"Three fronts", with: "\"title\" : \"Three\\u0000 \\u0007fronts\\uffff\\u001b")
        json = json.replacingOccurrences(
            of: "\"location\" : \"Manbij\"", with: "\"location\" : \"Man\\u0008bij\\u0000\"")
        json = json.replacingOccurrences(of: "\"source\" : \"Frontline", with: "\"source\" : \"\\u0001Frontline\\u009f")
        let claims = dir + "/claims.json"
        try json.write(toFile: claims, atomically: true, encoding: .utf8)
        let r = try run(["render", claims, "-o", dir + "/claims", "--format", "png,svg,pdf"])
        XCTAssertEqual(r.code, 0, r.err)
        try assertAllFormats(dir + "/claims")
    }

    // MARK: the size of the scene

    func checksArticle(_ n: Int) -> Article {
        let towns = ["Marea", "Azaz", "Manbij", "Jarabulus", "al-Bab"]
        var text = "Many distances\n\n"
        for i in 0..<n {
            text += "Fighters reached \(towns[i % 5]), about \(10 + i % 40) km north of Aleppo, on day \(i + 1).\n\n"
        }
        return Article(name: "checks", text: text)
    }
    func testChecksUnderTheMapAreSummarisedPastTheLimit() throws {
        let f = try Fixtures.frontline()
        let a = try f.analyse(checksArticle(30))
        XCTAssertGreaterThan(a.checks.count, Limits.checksListed)
        let scene = try f.scene(for: a, request: MapRequest(width: 1600))
        let listed = scene.footerLines.filter { $0.hasPrefix("(") && $0.contains("\u{201D}: ") }
        XCTAssertEqual(listed.count, Limits.checksListed)
        XCTAssertTrue(
            scene.footerLines.contains(
                "… and \(a.checks.count - Limits.checksListed) more checks (see `frontline measure`)."),
            "\(scene.footerLines)")
        XCTAssertLessThanOrEqual(scene.height, Limits.imageSide)
    }
    func testThousandChecksStayWithinTheImageLimit() throws {
        let f = try Fixtures.frontline()
        let scene = try f.scene(for: try f.analyse(checksArticle(1000)), request: MapRequest(width: 1600))
        XCTAssertLessThanOrEqual(scene.height, Limits.imageSide)
        XCTAssertLessThan(scene.footerLines.count, 20)
    }
    func testTwelveChecksAreAllListed() throws {
        let f = try Fixtures.frontline()
        let a = try f.analyse(checksArticle(Limits.checksListed))
        let scene = try f.scene(for: a, request: MapRequest(width: 1600))
        XCTAssertFalse(scene.footerLines.contains { $0.contains("more checks") }, "\(scene.footerLines)")
    }
}
