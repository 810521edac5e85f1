import Foundation

/// A measurement between two places asked for directly (`frontline measure --from --to`).
public struct AdHocMeasure: Sendable, Codable {
    public var from: String
    public var to: String
    public var fromLat: Double, fromLon: Double, toLat: Double, toLon: Double
    public var straightKm: Double
    public var bearing: Double
    public var compass: String
    public var line: String?
    public var alongKm: Double?
    public var fromOffsetKm: Double?
    public var toOffsetKm: Double?
    /// For rivers: "downstream" when `to` lies downstream of `from`.
    public var direction: String?
}

public enum Compass {
    /// The points in order from north, clockwise, evenly spaced (eight in the committed file).
    static let points = WordLists.shared.list("compass points")
    /// The nearest of the compass points to a bearing.
    public static func name(_ bearing: Double) -> String {
        guard bearing.isFinite else { return "?" }  // never converted to an index when not a number
        let b = (bearing.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        let step = 360 / Double(points.count)
        return points[Int((b + step / 2) / step) % points.count]
    }
}

extension DistanceChecker {
    /// Straight, and along a river or a border when asked.
    public func measure(
        from a: ResolvedPlace, to b: ResolvedPlace, alongRiver: String? = nil, border: (String, String)? = nil
    ) throws -> AdHocMeasure {
        let inv = geod.inverse(a.coordinate, b.coordinate)
        let bearing = (inv.azimuth1 + 360).truncatingRemainder(dividingBy: 360)
        var m = AdHocMeasure(
            from: a.text, to: b.text, fromLat: a.coordinate.lat, fromLon: a.coordinate.lon,
            toLat: b.coordinate.lat, toLon: b.coordinate.lon, straightKm: inv.metres / 1000,
            bearing: bearing, compass: Compass.name(bearing))
        var line: MeasuredLine?
        if let r = alongRiver {
            guard let name = try riverName(for: r), let l = try river(named: name) else {
                throw FrontlineError.usage(try unknownRiver(r))
            }
            line = try lineDownstream(l, named: name, for: [a.coordinate, b.coordinate])
        } else if let (x, y) = border {
            guard let l = try self.border(x, y, near: [a.coordinate, b.coordinate]) else {
                throw FrontlineError.usage(try unknownBorder(x, y))
            }
            line = l
        }
        if let line {
            let pa = try line.project(a.coordinate), pb = try line.project(b.coordinate)
            m.line = line.name
            m.alongKm = abs(pb.chainage - pa.chainage) / 1000
            m.fromOffsetKm = pa.offset / 1000
            m.toOffsetKm = pb.offset / 1000
            if alongRiver != nil { m.direction = pb.chainage >= pa.chainage ? "downstream" : "upstream" }
        }
        return m
    }
}

/// The distance checks of an article as the `measure` command prints them.
public struct MeasureReport {
    public let article: Article
    public let checks: [DistanceCheck]

    public init(article: Article, checks: [DistanceCheck]) {
        self.article = article
        self.checks = checks
    }

    struct Row: Codable {
        var quote: String
        /// The sentence, or an excerpt of a long one (`Excerpts`), and its index in the article.
        var sentence: String
        var sentenceIndex: Int
        var start: Int
        var end: Int
        var kind: String
        var line: String?
        var from: String?
        var to: String?
        var claimedKm: Double
        var claimed: String
        var conversion: String?
        var conversionAgrees: Bool?
        var measuredAlongKm: Double?
        var measuredStraightKm: Double?
        var differencePercent: Double?
        var bearing: String?
        var measuredBearing: Double?
        var bearingAgrees: Bool?
        var verdict: String
        var note: String
        var claimedEndNear: String?
    }

    static func r1(_ v: Double?) -> Double? { v.map { ($0 * 10).rounded() / 10 } }

    var rows: [Row] {
        let excerpts = Excerpts()
        return checks.map { c in
            Row(
                quote: c.quote, sentence: excerpts.excerpt(of: c.sentence, key: c.sentenceIndex, at: c.sentenceOffset),
                sentenceIndex: c.sentenceIndex, start: c.start, end: c.end, kind: c.kind.rawValue, line: c.line,
                from: c.from, to: c.to,
                claimedKm: (c.claimedKm * 10).rounded() / 10, claimed: c.claimedText, conversion: c.conversion,
                conversionAgrees: c.conversionAgrees,
                measuredAlongKm: Self.r1(c.alongKm), measuredStraightKm: Self.r1(c.straightKm),
                differencePercent: c.differencePercent,
                bearing: c.bearingWord, measuredBearing: Self.r1(c.measuredBearing), bearingAgrees: c.bearingAgrees,
                verdict: c.verdict.rawValue, note: c.note, claimedEndNear: c.claimedEndNear)
        }
    }

    public func json() throws -> String {
        struct Doc: Codable {
            var article: String
            var title: String
            var claims: [Row]
        }
        return String(
            decoding: try PlacesReport.encoder().encode(Doc(article: article.name, title: article.title, claims: rows)),
            as: UTF8.self)
    }

    public func table() -> String {
        var lines: [String] = []
        for (i, c) in checks.enumerated() {
            let along = c.alongKm.map { String(format: "%.0f km along", $0) }
            let straight = c.straightKm.map { String(format: "%.0f km straight", $0) }
            let measured = [along, straight].compactMap { $0 }.joined(separator: ", ")
            let diff = c.differencePercent.map { String(format: " (%+.0f%%)", $0) } ?? ""
            lines.append("\(i + 1). \"\(c.quote)\" [\(c.kind.rawValue)\(c.line.map { ", " + $0 } ?? "")]")
            let conversion = c.conversion.map { " (\($0))" } ?? ""
            lines.append(
                "   from \(c.from ?? "?") to \(c.to ?? "?"): claimed \(c.claimedText)\(conversion), "
                    + "measured \(measured.isEmpty ? "—" : measured)\(diff)")
            lines.append("   \(c.verdict.rawValue.uppercased()): \(c.note)")
        }
        return lines.isEmpty ? "no distances stated in \(article.name)" : lines.joined(separator: "\n")
    }
}
