import Foundation

/// The committed basemap: a folder of shapefiles read through shapelib, plus the gazetteer beside it.
public struct Basemap: Sendable {
    public let directory: String
    /// Layers already read, shared by every copy of this basemap (a batch reads each file once).
    private let cache = LayerCache()
    /// Records read through an index, kept for the next map (a batch draws many of one region).
    let shapes = RecordCache()

    /// The layers a map draws, by file name (without extension).
    public enum Layer: String, CaseIterable, Sendable {
        case land, countries, lakes, rivers, coastline, boundaries, divisions

        /// The geometry the layer's file must hold: a layer swapped for another is refused.
        public var kind: ShapeKind {
            switch self {
            case .land, .countries, .lakes, .divisions: return .polygon
            case .rivers, .coastline, .boundaries: return .arc
            }
        }

        /// Whether a map cannot be drawn without shapes in this layer (a map of no land is no map).
        public var required: Bool { self == .land || self == .countries }

        /// Whether a basemap may lack the layer's file (first-level divisions are drawn where a basemap has them).
        public var optional: Bool { self == .divisions }
    }

    /// The generalisation a layer is read at: Natural Earth's 1:10m, 1:50m and 1:110m versions of the same
    /// data, in files named `land.shp`, `land-50m.shp` and `land-110m.shp`. A basemap without a coarser
    /// file uses the finest one.
    public enum Scale: String, CaseIterable, Sendable, Comparable {
        case fine = "", medium = "-50m", coarse = "-110m"

        /// The scale for a map showing `kmAcross` kilometres in `mmAcross` millimetres of paper or screen:
        /// Natural Earth's own guidance (1:10m data for maps up to 1:15 million, 1:50m to 1:60 million).
        public static func forMap(kmAcross: Double, mmAcross: Double) -> Scale {
            let denominator = kmAcross * 1_000_000 / max(mmAcross, 1)
            return denominator < 15_000_000 ? .fine : denominator < 60_000_000 ? .medium : .coarse
        }

        public static func < (a: Scale, b: Scale) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Whether a large layer without a usable spatial index gets one on first use (`hasIndex`).
    let indexesOnFirstUse: Bool

    public init(directory: String, indexesOnFirstUse: Bool = true) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw FrontlineError.badInput(file: directory, reason: "basemap directory not found (pass --shapes DIR)")
        }
        self.directory = directory
        self.indexesOnFirstUse = indexesOnFirstUse
    }

    /// Finds the Shapes folder: an explicit path, $FRONTLINE_SHAPES, ./Shapes, or the one that came with
    /// the executable — the package's `Shapes/` above a built binary (.build/release/frontline), or an
    /// install prefix's `share/frontline/Shapes` (PREFIX/bin/frontline), wherever it is run from.
    public static func locate(explicit: String?) throws -> Basemap {
        if let explicit { return try Basemap(directory: explicit) }
        if let env = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"], !env.isEmpty {
            return try Basemap(directory: env)
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: "Shapes/gazetteer.tsv") { return try Basemap(directory: "Shapes") }
        if let exe = executablePath() {
            var dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                for candidate in [
                    dir.appendingPathComponent("Shapes"), dir.appendingPathComponent("share/frontline/Shapes"),
                ]
                where fm.fileExists(atPath: candidate.appendingPathComponent("gazetteer.tsv").path) {
                    return try Basemap(directory: candidate.path)
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw FrontlineError.badInput(
            file: "Shapes",
            reason:
                "basemap directory not found: run from the project folder, set FRONTLINE_SHAPES or pass --shapes DIR")
    }

    /// The running executable's real path: the kernel's name for it (/proc/self/exe, right however the
    /// program was started), else argv[0] as a path or, without a "/", looked up on $PATH as a shell does.
    static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        guard let arg0 = CommandLine.arguments.first, !arg0.isEmpty else { return nil }
        if arg0.contains("/") { return arg0 }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return dirs.map { "\($0)/\(arg0)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func path(_ layer: Layer) -> String { directory + "/" + layer.rawValue + ".shp" }

    /// The layer's file at `scale`, or the nearest finer one the basemap has.
    public func path(_ layer: Layer, scale: Scale) -> String {
        for s in Scale.allCases.reversed() where s <= scale {
            let p = directory + "/" + layer.rawValue + s.rawValue + ".shp"
            if s == .fine || FileManager.default.fileExists(atPath: p) { return p }
        }
        return path(layer)
    }

    /// The layers this basemap has: every required one, and the optional ones whose file is here.
    public var layers: [Layer] {
        Layer.allCases.filter { !$0.optional || FileManager.default.fileExists(atPath: path($0)) }
    }

    /// Every layer file this basemap has, at each scale it has (what `basemap index` indexes).
    public var layerFiles: [String] {
        layers.flatMap { layer in
            Set(Scale.allCases.map { path(layer, scale: $0) }).sorted()
        }
    }

    /// What the basemap covers: the bounds of its land layer (a regional basemap refuses places outside it).
    public func coverage() throws -> GeoBox { try reader(.land, scale: .fine).bounds }

    /// The records of a layer whose bounds meet `box` (and whose attributes `keep` accepts). A layer is
    /// read whole through shapelib once and kept — unless it has a spatial index beside it (`frontline
    /// basemap index`): then a box reads only the records the index names for it, and of those only
    /// the shapes of the records `keep` accepts (what a large basemap needs: a map shows a small part).
    public func records(
        _ layer: Layer, within box: GeoBox? = nil, scale: Scale = .fine, where keep: (([String: String]) -> Bool)? = nil
    ) throws -> [ShapeRecord] {
        let file = path(layer, scale: scale)
        if layer.optional, !FileManager.default.fileExists(atPath: file) { return [] }
        // A layer not read yet is read through its index for a box, or in the records `keep` names.
        if !cache.has(file), (box != nil && hasIndex(file)) || keep != nil {
            return try reader(layer, scale: scale).records(within: box, where: keep, cache: shapes)
        }
        let all = try cache.records(file) {
            let records = try reader(layer, scale: scale).records()
            if layer.required, records.isEmpty { throw emptyLayer(layer, file) }
            return records
        }
        return all.filter { r in box.map { r.bounds.intersects($0) } ?? true && keep?(r.attributes) ?? true }
    }

    /// The layer's file, checked and opened, with the geometry the layer needs.
    func reader(_ layer: Layer, scale: Scale = .fine) throws -> ShapefileReader {
        let file = path(layer, scale: scale)
        let reader = try ShapefileReader(path: file, expecting: layer.kind)
        if layer.required, reader.count == 0 { throw emptyLayer(layer, file) }
        return reader
    }

    private func emptyLayer(_ layer: Layer, _ file: String) -> FrontlineError {
        .badInput(file: file, reason: "has no shapes; the \(layer.rawValue) layer must not be empty")
    }

    /// Whether a layer has been read whole (and is kept).
    func isRead(_ layer: Layer) -> Bool { cache.has(path(layer)) }

    /// Whether a layer has a usable spatial index (one no older than the layer).
    public func indexed(_ layer: Layer) -> Bool { hasIndex(path(layer)) }

    /// Layers at least this large are indexed on first use when they have no usable index.
    static let indexFromBytes = 1 << 20

    /// Whether `file` has a usable spatial index. A large layer without one gets it now, beside it (as
    /// `frontline basemap index` writes it) when its folder is writable: the repository holds no .qix,
    /// and reading the world's coastline whole doubled a regional render (0.15 against 0.30 s).
    func hasIndex(_ file: String) -> Bool {
        if ShapefileReader.usableIndex(for: file) != nil { return true }
        let folder = (file as NSString).deletingLastPathComponent
        guard indexesOnFirstUse, fileSize(file) >= Self.indexFromBytes,
            DerivedFile.canWrite(in: folder.isEmpty ? "." : folder)
        else { return false }
        let qix = String(file.dropLast(4)) + ".qix"
        // A layer that cannot be indexed is read whole, which reports what is wrong with it.
        guard
            (try? DerivedFile.ensure(qix, sources: [file]) { _ in try ShapefileReader(path: file).writeIndex() }) != nil
        else { return false }
        return ShapefileReader.usableIndex(for: file) != nil
    }

    private func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Reads every layer now (a render draws them all), so later stages find them in memory; an
    /// indexed layer is left to be read through its index once the map's box is known.
    public func preload() throws {
        for layer in layers where !indexed(layer) { _ = try records(layer) }
    }
}
