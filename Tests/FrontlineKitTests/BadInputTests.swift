import XCTest

@testable import FrontlineKit

/// The bad-input matrix: every case gets one clear line on stderr naming the file and what is wrong,
/// the documented exit code (2 usage, 1 bad data), no crash, and no partial output.
final class BadInputTests: XCTestCase {
    var dir = ""
    let example = Fixtures.exampleArticle

    override func setUpWithError() throws { dir = try Fixtures.tempDir() }

    func write(_ name: String, _ data: Data) -> String {
        let p = dir + "/" + name
        FileManager.default.createFile(atPath: p, contents: data)
        return p
    }
    func write(_ name: String, _ text: String) -> String { write(name, Data(text.utf8)) }

    /// Runs the CLI and checks the failure: code, one line, the message, nothing written to `out`.
    @discardableResult
    func fails(
        _ args: [String], code: Int32, says fragment: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let out = dir + "/out"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let before = try FileManager.default.contentsOfDirectory(atPath: out)
        let r = try Fixtures.run(args)
        XCTAssertEqual(r.code, code, "\(args): \(r.err)", file: file, line: line)
        let lines = r.err.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line on stderr, got: \(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(fragment), "\(r.err) lacks \(fragment)", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: out), before, "partial output", file: file, line: line)
        return r.err
    }

    var out: String { dir + "/out/map" }

    // MARK: articles

    func testMissingFile() throws {
        try fails(["render", dir + "/none.txt", "-o", out], code: 1, says: "none.txt: no such file")
    }

    /// An error found at once ends the process while PROJ is still being opened in the background:
    /// the exit must not tear libraries down under that thread (it once crashed now and then).
    func testEarlyErrorWhileLibrariesLoadExitsCleanly() throws {
        let claims = write("broken.json", "{ \"claims\": [")
        for _ in 0..<20 {
            try fails(["render", dir + "/none.txt", "-o", out], code: 1, says: "none.txt: no such file")
            try fails(["render", claims, "-o", out], code: 1, says: "not a valid claims file")
            try fails(
                ["measure", "--from", "Azaz", "--to", "Marea", "--border", "SYTR"], code: 2, says: "two country codes")
        }
    }
    func testDirectory() throws { try fails(["render", dir, "-o", out], code: 1, says: "is a directory") }
    func testEmpty() throws {
        try fails(["render", write("e.txt", ""), "-o", out], code: 1, says: "e.txt: has no article text")
    }
    func testWhitespaceOnly() throws {
        try fails(["render", write("w.txt", " \n\t\n  \n"), "-o", out], code: 1, says: "w.txt: has no article text")
    }
    func testBinaryWithNUL() throws {
        try fails(
            ["render", write("b.txt", Data([0x50, 0x4B, 3, 4, 0, 0, 9])), "-o", out], code: 1,
            says: "b.txt: contains NUL bytes")
    }
    func testInvalidUTF8() throws {
        try fails(
            ["render", write("u.txt", Data([0x54, 0x69, 0xC3, 0x28, 0xFF, 0x0A])), "-o", out], code: 1,
            says: "u.txt: is not valid UTF-8")
    }
    func testUTF16WithBOMIsRead() throws {
        let text = try String(contentsOfFile: example, encoding: .utf8)
        let p = write("le.txt", Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!)
        let r = try Fixtures.run(["places", p])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("Manbij"))
        let be = write("be.txt", Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!)
        XCTAssertEqual(try Fixtures.run(["places", be]).code, 0)
    }
    func testBrokenUTF16() throws {
        try fails(
            ["render", write("bad16.txt", Data([0xFF, 0xFE, 0x00, 0xD8, 0x41])), "-o", out], code: 1,
            says: "bad16.txt: UTF-16 text that does not decode")
    }
    func testFiftyMegabyteArticleIsRefusedBeforeReading() throws {
        let p = dir + "/big.txt"
        FileManager.default.createFile(atPath: p, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: p))
        try h.truncate(atOffset: 50 * 1_048_576)
        try h.close()
        try fails(
            ["render", p, "-o", out], code: 1, says: "big.txt: is 50 MB; the largest article Frontline reads is 16 MB")
    }
    func testTenMegabyteLine() throws {
        let p = write("line.txt", "Title\n\n" + String(repeating: "word ", count: 2_097_152))
        try fails(["render", p, "-o", out], code: 1, says: "line.txt: line 3 is 10240 KB long")
    }
    func testNoPlaces() throws {
        try fails(
            ["render", write("np.txt", "Weather\n\nIt rained all day and nobody went out.\n"), "-o", out], code: 1,
            says: "np.txt: names no place the gazetteer knows")
    }
    func testOnlyOffMapPlaces() throws {
        // A regional basemap (its land one box over the Middle East) and an article about Europe.
        let s = try brokenShapes { d in
            let fm = FileManager.default
            for f in try fm.contentsOfDirectory(atPath: d) where f.hasPrefix("land") {
                try fm.removeItem(atPath: d + "/" + f)
            }
            let w = try ShapefileWriter(path: d + "/land")
            try w.add(ring: [
                LonLat(lon: 30, lat: 26), LonLat(lon: 30, lat: 42), LonLat(lon: 52, lat: 42), LonLat(lon: 52, lat: 26),
            ])
        }
        try fails(
            [
                "render", write("eu.txt", "Summit\n\nThe leaders met in Brussels and Paris.\n"), "-o", out, "--shapes",
                s,
            ],
            code: 1, says: "eu.txt: every place it names lies outside the basemap's region: Brussels, Paris")
    }
    func testUnresolvableContentStillMapsWithAWarning() throws {
        let p = write(
            "part.txt", "Fighting in Syria\n\nRebels took the village of Qurqur Dabbash near Manbij on Monday.\n")
        let r = try Fixtures.run(["render", p, "-o", dir + "/part"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.err.contains("warning: \(p): Qurqur Dabbash: not located"), r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/part.png"))
    }

    // MARK: claims files

    func claimsJSON() throws -> String {
        try Fixtures.frontline().claimsDocument(for: try Article.load(path: example)).json()
    }
    func testClaimsSyntax() throws {
        try fails(
            ["render", write("s.json", "{\"format\": "), "-o", out], code: 1,
            says: "s.json: not a valid claims file: malformed JSON")
    }
    func testClaimsWrongType() throws {
        let p = write(
            "t.json",
            try claimsJSON().replacingOccurrences(of: "\"confidence\" : 0.8", with: "\"confidence\" : \"high\""))
        try fails(["render", p, "-o", out], code: 1, says: "t.json: not a valid claims file: wrong type")
    }
    func testClaimsUnknownActor() throws {
        try fails(
            [
                "render",
                write(
                    "a.json",
                    try claimsJSON().replacingOccurrences(of: "\"actor\" : \"isis\"", with: "\"actor\" : \"pirates\"")),
                "-o", out,
            ],
            code: 1, says: "unknown actor 'pirates'")
    }
    func testClaimsUnknownAction() throws {
        try fails(
            [
                "render",
                write(
                    "x.json",
                    try claimsJSON().replacingOccurrences(
                        of: "\"action\" : \"holds\"", with: "\"action\" : \"annexed\"")), "-o", out,
            ],
            code: 1, says: "x.json: not a valid claims file")
    }
    func testClaimsLatitude123() throws {
        let j = try claimsJSON()
        let p = write("lat.json", j.replacingOccurrences(of: "\"lat\" : 36.52815", with: "\"lat\" : 123"))
        try fails(["render", p, "-o", out], code: 1, says: "latitude/longitude out of range")
    }
    func testClaimsNaN() throws {
        try fails(
            [
                "render",
                write(
                    "nan.json", try claimsJSON().replacingOccurrences(of: "\"lat\" : 36.52815", with: "\"lat\" : NaN")),
                "-o", out,
            ],
            code: 1, says: "nan.json: not a valid claims file: malformed JSON")
    }
    func testClaimsMissingField() throws {
        try fails(
            ["render", write("m.json", "{\"format\": \"frontline-claims 1\"}"), "-o", out], code: 1,
            says: "m.json: not a valid claims file: missing field")
    }

    // MARK: options

    func testUnknownFormat() throws {
        try fails(["render", example, "--format", "tiff", "-o", out], code: 2, says: "unknown format 'tiff'")
    }
    func testBBoxMinAboveMax() throws {
        try fails(
            ["render", example, "--bbox", "40,35,38,37", "-o", out], code: 2, says: "minimum must be below its maximum")
    }
    func testBBoxOutOfRange() throws {
        try fails(["render", example, "--bbox", "36,35,200,37", "-o", out], code: 2, says: "--bbox is out of range")
    }
    func testBBoxNotNumbers() throws {
        try fails(["render", example, "--bbox", "a,b,c", "-o", out], code: 2, says: "--bbox takes four numbers")
    }
    func testZeroWidth() throws {
        try fails(
            ["render", example, "--width", "0", "-o", out], code: 2,
            says: "300–8000 px wide and 200–8000 px high (got 0xauto)")
    }
    func testNegativeHeight() throws {
        try fails(
            ["render", example, "--height=-40", "-o", out], code: 2,
            says: "300–8000 px wide and 200–8000 px high (got 1600x-40)")
    }
    func testAbsurdSize() throws {
        try fails(["render", example, "--size", "100000x100000", "-o", out], code: 2, says: "300–8000 px wide")
    }
    func testAbsurdPrintSize() throws {
        try fails(
            ["render", example, "--size", "2000mm", "--dpi", "600", "-o", out], code: 2, says: "300–8000 px wide")
    }
    func testHeightTooSmallForTheMap() throws {
        try fails(["render", example, "--height", "200", "-o", out], code: 2, says: "leaves no room for the map")
    }

    // MARK: outputs

    func testMissingOutputDirectory() throws {
        try fails(["render", example, "-o", dir + "/out/no/such/map"], code: 1, says: "does not exist")
    }
    func testUnwritableOutput() throws {
        try fails(
            ["render", example, "-o", "/proc/frontline-map"], code: 1, says: "cannot write /proc/frontline-map.png")
    }
    func testOutputIsADirectory() throws {
        try FileManager.default.createDirectory(atPath: dir + "/out/map.png", withIntermediateDirectories: true)
        try fails(["render", example, "-o", out], code: 1, says: "map.png: it is a directory")
    }
    func testEarlierOutputStaysIntactOnFailure() throws {
        let target = dir + "/keep.png"
        FileManager.default.createFile(atPath: target, contents: Data("earlier map".utf8))
        let r = try Fixtures.run(["render", example, "-o", dir + "/keep", "--shapes", dir + "/no-shapes"])
        XCTAssertEqual(r.code, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data("earlier map".utf8))
    }

    // MARK: basemap

    func brokenShapes(_ change: (String) throws -> Void) throws -> String {
        let shapes = dir + "/shapes"
        _ = try Fixtures.shapesCopy(at: shapes)
        try change(shapes)
        return shapes
    }
    func testMissingShapesFolder() throws {
        try fails(
            ["render", example, "-o", out, "--shapes", dir + "/none"], code: 1, says: "basemap directory not found")
    }
    func testMissingShapefile() throws {
        let s = try brokenShapes { try FileManager.default.removeItem(atPath: $0 + "/rivers.shp") }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "rivers.shp: shapefile not found")
    }
    func testMissingIndex() throws {
        let s = try brokenShapes { try FileManager.default.removeItem(atPath: $0 + "/lakes.shx") }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "lakes.shp: index file")
    }
    func testGarbageSpatialIndex() throws {
        let s = try brokenShapes { d in
            FileManager.default.createFile(atPath: d + "/countries.qix", contents: Data("SQX not an index at all".utf8))
        }
        try fails(
            ["render", example, "-o", out, "--shapes", s], code: 1, says: "countries.qix: not a readable spatial index")
    }
    func testTruncatedShapefile() throws {
        let s = try brokenShapes { d in
            let data = try XCTUnwrap(FileManager.default.contents(atPath: d + "/rivers.shp"))
            FileManager.default.createFile(atPath: d + "/rivers.shp", contents: data.prefix(100_000))
        }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "rivers.shp: record")
    }
    func testGarbageShapefile() throws {
        let s = try brokenShapes {
            FileManager.default.createFile(
                atPath: $0 + "/lakes.shp", contents: Data((0..<60).map { UInt8($0 * 7 % 251) }))
        }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "lakes.shp: not a readable shapefile")
    }
    func testDbfThatDisagrees() throws {
        let committed = try Basemap(directory: Fixtures.shapes)
        let s = try brokenShapes { d in
            try FileManager.default.removeItem(atPath: d + "/rivers.dbf")
            try FileManager.default.copyItem(atPath: d + "/boundaries.dbf", toPath: d + "/rivers.dbf")
        }
        try fails(
            ["render", example, "-o", out, "--shapes", s], code: 1,
            says: "rivers.dbf: has \(try committed.reader(.boundaries).count) records but the .shp has"
                + " \(try committed.reader(.rivers).count)")
    }
    func testIndexThatLiesAboutTheRecordCount() throws {
        let s = try brokenShapes { d in
            var shx = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: d + "/rivers.shx")))
            shx += [UInt8](repeating: 0x7F, count: 8 * 5)
            let words = UInt32(shx.count / 2)
            shx[24] = UInt8(words >> 24)
            shx[25] = UInt8((words >> 16) & 255)
            shx[26] = UInt8((words >> 8) & 255)
            shx[27] = UInt8(words & 255)
            FileManager.default.createFile(atPath: d + "/rivers.shx", contents: Data(shx))
        }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "rivers.")
    }
    func testHugePartCount() throws {
        let s = try brokenShapes { d in
            var shp = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: d + "/rivers.shp")))
            for k in 0..<4 { shp[100 + 8 + 4 + 32 + k] = [0xFF, 0xFF, 0xFF, 0x7F][k] }
            FileManager.default.createFile(atPath: d + "/rivers.shp", contents: Data(shp))
        }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "rivers.shp: record 0 cannot be read")
    }
    func testCorruptGazetteerIndex() throws {
        let s = try brokenShapes {
            FileManager.default.createFile(
                atPath: $0 + "/gazetteer.index", contents: Data("frontline-gazetteer-index 3\nentries 9 bytes 0\n".utf8)
            )
        }
        try fails(["render", example, "-o", out, "--shapes", s], code: 1, says: "gazetteer.index: line")
    }
    func testActorWithABadColourIsRefusedNamingTheField() throws {
        func actors(colour: String, outline: String) -> String {
            write(
                "actors.json",
                """
                {"actors": [{"id": "x", "label": "X", "colour": "\(colour)", "outline": "\(outline)", \
                "shape": "circle", "role": "combatant", "names": ["X"]}]}
                """)
        }
        try fails(
            ["render", example, "-o", out, "--actors", actors(colour: "red", outline: "#ffffff")], code: 1,
            says: "actors.json: actor 'x': colour \"red\" is not #rrggbb or #rrggbbaa")
        try fails(
            ["render", example, "-o", out, "--actors", actors(colour: "#112233", outline: "#12345")], code: 1,
            says: "actors.json: actor 'x': outline \"#12345\" is not #rrggbb or #rrggbbaa")
    }
    func testBrokenActorsFile() throws {
        try fails(
            ["render", example, "-o", out, "--actors", write("actors.json", "{\"actors\": [{\"id\": \"x\"}]}")],
            code: 1, says: "actors.json: not a valid actors file")
    }

    // MARK: gazetteer files

    func testGazetteerCSVBadLatitude() throws {
        try fails(
            ["render", example, "-o", out, "--gazetteer", write("g.csv", "name,lat,lon\nX,95,37\n")], code: 1,
            says: "g.csv: line 2: latitude/longitude missing or out of range")
    }
    func testGazetteerCSVMissingColumns() throws {
        try fails(
            ["render", example, "-o", out, "--gazetteer", write("h.csv", "Marea;36.48\n")], code: 1,
            says: "h.csv: line 1: expected name,lat,lon")
    }
    func testGazetteerCSVUnknownKind() throws {
        try fails(
            ["render", example, "-o", out, "--gazetteer", write("k.csv", "Marea,36.4,37.2,SY,castle\n")], code: 1,
            says: "k.csv: line 1: unknown kind 'castle'")
    }
    func testGeoNamesShortRow() throws {
        let row = ["1", "A", "A", "", "36", "37", "P", "PPL", "SY", "", "", "", "", "", "5", "", "", "", ""].joined(
            separator: "\t")
        try fails(
            ["render", example, "-o", out, "--gazetteer", write("SY.txt", row + "\n2\tB\tB\n")], code: 1,
            says: "SY.txt: line 2: a GeoNames row has 19 tab-separated columns")
    }
    func testGazetteerEmpty() throws {
        try fails(
            ["render", example, "-o", out, "--gazetteer", write("empty.csv", "")], code: 1,
            says: "empty.csv: gazetteer file is empty")
    }

    // MARK: other commands

    func testCompareMissingInput() throws {
        try fails(["compare", dir + "/nope.txt", "-o", out], code: 1, says: "nope.txt: no such file")
    }
    func testBatchMissingFolder() throws {
        try fails(["batch", dir + "/nowhere", "-o", dir + "/out"], code: 1, says: "nowhere: no such file or directory")
    }
    func testMeasureUnknownPlace() throws {
        try fails(["measure", "--from", "Qzxqville", "--to", "Manbij"], code: 2, says: "no place named 'Qzxqville'")
    }
}
