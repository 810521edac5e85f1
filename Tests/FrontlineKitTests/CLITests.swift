import XCTest

@testable import FrontlineKit

final class CLITests: XCTestCase {
    func testRenderWritesEachFormat() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run([
            "render", Fixtures.exampleArticle, "-o", dir + "/ex", "--format", "png,svg,pdf", "--width", "700",
        ])
        XCTAssertEqual(r.code, 0, r.err)
        for ext in ["png", "svg", "pdf"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/ex." + ext), ext)
        }
        let png = try RasterImage(pngFile: dir + "/ex.png")
        XCTAssertEqual(png.width, 700)
    }

    func testSeedArticleRendersThreeFiles() throws {
        _ = try Fixtures.seed()
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", Fixtures.seedArticle, "-o", dir + "/seed", "--format", "png,svg,pdf"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["seed.pdf", "seed.png", "seed.svg"])
    }

    func testMissingArticleIsAClearErrorWithExitCode1() throws {
        let r = try Fixtures.run(["render", "/nonexistent/article.txt"])
        XCTAssertEqual(r.code, 1)
        XCTAssertEqual(r.err, "frontline: error: /nonexistent/article.txt: no such file\n")
    }

    func testDirectoryAsArticleIsRefused() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", dir])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("\(dir): is a directory"), r.err)
    }

    func testUnknownFormatAndBadSizesAreUsageErrors() throws {
        for args in [["--format", "gif"], ["--width", "0"], ["--width", "-5"], ["--height", "99999"]] {
            let r = try Fixtures.run(["render", Fixtures.exampleArticle] + args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err)
        }
    }

    func testEverySizeOptionIsRefusedOutsideTheLimitsInOneMessage() throws {
        let dir = try Fixtures.tempDir()
        let article = Fixtures.exampleArticle
        let (w, h, cw) = (Limits.mapWidth, Limits.mapHeight, Limits.comparisonWidth)
        func between(_ r: ClosedRange<Int>, got: Int, _ option: String = "--width") -> String {
            "frontline: error: \(option) must be between \(r.lowerBound) and \(r.upperBound) (got \(got))"
        }
        let cases: [([String], String)] = [
            (["batch", article, "-o", dir, "--width", "\(w.lowerBound - 1)"], between(w, got: w.lowerBound - 1)),
            (["batch", article, "-o", dir, "--width", "\(w.upperBound + 1)"], between(w, got: w.upperBound + 1)),
            (
                ["report", article, "-o", dir + "/r.md", "--width", "\(w.upperBound + 1)"],
                between(w, got: w.upperBound + 1)
            ),
            (
                ["compare", article, "-o", dir + "/c", "--width", "\(cw.lowerBound - 1)"],
                between(cw, got: cw.lowerBound - 1)
            ),
            (
                ["compare", article, "-o", dir + "/c", "--width", "\(cw.upperBound + 1)"],
                between(cw, got: cw.upperBound + 1)
            ),
            // With --size the figure is checked first, then --width and --height themselves.
            (
                ["render", article, "-o", dir + "/m", "--size", "1200x800", "--width", "\(w.lowerBound - 1)"],
                between(w, got: w.lowerBound - 1)
            ),
            (
                ["render", article, "-o", dir + "/m", "--size", "1200x800", "--height", "\(h.upperBound + 1)"],
                between(h, got: h.upperBound + 1, "--height")
            ),
            (
                ["render", article, "-o", dir + "/m", "--width", "\(w.upperBound + 1)"],
                "frontline: error: the figure must be \(Limits.span(w)) px wide and \(Limits.span(h)) px high "
                    + "(got \(w.upperBound + 1)xauto)"
            ),
            (
                ["render", article, "-o", dir + "/m", "--size", "85mm", "--dpi", "\(Limits.dpi.upperBound + 1)"],
                "frontline: error: --dpi must be between 72 and 1200 (got 1201.0)"
            ),
        ]
        for (args, message) in cases {
            let r = try Fixtures.run(args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").first.map(String.init), message, "\(args)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "nothing written")
        // The help texts give the same ranges.
        let help = try Fixtures.run(["compare", "--help"]).out
        XCTAssertTrue(help.contains("Width in pixels, \(Limits.span(cw))"), help)
    }

    func testMissingOutputDirectoryIsReportedAndNothingIsWritten() throws {
        let dir = try Fixtures.tempDir()
        let r = try Fixtures.run(["render", Fixtures.exampleArticle, "-o", dir + "/nope/map"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("directory \(dir)/nope does not exist"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    func testEmptyArticleIsRefused() throws {
        let dir = try Fixtures.tempDir()
        FileManager.default.createFile(atPath: dir + "/empty.txt", contents: Data("  \n\n ".utf8))
        let r = try Fixtures.run(["render", dir + "/empty.txt"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("empty.txt: has no article text"), r.err)
    }
}

final class PlacesCommandTests: XCTestCase {
    func testPlacesJSONHasEveryField() throws {
        let r = try Fixtures.run(["places", Fixtures.exampleArticle, "--format", "json"])
        XCTAssertEqual(r.code, 0, r.err)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let places = try XCTUnwrap(doc["places"] as? [[String: Any]])
        let manbij = try XCTUnwrap(places.first { $0["text"] as? String == "Manbij" })
        for key in ["text", "name", "lat", "lon", "country", "kind", "source", "mentions", "confidence", "why"] {
            XCTAssertNotNil(manbij[key], key)
        }
        XCTAssertEqual(manbij["source"] as? String, "geonames:167357")
        let mention = try XCTUnwrap((manbij["mentions"] as? [[String: Any]])?.first)
        let start = try XCTUnwrap(mention["start"] as? Int), end = try XCTUnwrap(mention["end"] as? Int)
        let text = Array(try String(contentsOfFile: Fixtures.exampleArticle, encoding: .utf8))
        XCTAssertEqual(String(text[start..<end]), "Manbij")
        XCTAssertNotNil(doc["unresolved"] as? [Any])
        XCTAssertNotNil(doc["offMap"] as? [Any])
        let kafr = try XCTUnwrap(places.first { $0["text"] as? String == "Kafr Kalbin" })
        XCTAssertEqual(kafr["approximate"] as? Bool, true)
        XCTAssertEqual(kafr["geoPrecision"] as? Int, 2)
    }

    func testPlacesGeoJSONIsAFeatureCollectionInLonLatOrder() throws {
        let r = try Fixtures.run(["places", Fixtures.exampleArticle, "--format", "geojson"])
        XCTAssertEqual(r.code, 0, r.err)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        XCTAssertEqual(doc["type"] as? String, "FeatureCollection")
        let features = try XCTUnwrap(doc["features"] as? [[String: Any]])
        let manbij = try XCTUnwrap(
            features.first { ($0["properties"] as? [String: Any])?["text"] as? String == "Manbij" })
        let coords = try XCTUnwrap((manbij["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        XCTAssertEqual(coords[0], 37.95495, accuracy: 1e-4)
        XCTAssertEqual(coords[1], 36.52815, accuracy: 1e-4)
    }

    func testPlacesTableAndUserGazetteer() throws {
        let dir = try Fixtures.tempDir()
        try "name,lat,lon,country,kind\nKafr Kalbin,36.548,37.133,SY,village\n".write(
            toFile: dir + "/v.csv", atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["places", Fixtures.exampleArticle, "--gazetteer", dir + "/v.csv"])
        XCTAssertEqual(r.code, 0, r.err)
        let line = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("Kafr Kalbin") })
        XCTAssertTrue(line.contains("36.5480") && line.contains("user:v.csv:2"), String(line))
        let bad = try Fixtures.run(["places", Fixtures.exampleArticle, "--gazetteer", dir + "/missing.csv"])
        XCTAssertEqual(bad.code, 1)
        XCTAssertEqual(bad.err, "frontline: error: \(dir)/missing.csv: gazetteer file not found\n")
    }
}

final class MeasureCommandTests: XCTestCase {
    func testMeasureArticleTableAndJSON() throws {
        let t = try Fixtures.run(["measure", Fixtures.exampleArticle])
        XCTAssertEqual(t.code, 0, t.err)
        XCTAssertTrue(t.out.contains("\"60 km west of Baghdad\" [straight]"), t.out)
        XCTAssertTrue(t.out.contains("CONSISTENT"), t.out)
        let j = try Fixtures.run(["measure", Fixtures.exampleArticle, "--format", "json"])
        XCTAssertEqual(j.code, 0, j.err)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])
        let claims = try XCTUnwrap(doc["claims"] as? [[String: Any]])
        XCTAssertEqual(claims.count, 4)
        for key in ["quote", "kind", "from", "to", "claimedKm", "measuredStraightKm", "differencePercent", "verdict"] {
            XCTAssertNotNil(claims[3][key], key)
        }
        XCTAssertEqual(claims[2]["kind"] as? String, "alongRiver")
        XCTAssertNotNil(claims[2]["measuredAlongKm"])
    }

    func testMeasureBetweenPlaces() throws {
        let r = try Fixtures.run(["measure", "--from", "Jarabulus", "--to", "Falluja", "--along", "Euphrates"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("along the Euphrates:") && r.out.contains("downstream"), r.out)
        let b = try Fixtures.run([
            "measure", "--from", "Azaz", "--to", "Jarabulus", "--border", "SY-TR", "--format", "json",
        ])
        XCTAssertEqual(b.code, 0, b.err)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(b.out.utf8)) as? [String: Any])
        XCTAssertEqual(doc["line"] as? String, "Syria–Turkey border")
        XCTAssertGreaterThan(doc["alongKm"] as? Double ?? 0, doc["straightKm"] as? Double ?? .infinity)
    }

    func testMeasureUsageErrors() throws {
        for args in [
            ["measure"], ["measure", "--from", "Azaz"],
            ["measure", "--from", "Azaz", "--to", "Marea", "--border", "SYTR"],
            ["measure", "--from", "Azaz", "--to", "Marea", "--along", "Qzxq"],
            ["measure", Fixtures.exampleArticle, "--from", "Azaz"],
        ] {
            let r = try Fixtures.run(args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("frontline: error: "), r.err)
        }
    }
}

final class HelpTests: XCTestCase {
    func testEverySubcommandHelpHasAnExample() throws {
        for sub in ["render", "places", "claims", "measure", "compare", "report", "batch"] {
            let r = try Fixtures.run([sub, "--help"])
            XCTAssertEqual(r.code, 0, sub)
            XCTAssertTrue(r.out.contains("frontline \(sub) "), "\(sub) --help has no worked example")
        }
    }

    func testCommittedCompletionsAreCurrent() throws {
        for sh in ["bash", "zsh", "fish"] {
            let r = try Fixtures.run(["--generate-completion-script", sh])
            XCTAssertEqual(r.code, 0)
            let committed = try String(
                contentsOfFile: Fixtures.packageRoot + "/completions/frontline.\(sh)", encoding: .utf8)
            XCTAssertEqual(r.out, committed, "completions/frontline.\(sh) is stale: run scripts/gallery.sh")
        }
    }
}
