import Foundation

/// Everything read from one article, or from one claims file: built once, by `Frontline.analyse`
/// or `Analysis(document:)`, and handed unchanged to every command that draws or reports it.
public struct Analysis: Sendable {
    public var article: Article
    public var places: PlaceResolution
    /// The distances the text asserts, checked (none for a claims file: it keeps no sentences to measure).
    public var checks: [DistanceCheck]
    public var claims: [ControlClaim]
    /// Each place's state before and after the article's events, derived from the claims.
    public var states: [PlaceState]

    public init(
        article: Article, places: PlaceResolution, checks: [DistanceCheck], claims: [ControlClaim],
        states: [PlaceState]
    ) {
        self.article = article
        self.places = places
        self.checks = checks
        self.claims = claims
        self.states = states
    }

    /// A claims file, perhaps corrected by hand: its places, claims and states as the file gives them.
    public init(document doc: ClaimsDocument) {
        self.init(
            article: doc.articleStub, places: doc.resolution, checks: [], claims: doc.controlClaims,
            states: doc.states)
    }

    /// The claims as a file (`claims --format json`, the batch's `.claims.json`).
    public func document(actors: ActorCatalog) -> ClaimsDocument {
        ClaimsDocument(article: article, places: places, claims: claims, actors: actors)
    }
}

extension Frontline {
    /// Reads an article once: places first, then the distance checks and the control claims, which
    /// rest on the places and not on each other (one core each).
    public func analyse(_ article: Article) throws -> Analysis {
        let t0 = DispatchTime.now().uptimeNanoseconds
        // The rivers to measure along are built on the other core while the places are resolved.
        let (basemap, gazetteer, actors) = (self.basemap, self.gazetteer, self.actors)
        WorkerPool.shared.async {
            DistanceChecker(basemap: basemap, gazetteer: gazetteer).prepareRivers(for: article)
        }
        let places = self.places(in: article)
        let t1 = DispatchTime.now().uptimeNanoseconds
        let (checks, (claims, states)) = try Parallel.both(
            {
                try DistanceChecker(basemap: basemap, gazetteer: gazetteer).checks(article: article, places: places)
            },
            {
                let claims = ClaimReader(actors: actors).claims(in: article, places: places)
                return (claims, ControlStates.compute(claims, actors: actors.forCountries(places.focusCountries)))
            })
        Stages.note("places", since: t0, until: t1)
        Stages.note("measures ‖ claims", since: t1)
        return Analysis(article: article, places: places, checks: checks, claims: claims, states: states)
    }

    /// An article (`.txt`) or a claims file (`.json`), read as the one analysis every command draws.
    public func analysis(of path: String) throws -> Analysis {
        if path.lowercased().hasSuffix(".json") {
            return Analysis(document: try ClaimsDocument.read(path: path, actors: actors))
        }
        return try analyse(try Article.load(path: path))
    }
}
