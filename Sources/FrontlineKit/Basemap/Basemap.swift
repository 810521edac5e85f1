import Foundation

/// The committed basemap: a folder of shapefiles read through shapelib, plus the gazetteer beside it.
public struct Basemap: Sendable {
    public let directory: String
    /// Layers already read, shared by every copy of this basemap (a batch reads each file once).
    private let cache = LayerCache()

    /// The layers a map draws, by file name (without extension).
    public enum Layer: String, CaseIterable, Sendable {
        case land, countries, lakes, rivers, coastline, boundaries

        /// The geometry the layer's file must hold: a layer swapped for another is refused.
        public var kind: ShapeKind {
            switch self {
            case .land, .countries, .lakes: return .polygon
            case .rivers, .coastline, .boundaries: return .arc
            }
        }

        /// Whether a map cannot be drawn without shapes in this layer (a map of no land is no map).
        public var required: Bool { self == .land || self == .countries }
    }

    public init(directory: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw FrontlineError.badInput(file: directory, reason: "basemap directory not found (pass --shapes DIR)")
        }
        self.directory = directory
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

    /// The records of a layer whose bounds meet `box`. A layer is read whole through shapelib once
    /// and kept — unless it has a spatial index beside it (`frontline basemap index`): then a box reads
    /// only the records the index names for it (what a large basemap needs: a map shows a small part).
    public func records(_ layer: Layer, within box: GeoBox? = nil) throws -> [ShapeRecord] {
        if let box, !cache.has(layer), indexed(layer) {
            return try reader(layer).records(within: box)
        }
        let all = try cache.records(layer) {
            let records = try reader(layer).records()
            if layer.required, records.isEmpty { throw emptyLayer(layer) }
            return records
        }
        guard let box else { return all }
        return all.filter { $0.bounds.intersects(box) }
    }

    /// The layer's file, checked and opened, with the geometry the layer needs.
    func reader(_ layer: Layer) throws -> ShapefileReader {
        let reader = try ShapefileReader(path: path(layer), expecting: layer.kind)
        if layer.required, reader.count == 0 { throw emptyLayer(layer) }
        return reader
    }

    private func emptyLayer(_ layer: Layer) -> FrontlineError {
        .badInput(file: path(layer), reason: "has no shapes; the \(layer.rawValue) layer must not be empty")
    }

    /// Whether a layer has been read whole (and is kept).
    func isRead(_ layer: Layer) -> Bool { cache.has(layer) }

    /// Whether a layer has a usable spatial index (one no older than the layer).
    public func indexed(_ layer: Layer) -> Bool { ShapefileReader.usableIndex(for: path(layer)) != nil }

    /// Reads every layer now (a render draws them all), so later stages find them in memory; an
    /// indexed layer is left to be read through its index once the map's box is known.
    public func preload() throws {
        for layer in Layer.allCases where !indexed(layer) { _ = try records(layer) }
    }
}
