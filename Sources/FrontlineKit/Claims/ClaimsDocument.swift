import Foundation

/// The claims of an article as a file: what `frontline claims --format json` writes and `render` reads.
/// Fields follow ACLED where they overlap (date, actor, action, location, lat, lon, geo_precision,
/// source, notes) so records can be exchanged; reading and writing it back gives the same bytes.
public struct ClaimsDocument: Codable, Sendable, Equatable {
    public static let formatName = "frontline-claims 1"

    public struct ArticleInfo: Codable, Sendable, Equatable {
        public var name: String
        public var title: String
        public var date: String?
        public var source: String?
    }
    public struct Place: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public var name: String
        public var lat: Double
        public var lon: Double
        public var country: String
        public var kind: String
        public var geo_precision: Int
        public var why: String?
    }
    public struct Claim: Codable, Sendable, Equatable {
        public var id: Int
        public var date: String?
        public var time: String?
        public var actor: String
        public var actor_label: String
        public var action: ControlAction
        public var phase: Phase
        public var place: String
        public var location: String
        /// Absent for a claim about a place not located (`place` then starts with "unlocated:").
        public var lat: Double?
        public var lon: Double?
        /// ACLED's 1–3; 0 for a place not located.
        public var geo_precision: Int
        public var source: String
        public var attribution: String?
        public var evidence: Evidence
        public var confidence: Double
        public var inferred: Bool
        public var notes: String?
    }

    public var format: String
    public var article: ArticleInfo
    public var focusCountries: [String]
    public var places: [Place]
    public var claims: [Claim]
    /// Derived from the claims (recomputed when the file is read).
    public var states: [PlaceState]

    public init(article: Article, places: PlaceResolution, claims: [ControlClaim], actors: ActorCatalog) {
        format = Self.formatName
        self.article = ArticleInfo(name: article.name, title: article.title, date: article.date, source: article.source)
        focusCountries = places.focusCountries
        self.places = places.places.map {
            Place(
                id: $0.entry.id, text: $0.text, name: $0.name, lat: Self.round($0.coordinate.lat),
                lon: Self.round($0.coordinate.lon),
                country: $0.entry.country, kind: $0.kind.rawValue, geo_precision: $0.precision, why: $0.why)
        }
        let byID = Dictionary(places.places.map { ($0.entry.id, $0) }, uniquingKeysWith: { a, _ in a })
        let excerpts = Excerpts()
        self.claims = claims.map { c in
            var evidence = c.evidence  // a long sentence as its first characters
            evidence.sentence = excerpts.excerpt(of: evidence.sentence, key: evidence.start, at: 0)
            let p = byID[c.placeID]
            let located = p != nil
            return Claim(
                id: c.id, date: article.date, time: c.time, actor: c.actor,
                actor_label: actors.label(of: c.actor),
                action: c.action, phase: c.phase, place: c.placeID, location: c.location,
                lat: p.map { Self.round($0.coordinate.lat) }, lon: p.map { Self.round($0.coordinate.lon) },
                geo_precision: !located ? 0 : c.near ? 2 : (p?.precision ?? 1), source: article.source ?? article.name,
                attribution: c.attribution, evidence: evidence, confidence: (c.confidence * 100).rounded() / 100,
                inferred: c.inferred,
                notes: located ? c.notes ?? (c.near ? "near the place named" : nil) : "not located")
        }
        states = []
        states = ControlStates.compute(controlClaims, actors: actors)
    }

    static func round(_ v: Double) -> Double { (v * 1e5).rounded() / 1e5 }

    /// The claims as the pipeline uses them.
    public var controlClaims: [ControlClaim] {
        claims.map {
            ControlClaim(
                id: $0.id, actor: $0.actor, action: $0.action, placeID: $0.place, location: $0.location,
                phase: $0.phase,
                time: $0.time, attribution: $0.attribution, evidence: $0.evidence, confidence: $0.confidence,
                near: $0.geo_precision == 2 && ($0.notes?.hasPrefix("near") ?? false), inferred: $0.inferred,
                notes: $0.notes)
        }
    }

    public func json() throws -> String {
        String(decoding: try PlacesReport.encoder().encode(self), as: UTF8.self)
    }

    /// Reads and checks a claims file: JSON syntax, types, known actors and actions, coordinates in range.
    public static func read(path: String, actors: ActorCatalog) throws -> ClaimsDocument {
        let data = try InputFile.read(path, limit: Limits.jsonBytes)
        return try decode(data, file: path, actors: actors)
    }

    /// A claims document from bytes; errors name `file`.
    public static func decode(_ data: Data, file path: String, actors: ActorCatalog) throws -> ClaimsDocument {
        var doc: ClaimsDocument
        do { doc = try JSONDecoder().decode(ClaimsDocument.self, from: data) } catch {
            throw FrontlineError.badInput(file: path, reason: "not a valid claims file: \(JSONErrors.describe(error))")
        }
        guard doc.format == formatName else {
            throw FrontlineError.badInput(file: path, reason: "format is '\(doc.format)', expected '\(formatName)'")
        }
        for p in doc.places {
            guard p.lat.isFinite, p.lon.isFinite, (-90...90).contains(p.lat), (-180...180).contains(p.lon) else {
                throw FrontlineError.badInput(file: path, reason: "place '\(p.text)': latitude/longitude out of range")
            }
            guard PlaceKind(rawValue: p.kind) != nil else {
                throw FrontlineError.badInput(file: path, reason: "place '\(p.text)': unknown kind '\(p.kind)'")
            }
        }
        for c in doc.claims {
            guard actors.actor(id: c.actor) != nil || ActorCatalog.isUnlisted(c.actor) else {
                throw FrontlineError.badInput(
                    file: path, reason: "claim \(c.id): unknown actor '\(c.actor)' (add it with --actors FILE)")
            }
            let unlocated = ControlClaim.isUnlocated(c.place)
            guard unlocated || doc.places.contains(where: { $0.id == c.place }) else {
                throw FrontlineError.badInput(
                    file: path, reason: "claim \(c.id): place '\(c.place)' is not among the file's places")
            }
            guard unlocated ? c.geo_precision == 0 : (1...3).contains(c.geo_precision), c.confidence.isFinite,
                (0...1).contains(c.confidence)
            else {
                throw FrontlineError.badInput(
                    file: path,
                    reason: "claim \(c.id): geo_precision must be 1–3 (0 for a place not located) and confidence 0–1")
            }
            guard c.evidence.start >= 0, c.evidence.start <= c.evidence.end else {
                throw FrontlineError.badInput(
                    file: path, reason: "claim \(c.id): evidence offsets must be 0 ≤ start ≤ end")
            }
        }
        doc.states = ControlStates.compute(doc.controlClaims, actors: actors)
        return doc
    }

    /// The places as a resolution, for drawing.
    public var resolution: PlaceResolution {
        PlaceResolution(
            places: places.map { p in
                let entry = GazetteerEntry(
                    id: p.id, name: p.name, coordinate: LonLat(lon: p.lon, lat: p.lat), country: p.country,
                    kind: PlaceKind(rawValue: p.kind) ?? .village, source: "claims file")
                return ResolvedPlace(
                    text: p.text, entry: entry,
                    mentions: claims.filter { $0.place == p.id }.map {
                        PlaceMention(start: $0.evidence.start, end: $0.evidence.end, sentence: $0.evidence.sentence)
                    }, confidence: 1, why: p.why ?? "", approximate: p.geo_precision == 2)
            }, unresolved: [], metonyms: [], focusCountries: focusCountries)
    }

    public var articleStub: Article {
        var a = Article(name: article.name, text: article.title + "\n")
        a.title = article.title
        a.date = article.date
        a.source = article.source
        return a
    }
}
