import Foundation
import XCTest

@testable import FrontlineKit

/// Measures along rivers and borders outside the old region (issue 18, item 6), on the world basemap:
/// the committed Shapes once they are the world's, or the folder FRONTLINE_SHAPES names in a run before
/// (`FRONTLINE_SHAPES=/tmp/wshapes swift test --filter WorldMeasureTests`). On a basemap without the
/// Dnipro (the regional one) the tests are skipped, saying so.
final class WorldMeasureTests: XCTestCase {
    static let shapes: String = {
        let env = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"] ?? ""
        return env.isEmpty ? Fixtures.shapes : env
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: Frontline?

    /// The pipeline over the world basemap, loaded once; a skip on a basemap with no Dnipro.
    func world() throws -> (Frontline, DistanceChecker) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let f = try Self.loaded ?? Frontline(shapes: Self.shapes, cache: nil)
        Self.loaded = f
        let checker = DistanceChecker(basemap: f.basemap, gazetteer: f.gazetteer)
        guard try checker.riverNames().contains("Dnipro") else {
            throw XCTSkip("\(Self.shapes) is not the world basemap (no Dnipro): set FRONTLINE_SHAPES to it")
        }
        return (f, checker)
    }

    struct Reference {
        var line: String, from: String, fromID: String, to: String, toID: String
        var gmtKm: Double, lineKm: Double
    }

    /// Tests/Data/gmt-line-lengths.tsv: lengths GMT measured (scripts/gmt-line-lengths.sh; the command
    /// is in the file's header).
    static func references() throws -> [Reference] {
        let text = try String(
            contentsOfFile: Fixtures.packageRoot + "/Tests/Data/gmt-line-lengths.tsv", encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { row in
            let c = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Reference(
                line: c[0], from: c[1], fromID: "geonames:" + c[2], to: c[3], toID: "geonames:" + c[4],
                gmtKm: Double(c[5])!, lineKm: Double(c[6])!)
        }
    }

    /// Ours within 0.1% (at least 0.5 km) of GMT's figure: both sum geodesics on WGS84 over the same
    /// vertices; they differ only in how the nearest point of each town is found (GMT's is spherical).
    static func tolerance(_ km: Double) -> Double { max(0.5, km * 0.001) }

    func testAlongTheDniproAndTheNileAndTwoBordersMatchGMT() throws {
        let (f, checker) = try world()
        let refs = try Self.references()
        XCTAssertEqual(Set(refs.map(\.line)), ["Dnipro", "Nile", "RU-UA", "SD-TD"])
        // The towns GMT measured from, by their GeoNames ids (how a bare name resolves is not tested here).
        func town(_ name: String, _ id: String) throws -> ResolvedPlace {
            let e = try XCTUnwrap(
                f.gazetteer.lookup(name).first { $0.id == id }, "\(id) (\(name)) not in the gazetteer")
            return ResolvedPlace(text: name, entry: e, mentions: [], confidence: 1, why: "by its GeoNames id")
        }
        for r in refs {
            let a = try town(r.from, r.fromID), b = try town(r.to, r.toID)
            let isBorder = r.line.count == 5 && r.line.contains("-")
            let pair = isBorder ? (String(r.line.prefix(2)), String(r.line.suffix(2))) : nil
            let m = try checker.measure(from: a, to: b, alongRiver: isBorder ? nil : r.line, border: pair)
            let along = try XCTUnwrap(m.alongKm, "\(r.from)–\(r.to)")
            XCTAssertEqual(along, r.gmtKm, accuracy: Self.tolerance(r.gmtKm), "\(r.line): \(r.from)–\(r.to)")
            if isBorder {
                let line = try XCTUnwrap(try checker.border(pair!.0, pair!.1, near: [a.coordinate, b.coordinate]))
                XCTAssertLessThan(abs(line.length / 1000 - r.lineKm), Self.tolerance(r.lineKm))
            } else {
                XCTAssertEqual(m.direction, "downstream", "\(r.from) is upstream of \(r.to) on the \(r.line)")
                let line = try XCTUnwrap(try checker.river(named: r.line))
                XCTAssertEqual(line.length / 1000, r.lineKm, accuracy: Self.tolerance(r.lineKm))
                // Upstream the same length.
                let back = try checker.measure(from: b, to: a, alongRiver: r.line)
                XCTAssertEqual(back.direction, "upstream")
                XCTAssertEqual(try XCTUnwrap(back.alongKm), along, accuracy: 1e-6)
            }
        }
    }

    func testABorderPairInEitherOrderAndThePartNearThePlaces() throws {
        let (f, checker) = try world()
        let (a, b) = try f.resolvePair("Vovchansk", "Hlukhiv")
        let one = try checker.measure(from: a, to: b, border: ("UA", "RU"))
        let other = try checker.measure(from: a, to: b, border: ("RU", "UA"))
        XCTAssertEqual(one.line, "Russia–Ukraine border")
        XCTAssertEqual(other.line, one.line)
        XCTAssertEqual(try XCTUnwrap(other.alongKm), try XCTUnwrap(one.alongKm), accuracy: 1e-6)
        // Along the border is never shorter than the straight line between the two nearest points.
        XCTAssertGreaterThanOrEqual(
            one.alongKm!, one.straightKm - one.fromOffsetKm! - one.toOffsetKm!)
        // Russia–Ukraine's boundary record has two parts: the land border and a piece on the Crimean
        // isthmuses. Places on the isthmuses are measured along that piece, a few km off it, not along
        // the land border hundreds of km away.
        let (x, y) = try f.resolvePair("Armyansk", "Chonhar")
        let crimea = try checker.measure(from: x, to: y, border: ("RU", "UA"))
        XCTAssertLessThan(try XCTUnwrap(crimea.fromOffsetKm), 10)
        XCTAssertLessThan(try XCTUnwrap(crimea.toOffsetKm), 10)
        // Sudan–Chad, in both orders.
        let (g, d) = try f.resolvePair("El Geneina", "Adré")
        let sd = try checker.measure(from: g, to: d, border: ("SD", "TD"))
        let td = try checker.measure(from: g, to: d, border: ("TD", "SD"))
        XCTAssertEqual(sd.line, "Chad–Sudan border")
        XCTAssertEqual(try XCTUnwrap(sd.alongKm), try XCTUnwrap(td.alongKm), accuracy: 1e-6)
    }

    func testUnknownRiversAndBordersAreOneLineNamingWhatIsKnown() throws {
        _ = try world()
        let env = ["FRONTLINE_SHAPES": Self.shapes]
        let river = try Fixtures.run(["measure", "--from", "Kyiv", "--to", "Kherson", "--along", "Nipro"], env: env)
        XCTAssertEqual(river.code, 2, river.err)
        XCTAssertEqual(river.out, "")
        let riverLines = river.err.split(separator: "\n")
        XCTAssertEqual(riverLines.count, 1, river.err)
        XCTAssertTrue(riverLines[0].contains("no river named 'Nipro'"), river.err)
        XCTAssertTrue(riverLines[0].contains("nearest names: Dnipro"), river.err)
        let border = try Fixtures.run(["measure", "--from", "Kyiv", "--to", "Kherson", "--border", "UA-TD"], env: env)
        XCTAssertEqual(border.code, 2, border.err)
        let borderLines = border.err.split(separator: "\n")
        XCTAssertEqual(borderLines.count, 1, border.err)
        XCTAssertTrue(borderLines[0].contains("no UA-TD border in the basemap"), border.err)
        // Each country's neighbours, from the boundaries layer.
        XCTAssertTrue(borderLines[0].contains("UA borders BY, HU, MD, PL, RO, RU, SK"), border.err)
        XCTAssertTrue(borderLines[0].contains("TD borders") && borderLines[0].contains("SD"), border.err)
        let code = try Fixtures.run(["measure", "--from", "Kyiv", "--to", "Kherson", "--border", "UA-QQ"], env: env)
        XCTAssertEqual(code.code, 2)
        XCTAssertTrue(code.err.contains("QQ has no land border in the basemap"), code.err)
        // A spelling the gazetteer knows works as the basemap's name, in any case.
        let spelled = try Fixtures.run(
            ["measure", "--from", "Kyiv", "--to", "Kherson", "--along", "dnieper", "--format", "json"], env: env)
        XCTAssertEqual(spelled.code, 0, spelled.err)
        XCTAssertTrue(spelled.out.contains("\"line\" : \"Dnipro\""), spelled.out)
    }

    func testDistancesInAnArticleAlongTheDniproAndTheRussianBorder() throws {
        let (f, checker) = try world()
        let text = """
            Ukrainian forces on the Dnipro

            Ukrainian units moved 60 km down the Dnipro from Nova Kakhovka to Kherson on Tuesday.
            Shelling hit the last 50 km stretch of the Russian-Ukrainian border near Kharkiv and \
            Vovchansk, where the Siverskyi Donets crosses it.

            """
        let article = Article(name: "t", text: text)
        let places = f.places(in: article)
        // "down the Dnipro" is the river, not the city of Dnipro; a bare "Dnipro" stays the city.
        XCTAssertEqual(places.places.first { $0.text == "Dnipro" }?.entry.id, "river:dnipro")
        let bare = Article(name: "b", text: "Strikes on Ukraine\n\nMissiles hit Dnipro and Kharkiv overnight.\n")
        XCTAssertEqual(f.places(in: bare).places.first { $0.text == "Dnipro" }?.kind, .city)
        let checks = try checker.checks(article: article, places: places)
        XCTAssertEqual(checks.count, 2)
        // The river named in the phrase, though the places take "Dnipro" for the city.
        let river = checks[0]
        XCTAssertEqual(river.kind, .alongRiver)
        XCTAssertEqual(river.line, "Dnipro")
        XCTAssertEqual(river.from, "Nova Kakhovka")
        XCTAssertEqual(river.to, "Kherson")
        let (a, b) = try f.resolvePair("Nova Kakhovka", "Kherson")
        let direct = try checker.measure(from: a, to: b, alongRiver: "Dnipro")
        XCTAssertEqual(try XCTUnwrap(river.alongKm), try XCTUnwrap(direct.alongKm), accuracy: 1e-6)
        XCTAssertEqual(direct.direction, "downstream")
        XCTAssertEqual(river.verdict, .consistent, river.note)
        // Unanchored: from the Donets' crossing near Vovchansk, not from its crossing in Luhansk
        // hundreds of km east along the border.
        let border = checks[1]
        XCTAssertEqual(border.kind, .alongBorder)
        XCTAssertEqual(border.line, "Russia–Ukraine border")
        XCTAssertEqual(border.from, "the Siverskyi Donets crossing")
        XCTAssertLessThan(try XCTUnwrap(border.alongKm), 100, border.note)
        let line = try XCTUnwrap(try checker.border("RU", "UA"))
        let donets = try XCTUnwrap(try checker.river(named: "Siverskyi Donets"))
        let crossings = try checker.crossings(of: donets, with: line)
        XCTAssertGreaterThanOrEqual(crossings.count, 2, "the Donets leaves Russia and comes back")
        let vovchansk = try line.project(try f.resolvePair("Vovchansk", "Kharkiv").0.coordinate)
        let nearest = try XCTUnwrap(
            crossings.min { abs($0.chainage - vovchansk.chainage) < abs($1.chainage - vovchansk.chainage) })
        let ends = [try XCTUnwrap(border.stretch.first), try XCTUnwrap(border.stretch.last)]
        let fromCrossing = ends.map { Geodesic.wgs84.distance($0, nearest.point) }.min()!
        XCTAssertLessThan(fromCrossing, 1, "the stretch starts at the crossing nearest Vovchansk")
    }

    func testDownstreamIntoTheRiverItFlowsInto() throws {
        let (f, checker) = try world()
        // Kosti is on the White Nile, Cairo on the Nile it flows into (MOUTH_ON): the length runs down
        // the White Nile to its end, then down the Nile from where it joins.
        let (kosti, cairo) = try f.resolvePair("Kosti", "Cairo")
        let m = try checker.measure(from: kosti, to: cairo, alongRiver: "White Nile")
        XCTAssertEqual(m.line, "White Nile → Nile")
        XCTAssertEqual(m.direction, "downstream")
        let white = try XCTUnwrap(try checker.river(named: "White Nile"))
        let nile = try XCTUnwrap(try checker.river(named: "Nile"))
        let fromKosti = white.length - (try white.project(kosti.coordinate)).chainage
        let join = try nile.project(white.points[white.points.count - 1])
        let toCairo = (try nile.project(cairo.coordinate)).chainage - join.chainage
        XCTAssertLessThan(join.offset, 5_000)
        XCTAssertEqual(try XCTUnwrap(m.alongKm), (fromKosti + toCairo) / 1000, accuracy: 0.1)
        // Two places on the White Nile itself stay on it.
        let (a, b) = try f.resolvePair("Kosti", "Rabak")
        XCTAssertEqual(try checker.measure(from: a, to: b, alongRiver: "White Nile").line, "White Nile")
        // A town upstream on the river the tributary joins is not downstream of it: no chaining.
        let (kupiansk, izium) = try f.resolvePair("Kupiansk", "Izium")
        XCTAssertEqual(try checker.measure(from: kupiansk, to: izium, alongRiver: "Oskil").line, "Oskil")
        // In an article: down the Tigris from Baghdad to Basra, on the Shatt al-Arab below their meeting.
        let article = Article(
            name: "t", text: "Barges on the Tigris\n\nThe barges sailed 640 km down the Tigris from Baghdad to Basra.\n"
        )
        let check = try XCTUnwrap(try checker.checks(article: article, places: f.places(in: article)).first)
        XCTAssertEqual(check.line, "Tigris → Shatt al-Arab")
        XCTAssertEqual(check.from, "Baghdad")
        XCTAssertEqual(check.to, "Basra")
        let direct = try checker.measure(
            from: try f.resolvePair("Baghdad", "Basra").0, to: try f.resolvePair("Baghdad", "Basra").1,
            alongRiver: "Tigris")
        XCTAssertEqual(try XCTUnwrap(check.alongKm), try XCTUnwrap(direct.alongKm), accuracy: 1e-6)
        XCTAssertEqual(check.verdict, .consistent, check.note)
    }

    func testCrossingsOfARiverWithABorder() throws {
        let (_, checker) = try world()
        // The Nile crosses the Egypt–Sudan border once, in Lake Nasser, where the border leaves 22 N
        // for the Wadi Halfa salient (up to 22.23 N in Natural Earth) and the traced Nile crosses the
        // lake in long segments, no vertex near the border.
        let nile = try XCTUnwrap(try checker.river(named: "Nile"))
        let egSD = try XCTUnwrap(try checker.border("SD", "EG"))
        let nileCrossings = try checker.crossings(of: nile, with: egSD)
        XCTAssertEqual(nileCrossings.count, 1)
        let x = try XCTUnwrap(nileCrossings.first)
        XCTAssertTrue((21.99...22.23).contains(x.point.lat), "\(x.point)")
        XCTAssertTrue((31.2...31.6).contains(x.point.lon), "\(x.point)")
        XCTAssertLessThan(x.offset, 3_000)
        // The crossing lies on both lines.
        XCTAssertLessThan(try nile.project(x.point).offset, 3_000)
    }
}
