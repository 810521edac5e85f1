import Foundation

/// What a stated distance measures.
public enum DistanceKind: String, Sendable, Codable {
    case alongRiver, alongBorder, straight
    /// How far a side moved ("advanced 10 km"): reported, never checked as a distance between two places.
    case advance
}

public enum Verdict: String, Sendable, Codable {
    case consistent, inconsistent
    case cannotCheck = "cannot check"
}

/// One distance the article states, measured and judged.
public struct DistanceCheck: Sendable {
    public var quote: String
    public var sentence: String
    /// The sentence's index in the article, and the quote's offset in it (in characters).
    public var sentenceIndex = 0
    public var sentenceOffset = 0
    public var start: Int
    public var end: Int
    public var kind: DistanceKind
    /// The line measured along (river or border name).
    public var line: String?
    public var from: String?
    public var to: String?
    public var claimedKm: Double
    public var claimedText: String
    /// "80 km (50 mile)": the conversion given and whether it agrees (within 5%).
    public var conversion: String?
    public var conversionAgrees: Bool?
    public var alongKm: Double?
    public var straightKm: Double?
    public var differencePercent: Double?
    public var bearingWord: String?
    public var measuredBearing: Double?
    public var bearingAgrees: Bool?
    public var verdict: Verdict
    /// Why the verdict, or why it cannot be checked; how the endpoints were found.
    public var note: String
    /// The measured stretch, for the map.
    public var stretch: [LonLat] = []
    /// Where the claimed length would end, when the text gives only one end.
    public var claimedEnd: LonLat?
    public var claimedEndNear: String?
}

/// Measures the distances an article states and checks each against the basemap:
/// along a river (downstream order), along a border (selected by its two countries), or straight.
public struct DistanceChecker {
    /// The rivers and borders measured along.
    public let lines: LineGeometry
    public let gazetteer: Gazetteer
    /// Relative tolerance for "consistent" (0.10 = 10%); a round figure also gets its rounding.
    public var tolerance: Double
    let geod = Geodesic.wgs84

    /// Nearest points already found in this checker's article (a place is often tested against the
    /// same line by several phrases).
    private let memo = NearestMemo()

    func nearest(on line: MeasuredLine, to p: LonLat) throws -> LineProjection {
        let key = "\(line.name)|\(p.lon)|\(p.lat)"
        if let r = memo.found[key] { return r }
        let r = try line.project(p)
        memo.found[key] = r
        return r
    }

    public init(lines: LineGeometry, gazetteer: Gazetteer, tolerance: Double = 0.10) {
        self.lines = lines
        self.gazetteer = gazetteer
        self.tolerance = tolerance
    }

    /// A checker measuring along a basemap's rivers and boundaries layers, each read when first needed
    /// (for callers that hold a basemap; `init(lines:)` takes the geometry itself).
    public init(basemap: Basemap, gazetteer: Gazetteer, tolerance: Double = 0.10) {
        let lines = LineGeometry(
            rivers: { try basemap.records(.rivers) },
            boundaries: { try basemap.records(.boundaries) },
            border: { a, b in try basemap.records(.boundaries, where: { LineGeometry.isBorder($0, a, b) }) },
            riversSource: basemap.path(.rivers), boundariesSource: basemap.path(.boundaries))
        self.init(lines: lines, gazetteer: gazetteer, tolerance: tolerance)
    }

    // MARK: lines

    /// The named river as one line (its longest part), vertices downstream.
    public func river(named name: String) throws -> MeasuredLine? {
        let recs = try lines.rivers().filter { $0.attributes["NAME"] == name }
        guard let part = recs.first?.parts.max(by: { $0.count < $1.count }) else { return nil }
        return MeasuredLineCache.shared.line(name: name, points: part, source: lines.riversSource)
    }

    /// Builds, ahead of the checks, the rivers the article's distances run along (their chainage is
    /// the costliest part of a check, and needs only the river's name): for a caller with a core to spare
    /// while the places are resolved. Errors are left for the checks to meet and report.
    public func prepareRivers(for article: Article) {
        for phrase in article.distancePhrases {
            guard let rt = phrase.riverToken else { continue }
            let tokens = article.sentences[phrase.sentence].tokens
            for last in rt...min(rt + 3, max(phrase.lastToken, rt), tokens.count - 1) {
                let words = tokens[rt...last].map(\.text).joined(separator: " ")
                for e in gazetteer.lookup(words) where e.kind == .river { _ = try? river(named: Self.shapeName(of: e)) }
            }
        }
    }

    /// The border between two countries (ISO alpha-2, in either order): of its parts, the one nearest
    /// `places` (a border in pieces, as where a third country or a sea parts it), else the longest.
    public func border(_ a: String, _ b: String, near places: [LonLat] = []) throws -> MeasuredLine? {
        let recs = try lines.border(a, b)
        guard let part = Self.part(of: recs.flatMap(\.parts), nearest: places) else { return nil }
        let name =
            recs.first?.attributes["NAME"].map { $0.replacingOccurrences(of: "-", with: "–") + " border" }
            ?? "\(a)–\(b) border"
        return MeasuredLineCache.shared.line(name: name, points: part, source: lines.boundariesSource)
    }

    /// Where `river` crosses `border`: the point of the border nearest the river (within 3 km).
    public func crossing(of river: MeasuredLine, with border: MeasuredLine) throws -> LineProjection? {
        try crossings(of: river, with: border).min { $0.offset < $1.offset }
    }

    /// Every place where `river` crosses `border` (a river may cross one border several times, as the
    /// Siverskyi Donets crosses Russia–Ukraine's), in the river's order: for each run of river segments
    /// near the border, the border's point nearest the river there (within 3 km).
    public func crossings(of river: MeasuredLine, with border: MeasuredLine) throws -> [LineProjection] {
        // A coarse pass in degrees (scaled by the cosine of the latitude) finds the river segments that
        // meet or pass near the border's segments (a river may cross a lake in one long segment, a desert
        // border run straight); the exact nearest point is then found through PROJ for a few of each run.
        guard let box = GeoBox(covering: border.points)?.expanded(by: 0.05), river.points.count > 1 else { return [] }
        let k = cos(box.center.lat * .pi / 180), near2 = 0.05 * 0.05
        let xy = { (q: LonLat) in Point(x: q.lon * k, y: q.lat) }
        let edge = border.points.map(xy)
        // Each border segment's box in those units, widened by the distance sought.
        let boxes = (1..<max(edge.count, 1)).map { j in
            Rect(
                x: min(edge[j - 1].x, edge[j].x) - 0.05, y: min(edge[j - 1].y, edge[j].y) - 0.05,
                width: abs(edge[j].x - edge[j - 1].x) + 0.1, height: abs(edge[j].y - edge[j - 1].y) + 0.1)
        }
        var runs: [[(index: Int, d2: Double, at: Point)]] = []
        for i in 0..<(river.points.count - 1) {
            let p = river.points[i], q = river.points[i + 1]
            guard let seg = GeoBox(covering: [p, q]), seg.intersects(box) else { continue }
            let a = xy(p), b = xy(q)
            let span = Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
            var best = (d2: Double.infinity, at: a)
            for j in 1..<edge.count where boxes[j - 1].intersects(span) {
                let gap = Self.gap(a, b, edge[j - 1], edge[j])
                if gap.d2 < best.d2 { best = gap }
            }
            guard best.d2 <= near2 else { continue }
            if let last = runs.last?.last, last.index >= i - 3 {
                runs[runs.count - 1].append((i, best.d2, best.at))
            } else {
                runs.append([(i, best.d2, best.at)])
            }
        }
        var out: [LineProjection] = []
        for run in runs {
            var best: LineProjection?
            for v in run.sorted(by: { $0.d2 < $1.d2 }).prefix(5) {
                let proj = try nearest(on: border, to: LonLat(lon: v.at.x / k, lat: v.at.y))
                if proj.offset < (best?.offset ?? 3000) { best = proj }
            }
            if let best { out.append(best) }
        }
        return out
    }

    /// The squared gap between segments a–b and c–d in a plane, and the point of a–b where it is
    /// narrowest (where they cross, when they do).
    static func gap(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> (d2: Double, at: Point) {
        let r = Point(x: b.x - a.x, y: b.y - a.y), s = Point(x: d.x - c.x, y: d.y - c.y)
        let den = r.x * s.y - r.y * s.x
        if abs(den) > 1e-18 {
            let t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / den
            let u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / den
            if t >= 0, t <= 1, u >= 0, u <= 1 { return (0, Point(x: a.x + t * r.x, y: a.y + t * r.y)) }
        }
        func rel(_ o: Point, _ p: Point) -> Point { Point(x: p.x - o.x, y: p.y - o.y) }
        // Ends of a–b to c–d, and ends of c–d to a–b (the point on a–b then being the foot).
        let fromA = LocalPlane.footFromOrigin(rel(a, c), rel(a, d)).distance2
        let fromB = LocalPlane.footFromOrigin(rel(b, c), rel(b, d)).distance2
        let toC = LocalPlane.footFromOrigin(rel(c, a), rel(c, b)), toD = LocalPlane.footFromOrigin(rel(d, a), rel(d, b))
        let options = [
            (fromA, a), (fromB, b),
            (toC.distance2, Point(x: a.x + toC.t * r.x, y: a.y + toC.t * r.y)),
            (toD.distance2, Point(x: a.x + toD.t * r.x, y: a.y + toD.t * r.y)),
        ]
        let m = options.min { $0.0 < $1.0 }!
        return (m.0, m.1)
    }

    // MARK: checks

    /// Checks every distance the article states (`Article.distancePhrases`), with the places' mentions
    /// by their tokens.
    public func checks(article: Article, places: PlaceResolution) throws -> [DistanceCheck] {
        // Every mention of a resolved place, by sentence and token.
        var at: [Int: [MentionAt]] = [:]
        for p in places.places {
            for m in p.mentions where !m.metonym {
                guard let span = m.tokens else { continue }
                at[span.sentence, default: []].append((span.first, span.last, p))
            }
        }
        for k in at.keys { at[k]!.sort { $0.token < $1.token } }
        var out: [DistanceCheck] = []
        for phrase in article.distancePhrases {
            out.append(try check(phrase, article: article, places: places, at: at))
        }
        return out
    }

    func base(_ phrase: DistancePhrase, _ article: Article, kind: DistanceKind) -> DistanceCheck {
        var c = DistanceCheck(
            quote: phrase.quote, sentence: article.sentences[phrase.sentence].text, start: phrase.start,
            end: phrase.end,
            kind: kind, claimedKm: phrase.km, claimedText: Self.format(phrase.value) + " " + phrase.unit.rawValue,
            verdict: .cannotCheck, note: "")
        c.sentenceIndex = phrase.sentence
        c.sentenceOffset = phrase.start - article.sentences[phrase.sentence].start
        if let conv = phrase.conversion {
            let convKm = conv.unit == .km ? conv.value : conv.value * DistancePhrase.kmPerMile
            c.conversion = Self.format(conv.value) + " " + conv.unit.rawValue
            // Each figure is rounded: agree when within 5% or the rounding of the smaller figure.
            let allowance = max(0.05, 0.5 / min(conv.value, phrase.value))
            c.conversionAgrees = abs(convKm - phrase.km) / phrase.km <= allowance
        }
        return c
    }

    /// A mention of a resolved place: its first and last token in its sentence.
    typealias MentionAt = (token: Int, last: Int, place: ResolvedPlace)

    /// A stated distance with what checking it reads: the place mentions of every sentence (by
    /// sentence, in token order) and the article's places.
    struct PhraseContext {
        var phrase: DistancePhrase
        var article: Article
        var places: PlaceResolution
        var at: [Int: [MentionAt]]
        /// The mentions in the phrase's own sentence.
        var mentions: [MentionAt] { at[phrase.sentence] ?? [] }
        /// The mentions of point places in the phrase's sentence.
        var points: [MentionAt] { mentions.filter { $0.place.kind.isPoint } }
    }

    /// Checks one stated distance: along the river it names, along a border, or straight.
    func check(
        _ phrase: DistancePhrase, article: Article, places: PlaceResolution,
        at: [Int: [MentionAt]]
    ) throws -> DistanceCheck {
        if let why = phrase.outOfRange {
            let kind: DistanceKind =
                phrase.riverToken != nil ? .alongRiver : phrase.borderToken != nil ? .alongBorder : .straight
            var c = base(phrase, article, kind: kind)
            c.note = why
            return c
        }
        if phrase.advance {
            var c = base(phrase, article, kind: .advance)
            c.note = "an advance of \(c.claimedText), not a distance between two places: not checked"
            return c
        }
        let context = PhraseContext(phrase: phrase, article: article, places: places, at: at)
        if let rt = phrase.riverToken { return try checkAlongRiver(context, riverToken: rt) }
        if phrase.borderToken != nil { return try checkAlongBorder(context) }
        return try checkStraight(context)
    }

    /// The nearest point place named in the sentences before the phrase's (the front the text was
    /// describing), within `km` of `line` when one is given.
    func earlierPlace(_ ctx: PhraseContext, near line: MeasuredLine?, within km: Double) throws -> ResolvedPlace? {
        for si in stride(from: ctx.phrase.sentence - 1, through: 0, by: -1) {
            for m in (ctx.at[si] ?? []).reversed() where m.place.kind.isPoint {
                if let line, try nearest(on: line, to: m.place.coordinate).offset / 1000 > km { continue }
                return m.place
            }
        }
        return nil
    }

    /// "750 km down the Euphrates": the length along the river between the sentence's places ("from X"
    /// after the river's name starts the reach), or from the place the text described before; a
    /// stated direction (down, up) is checked against the river's flow.
    func checkAlongRiver(_ ctx: PhraseContext, riverToken rt: Int) throws -> DistanceCheck {
        let phrase = ctx.phrase
        var c = base(phrase, ctx.article, kind: .alongRiver)
        // The river the phrase names (its own words, even where the places took "Dnipro" for the
        // city), else the article's river for "down the river".
        let named = try riverNamed(in: ctx, at: rt)
        guard
            let riverName = named?.name
                ?? ctx.mentions.first(where: { $0.place.kind == .river && $0.token == rt })?.place.entry.name
                ?? ctx.places.places.first(where: { $0.kind == .river })?.entry.name
        else {
            c.note = "the river is not one the basemap names"
            return c
        }
        c.line = riverName
        guard let riverLine = try river(named: riverName) else {
            c.note = "\(riverName) is not in the basemap's rivers"
            return c
        }
        // "from X" after the river's name starts the reach; the other end is the sentence's place (not
        // a town the river's own name was taken for).
        let points = ctx.points.filter { !(rt...(named?.last ?? rt)).contains($0.token) }
        let fromPlace = points.first { $0.token > phrase.lastToken && $0.token <= phrase.lastToken + 2 }?.place
        let others = points.filter { $0.place.entry.id != fromPlace?.entry.id }.map(\.place)
        var start = fromPlace, end = others.first
        var how = "ends named in the sentence"
        if start == nil, let e = end {
            start = try earlierPlace(ctx, near: riverLine, within: 60)
            how =
                "start taken from the place the text described before (\(start?.text ?? "none")), "
                + "end named in the sentence"
            if start?.entry.id == e.entry.id { start = nil }
        }
        guard let s = start, let e = end else {
            c.note = "the text gives no two places to measure between"
            return c
        }
        // On into the river it flows into when an end lies there ("down the White Nile to Cairo").
        let line = try lineDownstream(riverLine, named: riverName, for: [s.coordinate, e.coordinate])
        c.line = line.name
        let ps = try nearest(on: line, to: s.coordinate), pe = try nearest(on: line, to: e.coordinate)
        c.from = s.text
        c.to = e.text
        c.alongKm = abs(pe.chainage - ps.chainage) / 1000
        c.straightKm = geod.distance(s.coordinate, e.coordinate) / 1000
        c.stretch = line.slice(from: ps.chainage, to: pe.chainage)
        var notes = [
            how,
            String(
                format: "%@ lies %.1f km from the river, %@ %.1f km",
                s.text, ps.offset / 1000, e.text, pe.offset / 1000),
        ]
        if phrase.riverDirection == .down, pe.chainage < ps.chainage {
            notes.append("the text says down the river, but \(e.text) is upstream of \(s.text)")
        }
        if phrase.riverDirection == .up, pe.chainage > ps.chainage {
            notes.append("the text says up the river, but \(e.text) is downstream of \(s.text)")
        }
        judge(&c, measured: c.alongKm!, phrase: phrase, notes: notes)
        return c
    }

    /// "the last 80 km stretch of the border": the length along the border the sentence (or the
    /// article) names, between two places on it in the sentence, or else from where a river crosses it.
    func checkAlongBorder(_ ctx: PhraseContext) throws -> DistanceCheck {
        var c = base(ctx.phrase, ctx.article, kind: .alongBorder)
        guard
            let borderPlace = ctx.mentions.first(where: { $0.place.kind == .border })?.place
                ?? ctx.places.places.first(where: { $0.kind == .border }),
            let isos = Self.countries(of: borderPlace),
            let line = try border(isos[0], isos[1], near: ctx.points.map(\.place.coordinate))
        else {
            c.note = "the text names no border the basemap has"
            return c
        }
        c.line = line.name
        // Two places on the border in the sentence anchor the stretch.
        let onBorder = try ctx.points.filter { try nearest(on: line, to: $0.place.coordinate).offset < 25_000 }
        if onBorder.count >= 2 {
            let a = try nearest(on: line, to: onBorder[0].place.coordinate)
            let b = try nearest(on: line, to: onBorder[1].place.coordinate)
            c.from = onBorder[0].place.text
            c.to = onBorder[1].place.text
            c.alongKm = abs(b.chainage - a.chainage) / 1000
            c.straightKm = geod.distance(onBorder[0].place.coordinate, onBorder[1].place.coordinate) / 1000
            c.stretch = line.slice(from: a.chainage, to: b.chainage)
            judge(&c, measured: c.alongKm!, phrase: ctx.phrase, notes: ["ends named in the sentence"])
            return c
        }
        // Unanchored ("the last 80 km stretch of the border"): from where a river the article names
        // crosses the border, along it towards the article's places near the border, to the farthest.
        for riverPlace in ctx.places.places where riverPlace.kind == .river {
            guard let r = try river(named: Self.shapeName(of: riverPlace.entry)),
                let x = try crossingNearest(of: r, with: line, places: ctx.places),
                let far = try farthestPlace(along: line, from: x, places: ctx.places)
            else { continue }
            measureFromCrossing(&c, river: riverPlace, border: line, countries: isos, crossing: x, to: far, ctx: ctx)
            return c
        }
        c.note = "the text gives no ends for this stretch and none can be found from its context"
        return c
    }

    /// Of the crossings of `river` with `line`, the one nearest (along the border) to one of the
    /// article's places near it (within 40 km); the nearest crossing to the line when there is one.
    func crossingNearest(
        of river: MeasuredLine, with line: MeasuredLine, places: PlaceResolution
    ) throws -> LineProjection? {
        let xs = try crossings(of: river, with: line)
        guard xs.count > 1 else { return xs.first }
        var along: [Double] = []
        for p in places.points where !p.approximate {
            let proj = try nearest(on: line, to: p.coordinate)
            if proj.offset < 40_000 { along.append(proj.chainage) }
        }
        guard !along.isEmpty else { return xs.min { $0.offset < $1.offset } }
        func gap(_ x: LineProjection) -> Double { along.map { abs($0 - x.chainage) }.min()! }
        return xs.min { gap($0) < gap($1) }
    }

    /// Of the article's places near the border (within 40 km, more than 5 km along it from the
    /// crossing), on the side of the crossing that has the more of them, the one farthest along it.
    func farthestPlace(
        along line: MeasuredLine, from x: LineProjection,
        places: PlaceResolution
    ) throws -> (ResolvedPlace, LineProjection)? {
        var near: [(ResolvedPlace, LineProjection)] = []
        for p in places.points where !p.approximate {
            let proj = try nearest(on: line, to: p.coordinate)
            if proj.offset < 40_000, abs(proj.chainage - x.chainage) > 5_000 { near.append((p, proj)) }
        }
        guard !near.isEmpty else { return nil }
        let before = near.filter { $0.1.chainage < x.chainage }, after = near.filter { $0.1.chainage > x.chainage }
        let side = before.count >= after.count ? before : after
        return side.max { abs($0.1.chainage - x.chainage) < abs($1.1.chainage - x.chainage) }
    }

    /// Measures a border stretch from a river's crossing to the farthest place, and says where the
    /// claimed length would end.
    func measureFromCrossing(
        _ c: inout DistanceCheck, river: ResolvedPlace, border line: MeasuredLine,
        countries isos: [String], crossing x: LineProjection,
        to far: (ResolvedPlace, LineProjection), ctx: PhraseContext
    ) {
        let phrase = ctx.phrase
        let direction = far.0.coordinate.lon < x.point.lon ? "west" : "east"
        c.from = "the \(river.entry.name) crossing"
        c.to = far.0.text
        c.alongKm = abs(far.1.chainage - x.chainage) / 1000
        c.straightKm = geod.distance(x.point, far.1.point) / 1000
        c.stretch = line.slice(from: x.chainage, to: far.1.chainage)
        let sign = far.1.chainage > x.chainage ? 1.0 : -1.0
        let end = line.point(atChainage: x.chainage + sign * phrase.km * 1000)
        c.claimedEnd = end
        c.claimedEndNear = placeNear(end, places: ctx.places, countries: isos)
        let endText = c.claimedEndNear.map { String(format: "the claimed %.0f km would end near %@", phrase.km, $0) }
        judge(
            &c, measured: c.alongKm!, phrase: phrase,
            notes: [
                "the text gives no ends: measured from where the \(river.entry.name) crosses the \(line.name) "
                    + "\(direction) to \(far.0.text), the farthest place the article names near it",
                endText ?? "",
            ].filter { !$0.isEmpty })
    }

    /// A place near the end of a claimed length: one the article names within 15 km, else the largest
    /// gazetteer place near it in the article's country of the border, else in either country.
    func placeNear(_ end: LonLat, places: PlaceResolution, countries isos: [String]) -> String? {
        let home = places.focusCountries.filter { isos.contains($0) } + isos
        let named = places.points.filter { !$0.approximate }.map { ($0, geod.distance($0.coordinate, end)) }
            .filter { $0.1 < 15_000 }.min { $0.1 < $1.1 }
        return named.map { String(format: "%@ (%.0f km away)", $0.0.text, $0.1 / 1000) }
            ?? nearestPlace(to: end, country: Array(home.prefix(1))) ?? nearestPlace(to: end, country: isos)
    }

    /// A straight distance: "X, 20 km to the northwest" of the place before it, or "… of Y"; from a
    /// river or border, to its nearest point (or due the stated direction); a stated direction is
    /// checked (within 45°).
    func checkStraight(_ ctx: PhraseContext) throws -> DistanceCheck {
        let phrase = ctx.phrase
        var c = base(phrase, ctx.article, kind: .straight)
        let ends: (subject: ResolvedPlace, anchor: ResolvedPlace, how: String)
        switch try straightEnds(ctx) {
        case .failure(let why):
            c.note = why.note
            return c
        case .success(let found): ends = found
        }
        let (subject, a) = (ends.subject, ends.anchor)
        c.from = a.kind.isPoint ? a.text : "the " + a.text
        c.to = subject.text
        var notes: [String] = ends.how.isEmpty ? [] : [ends.how]
        if a.kind.isPoint {
            let inv = geod.inverse(a.coordinate, subject.coordinate)
            c.straightKm = inv.metres / 1000
            c.stretch = [a.coordinate, subject.coordinate]
            c.measuredBearing = (inv.azimuth1 + 360).truncatingRemainder(dividingBy: 360)
        } else {
            // Distance from a river or border: to its nearest point.
            let line = a.kind == .river ? try river(named: a.entry.name) : try borderLine(for: a)
            guard let line else {
                c.note = "\(a.text) is not in the basemap"
                return c
            }
            notes.append(try measureFromLine(&c, line: line, named: a.text, to: subject, bearing: phrase.bearing))
        }
        if let b = phrase.bearing, let m = c.measuredBearing {
            c.bearingWord = phrase.bearingWord
            // Within 45°: a reporter's "south of Goma" for a town at 205° holds; only the octant's own
            // ±22.5° flagged Bukavu as the wrong direction.
            c.bearingAgrees = abs(remainder(m - b, 360)) <= 45
            notes.append(String(format: "bearing %.0f° (%@ is %.0f°)", m, phrase.bearingWord ?? "", b))
        }
        judge(&c, measured: c.straightKm!, phrase: phrase, notes: notes)
        return c
    }

    /// Why a straight distance has no two ends to measure between.
    struct NoEnds: Error { var note: String }

    /// The two ends of a straight distance: the place before the phrase, and the place after "of" (or,
    /// without one, the place named before the first, or the place the text described before), with
    /// how the second was found when not named in the sentence.
    func straightEnds(
        _ ctx: PhraseContext
    ) throws
        -> Result<(subject: ResolvedPlace, anchor: ResolvedPlace, how: String), NoEnds>
    {
        let phrase = ctx.phrase, mentions = ctx.mentions
        let before = mentions.filter {
            $0.last < phrase.firstToken
                && ($0.place.kind.isPoint || $0.place.kind == .river || $0.place.kind == .border)
        }
        var anchor: ResolvedPlace?
        if let t = phrase.anchorToken {
            anchor = mentions.first { $0.token == t || $0.token == t + 1 }?.place
        }
        guard let subject = before.last(where: { $0.place.kind.isPoint })?.place else {
            return .failure(NoEnds(note: "the text names no place this distance is from"))
        }
        var how = ""
        if anchor == nil, phrase.anchorToken == nil {
            anchor = before.filter { $0.place.entry.id != subject.entry.id && $0.place.kind.isPoint }.last?.place
            if anchor == nil, let e = try earlierPlace(ctx, near: nil, within: .infinity),
                e.entry.id != subject.entry.id
            {
                anchor = e
                how = "measured from \(e.text), the place the text described before"
            }
        }
        guard let a = anchor else {
            let note =
                phrase.anchorToken != nil
                ? "the place it is measured from is not resolved" : "the text names only one place for this distance"
            return .failure(NoEnds(note: note))
        }
        return .success((subject, a, how))
    }

    /// A straight distance from a river or border to a place: due the stated direction back to the line
    /// ("30 km west of the Euphrates"), else to the line's nearest point. Returns the note on how.
    func measureFromLine(
        _ c: inout DistanceCheck, line: MeasuredLine, named name: String, to subject: ResolvedPlace,
        bearing: Double?
    ) throws -> String {
        if let b = bearing, let hit = try line.firstHit(from: subject.coordinate, azimuth: b + 180) {
            // "30 km west of the Euphrates": from the place back east to the river.
            c.straightKm = hit.metres / 1000
            c.stretch = [hit.point, subject.coordinate]
            c.measuredBearing = b
            return String(format: "measured from %@ due %@ to the %@", subject.text, Compass.name(b + 180), name)
        }
        let proj = try nearest(on: line, to: subject.coordinate)
        let inv = geod.inverse(proj.point, subject.coordinate)
        c.straightKm = proj.offset / 1000
        c.stretch = [proj.point, subject.coordinate]
        c.measuredBearing = (inv.azimuth1 + 360).truncatingRemainder(dividingBy: 360)
        return "measured to the nearest point of the \(name)"
    }

    /// The two countries (ISO alpha-2) of a border place ("border:SY-TR").
    static func countries(of place: ResolvedPlace) -> [String]? {
        guard let isos = place.entry.id.split(separator: ":").last?.split(separator: "-").map(String.init),
            isos.count == 2
        else { return nil }
        return isos
    }

    func borderLine(for place: ResolvedPlace) throws -> MeasuredLine? {
        guard let isos = Self.countries(of: place) else { return nil }
        return try border(isos[0], isos[1])
    }

    /// Consistent within the tolerance, or within the rounding of a round figure (a multiple of 5 is
    /// taken as rounded to the nearest 5); a stated direction must also hold (within 45°).
    func judge(_ c: inout DistanceCheck, measured: Double, phrase: DistancePhrase, notes: [String]) {
        let diff = (measured - phrase.km) / phrase.km
        c.differencePercent = (diff * 1000).rounded() / 10
        let rounding = (phrase.value.truncatingRemainder(dividingBy: 5) == 0 ? 2.5 : 0.5) / phrase.value
        let allowed = max(tolerance, rounding)
        var why = notes
        // "more than 700 km" holds for anything longer; "less than 10 km" for anything shorter.
        let holds =
            phrase.bound == .atLeast
            ? diff >= -allowed : phrase.bound == .atMost ? diff <= allowed : abs(diff) <= allowed
        if phrase.bound != .about {
            why.insert(
                phrase.bound == .atLeast ? "the text gives a lower bound" : "the text gives an upper bound", at: 0)
        }
        if holds, c.bearingAgrees != false {
            c.verdict = .consistent
            why.insert(String(format: "within %.0f%% of the claim", allowed * 100), at: 0)
        } else {
            c.verdict = .inconsistent
            if !holds {
                why.insert(String(format: "%+.0f%%, beyond the %.0f%% allowed", diff * 100, allowed * 100), at: 0)
            }
            if c.bearingAgrees == false { why.insert("the direction does not hold", at: 0) }
        }
        if c.conversionAgrees == false {
            why.append("the conversion \(c.conversion ?? "") does not match \(c.claimedText)")
        }
        c.note = why.joined(separator: "; ")
    }

    /// The largest gazetteer place within 15 km of `p` in one of `countries`.
    func nearestPlace(to p: LonLat, country: [String]) -> String? {
        let box = GeoBox(minLon: p.lon - 0.2, minLat: p.lat - 0.15, maxLon: p.lon + 0.2, maxLat: p.lat + 0.15)
        let found = gazetteer.entries(in: box).filter {
            $0.kind.isPoint && country.contains($0.country) && $0.population >= 1000
        }
        .map { ($0, geod.distance($0.coordinate, p)) }.filter { $0.1 < 15_000 }
        guard let best = found.min(by: { $0.1 < $1.1 }) else { return nil }
        return String(format: "%@ (%@, %.0f km away)", best.0.name, best.0.country, best.1 / 1000)
    }

    static func format(_ v: Double) -> String { Figures.text(v) }
}

/// The nearest-point answers of one checker (used by one thread at a time, as a checker is).
final class NearestMemo: @unchecked Sendable {
    var found: [String: LineProjection] = [:]
}
