import Foundation

/// The whole pipeline for one article: text → places → (claims, measures) → scene → files.
public struct Frontline: Sendable {
    public let basemap: Basemap
    public let gazetteer: Gazetteer
    public let fonts: FontSet
    public let actors: ActorCatalog

    /// The pipeline over a Shapes folder; `gazetteers` are user files (GeoNames dump, CSV) that add
    /// to and override the committed gazetteer, later files over earlier ones.
    /// `drawing`: the caller will draw maps, so the basemap's layers are read now, beside the gazetteer.
    /// `cache`: the cached GeoNames countries to read (`gazetteer add`; the user's by default, read from disk:
    /// no network).
    public init(
        shapes: String? = nil, gazetteers: [String] = [], actors actorFiles: [String] = [], drawing: Bool = false,
        cache: GazetteerCache? = .user
    ) throws {
        Runtime.start()
        let basemap = try Basemap.locate(explicit: shapes)
        self.basemap = basemap
        try WordLists.prepare(directory: basemap.directory)
        try StyleSheet.prepare(directory: basemap.directory)
        if drawing {
            // Read the basemap's layers and start PROJ up in the background, while the text is read:
            // a map needs both only after the places are found. (A failure here is met again, and
            // reported, where the layer is read for the map.)
            WorkerPool.shared.async {
                try? basemap.preload()
                Projection.warmUp()
            }
        }
        // The gazetteer on one core; actors and fonts on the other.
        (gazetteer, (actors, fonts)) = try Parallel.both(
            {
                var g = try basemap.gazetteer(cache: cache)
                for file in gazetteers { try g.add(contentsOf: file) }
                return g
            },
            {
                var a = try ActorCatalog.load(path: basemap.directory + "/actors.json")
                try a.add(directory: basemap.directory + "/actors")
                for file in actorFiles { try a.add(contentsOf: file) }
                let fonts = try FontSet.shared()

                return (a, fonts)
            })
        _ = try ProjLibrary.api()  // opened in the background by Runtime; a failure is this one line
    }

    /// The pipeline ready to draw, and an article read beside it (one core each): what `render` starts with.
    /// A bad article is reported before a bad gazetteer, as reading it comes first on the command line.
    public static func forDrawing(
        article path: String, shapes: String? = nil, gazetteers: [String] = [],
        actors: [String] = []
    ) throws -> (Frontline, Article) {
        let (article, frontline) = try Parallel.both(
            { Result { try Article.load(path: path) } },
            {
                try Frontline(shapes: shapes, gazetteers: gazetteers, actors: actors, drawing: true)
            })
        return (frontline, try article.get())
    }

    /// The control claims of an article, with the places they rest on.
    public func claims(in article: Article) -> (places: PlaceResolution, claims: [ControlClaim]) {
        let p = places(in: article)
        return (p, ClaimReader(actors: actors).claims(in: article, places: p))
    }

    public func claimsDocument(for article: Article) -> ClaimsDocument {
        let (p, c) = claims(in: article)
        return ClaimsDocument(article: article, places: p, claims: c, actors: actors.forCountries(p.focusCountries))
    }

    public func places(in article: Article) -> PlaceResolution {
        PlaceResolver(gazetteer: gazetteer).resolve(article)
    }

    /// Two place names resolved together, as `places` would resolve them in one sentence.
    public func resolvePair(_ a: String, _ b: String) throws -> (ResolvedPlace, ResolvedPlace) {
        let article = Article(name: "query", text: "Query\n\nFrom \(a) to \(b).\n")
        let r = places(in: article)
        func find(_ name: String) throws -> ResolvedPlace {
            let key = PlaceNameNormalizer.key(name)
            if let p = (r.places + r.metonyms).first(where: {
                PlaceNameNormalizer.key($0.text) == key && $0.kind.isPoint
            }) {
                return p
            }
            // A lone name with no context: the largest town of that name (a measure runs between towns,
            // so "Kherson" is the city, not its oblast), else the largest place.
            let all = gazetteer.candidates(for: name).map(\.entry)
            if let e = all.filter(\.kind.isPoint).max(by: { $0.population < $1.population })
                ?? all.max(by: { $0.population < $1.population })
            {
                return ResolvedPlace(
                    text: name, entry: e, mentions: [], confidence: 0.5, why: "the largest place of this name")
            }
            throw FrontlineError.usage("no place named '\(name)' in the gazetteer")
        }
        return (try find(a), try find(b))
    }

    /// The one composer every command draws with.
    func composer() throws -> MapComposer {
        MapComposer(
            basemap: basemap, gazetteer: gazetteer, actors: actors, measurer: try CairoTextMeasurer(fonts: fonts))
    }

    /// An article's map: its analysis, composed.
    public func scene(for article: Article, request: MapRequest) throws -> Scene {
        try scene(for: try analyse(article), request: request)
    }

    public func scene(for analysis: Analysis, request: MapRequest) throws -> Scene {
        let t = DispatchTime.now().uptimeNanoseconds
        defer { Stages.note("compose", since: t) }
        return try composer().compose(analysis, request: request)
    }

    /// Before and after: one source's own phases, or two sources' states after their events.
    @discardableResult
    public func compare(
        _ paths: [String], request: MapRequest, formats: [OutputFormat], output: String
    ) throws
        -> [String]
    {
        _ = try Frontline.outputPaths(output, formats: formats)  // a wrong -o is said before the work
        let composer = try composer()
        let scene: Scene
        if paths.count == 1 {
            let a = try analysis(of: paths[0])
            let when = a.article.displayDate.map { "as reported on \($0)" } ?? "as reported"
            scene = try composer.compareScene(
                ComparisonSide(analysis: a, phase: .before, heading: "Before the events reported"),
                ComparisonSide(analysis: a, phase: .after, heading: "After, \(when)"),
                title: a.article.title, request: request)
        } else {
            let a = try analysis(of: paths[0]), b = try analysis(of: paths[1])
            func heading(_ x: Analysis) -> String { (x.article.displayDate ?? x.article.name) + ": " + x.article.title }
            scene = try composer.compareScene(
                ComparisonSide(analysis: a, phase: .after, heading: heading(a)),
                ComparisonSide(analysis: b, phase: .after, heading: heading(b)),
                title: "\(a.article.title) → \(b.article.title)", request: request)
        }
        return try write(scene, formats: formats, output: output)
    }

    /// A report of one or more articles: `.html` (self-contained) or `.md` (images written beside it).
    @discardableResult
    public func report(_ paths: [String], request: MapRequest, output: String) throws -> [String] {
        let ext = (output as NSString).pathExtension.lowercased()
        guard ext == "html" || ext == "md" else {
            throw FrontlineError.usage("-o must end in .html or .md (got '\(output)')")
        }
        try OutputPath.checkBase(output)
        let composer = try composer(), renderer = Renderer(fonts: fonts)
        let sections = try paths.map { path in
            let a = try analyse(try Article.load(path: path))
            let scene = try composer.compose(a, request: request)
            return ReportSection(
                article: a.article, scene: scene, png: try renderer.pngData(scene),
                claims: a.document(actors: actors), checks: a.checks)
        }
        let title =
            sections.count == 1
            ? "Frontline report: \(sections[0].article.title)" : "Frontline report: \(sections.count) articles"
        if ext == "html" {
            try AtomicFile.write(Data(Report.html(title: title, sections: sections).utf8), to: output)
            return [output]
        }
        let base = (output as NSString).deletingPathExtension
        // An image's name comes from its article's: reduced to a safe file name, it stays beside the report.
        let images = sections.enumerated().map { i, s in base + "-\(i + 1)-\(OutputPath.safeName(s.article.name)).png" }
        let names = images.map { ($0 as NSString).lastPathComponent }
        let markdown = Data(Report.markdown(title: title, sections: sections, imageNames: names).utf8)
        try AtomicFile.write(
            zip(images, sections).map { (path: $0, bytes: $1.png) } + [(path: output, bytes: markdown)])
        return images + [output]
    }

    /// Renders a claims file (as written by `claims --format json`, perhaps corrected by hand).
    @discardableResult
    public func render(
        claims doc: ClaimsDocument, request: MapRequest, formats: [OutputFormat], output: String
    )
        throws -> [String]
    {
        try write(try scene(for: Analysis(document: doc), request: request), formats: formats, output: output)
    }

    /// Writes a scene in each format; returns the paths written. With `spread` the formats are drawn
    /// side by side on the machine's cores; a caller that keeps every core busy itself (a batch) passes
    /// false and draws them in turn. Each file is written whole.
    public func write(_ scene: Scene, formats: [OutputFormat], output: String, spread: Bool = true) throws -> [String] {
        let paths = try Frontline.outputPaths(output, formats: formats)
        let renderer = Renderer(fonts: fonts)
        let files =
            spread
            ? try renderer.files(scene, formats: formats) : try formats.map { try renderer.bytes(scene, format: $0) }
        // All formats or none: a failure writing the last leaves no first one behind, new beside an old one.
        try AtomicFile.write(zip(paths, files).map { (path: $0, bytes: $1) })
        return paths
    }

    /// Renders an article's map to one file per format; returns the paths written.
    @discardableResult
    public func render(
        article: Article, request: MapRequest, formats: [OutputFormat], output: String, spread: Bool = true
    ) throws -> [String] {
        try write(try scene(for: article, request: request), formats: formats, output: output, spread: spread)
    }

    /// The file of each format for the base path `-o`, each checked before anything is written: the
    /// base must not be empty, a folder or a device, nor any file a folder, device or FIFO.
    public static func outputPaths(_ base: String, formats: [OutputFormat]) throws -> [String] {
        try OutputPath.checkBase(base)
        let paths = formats.map { outputPath(base, format: $0) }
        for p in paths { try OutputPath.checkDestination(p) }
        return paths
    }

    /// `-o map.png --format svg` writes map.svg; `-o out/map` gains the format's extension.
    public static func outputPath(_ base: String, format: OutputFormat) -> String {
        let ns = base as NSString
        if OutputFormat(rawValue: ns.pathExtension.lowercased()) != nil {
            return ns.deletingPathExtension + "." + format.rawValue
        }
        return base + "." + format.rawValue
    }
}
