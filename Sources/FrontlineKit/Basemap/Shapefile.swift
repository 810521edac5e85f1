import CShapelib
import Foundation

/// One record of a shapefile: its parts (rings or line pieces) in lon/lat and its attributes.
public struct ShapeRecord: Sendable {
    public var parts: [[LonLat]]
    public var bounds: GeoBox
    public var attributes: [String: String]
}

/// The kind of geometry a shapefile holds.
public enum ShapeKind: Sendable, Equatable {
    case point, arc, polygon, other(Int32)
    init(_ code: Int32) {
        switch code {
        case SHPT_POINT, SHPT_POINTZ, SHPT_POINTM, SHPT_MULTIPOINT: self = .point
        case SHPT_ARC, SHPT_ARCZ, SHPT_ARCM: self = .arc
        case SHPT_POLYGON, SHPT_POLYGONZ, SHPT_POLYGONM: self = .polygon
        default: self = .other(code)
        }
    }
}

/// Reads a shapefile (.shp/.shx with its .dbf) through shapelib.
/// The handles are owned here and closed on deinit; nothing else sees a C pointer.
public final class ShapefileReader {
    public let path: String
    public let kind: ShapeKind
    public let count: Int
    /// The bounds of every record, from the file's header.
    public let bounds: GeoBox
    private let shp: SHPHandle
    private let dbf: DBFHandle?
    private let fieldNames: [String]

    /// Opens `path` (with or without the .shp extension), after checking its files (`ShapefileCheck`);
    /// `expecting`: the geometry the layer must hold (a polygon layer swapped for a line layer is refused).
    public init(path: String, expecting: ShapeKind? = nil) throws {
        let base = path.hasSuffix(".shp") ? String(path.dropLast(4)) : path
        self.path = base + ".shp"
        guard FileManager.default.fileExists(atPath: base + ".shp") else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "shapefile not found")
        }
        guard FileManager.default.fileExists(atPath: base + ".shx") else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "index file \(base).shx is missing")
        }
        try ShapefileCheck(base: base, expecting: expecting).run()
        var hooks = Self.quietHooks()
        guard let h = SHPOpenLL(base, "rb", &hooks) else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "not a readable shapefile (shapelib refused it)")
        }
        var n: Int32 = 0, type: Int32 = 0
        var minB = [Double](repeating: 0, count: 4), maxB = [Double](repeating: 0, count: 4)
        SHPGetInfo(h, &n, &type, &minB, &maxB)
        shp = h
        count = Int(max(n, 0))
        bounds = GeoBox(minLon: minB[0], minLat: minB[1], maxLon: maxB[0], maxLat: maxB[1])
        kind = ShapeKind(type)
        if FileManager.default.fileExists(atPath: base + ".dbf"), let d = DBFOpenLL(base, "rb", &hooks) {
            dbf = d
            var names: [String] = []
            let fields = DBFGetFieldCount(d)
            for i in 0..<max(fields, 0) {
                var buf = [CChar](repeating: 0, count: 16)
                var w: Int32 = 0, dec: Int32 = 0
                DBFGetFieldInfo(d, i, &buf, &w, &dec)
                names.append(String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            fieldNames = names
            // (Both handles are closed by deinit: the object is fully made when this throws.)
            if Int(DBFGetRecordCount(d)) != count {
                throw FrontlineError.badInput(
                    file: base + ".dbf",
                    reason: "has \(DBFGetRecordCount(d)) records but the .shp has \(count)")
            }
        } else {
            dbf = nil
            fieldNames = []
        }
    }

    deinit {
        SHPClose(shp)
        if let dbf { DBFClose(dbf) }
    }

    /// shapelib's file hooks with its error hook silenced: it reports problems on stderr by default;
    /// here every failure is turned into one FrontlineError instead.
    private static func quietHooks() -> SAHooks {
        var hooks = SAHooks()
        SASetupDefaultHooks(&hooks)
        hooks.Error = { _ in }
        // A file swapped for a FIFO between the checks and shapelib's open fails instead of blocking.
        hooks.FOpen = frontline_open_regular
        return hooks
    }

    /// The attribute names of the .dbf, in file order.
    public var fields: [String] { fieldNames }

    /// Reads record `index`, or nil when it is a null shape. A record of another type than the file's,
    /// a coordinate that is not finite or outside ±180°/±90°, or a line part of one vertex is refused.
    public func record(_ index: Int) throws -> ShapeRecord? {
        guard index >= 0, index < count else { return nil }
        guard let obj = SHPReadObject(shp, Int32(index)) else {
            throw FrontlineError.badInput(file: path, reason: "record \(index) cannot be read (corrupt file?)")
        }
        defer { SHPDestroyObject(obj) }
        let o = obj.pointee
        let nv = Int(o.nVertices), np = Int(o.nParts)
        if o.nSHPType == SHPT_NULL || nv <= 0 { return nil }
        func refuse(_ why: String) -> FrontlineError { .badInput(file: path, reason: "record \(index): \(why)") }
        guard ShapeKind(o.nSHPType) == kind else {
            throw refuse("shape type \(o.nSHPType) in a file of \(kind.plural)")
        }
        guard let xs = o.padfX, let ys = o.padfY else { return nil }
        var starts: [Int] = []
        if np > 0, let ps = o.panPartStart {
            for i in 0..<np { starts.append(Int(ps[i])) }
        } else {
            starts = [0]
        }
        var parts: [[LonLat]] = []
        parts.reserveCapacity(starts.count)
        for (i, s) in starts.enumerated() {
            let e = i + 1 < starts.count ? starts[i + 1] : nv
            guard s >= 0, e <= nv, s < e else {
                throw FrontlineError.badInput(file: path, reason: "record \(index) has an invalid part start")
            }
            if kind == .arc, e - s < 2 { throw refuse("part \(i) has one vertex (a line needs two)") }
            var part: [LonLat] = []
            part.reserveCapacity(e - s)
            for j in s..<e {
                let lon = xs[j], lat = ys[j]
                guard lon.isFinite, lat.isFinite else {
                    throw FrontlineError.badInput(file: path, reason: "record \(index) has a non-finite coordinate")
                }
                guard Coordinates.valid(lon: lon, lat: lat) else {
                    throw refuse("vertex \(j) (\(lon), \(lat)) is outside ±180° longitude, ±90° latitude")
                }
                part.append(LonLat(lon: lon, lat: lat))
            }
            parts.append(part)
        }
        let attrs = attributes(index)
        guard Coordinates.valid(lon: o.dfXMin, lat: o.dfYMin), Coordinates.valid(lon: o.dfXMax, lat: o.dfYMax) else {
            throw refuse("its bounds are not finite or not within ±180°, ±90°")
        }
        let box = GeoBox(minLon: o.dfXMin, minLat: o.dfYMin, maxLon: o.dfXMax, maxLat: o.dfYMax)
        return ShapeRecord(parts: parts, bounds: box, attributes: attrs)
    }

    /// The attributes of record `index` (none without a .dbf), trimmed: read without its shape.
    public func attributes(_ index: Int) -> [String: String] {
        var attrs: [String: String] = [:]
        guard let dbf, index >= 0, index < count else { return attrs }
        for (f, name) in fieldNames.enumerated() {
            if let c = DBFReadStringAttribute(dbf, Int32(index), Int32(f)) { attrs[name] = Self.trimmed(c) }
        }
        return attrs
    }

    /// A field's text without the spaces that pad it: the ASCII spaces cut from the bytes, and the
    /// rest of what `.whitespaces` holds (tabs, other Unicode spaces) by Foundation only when an end
    /// still has one (Foundation's trimming of every field was 2 % of a batch).
    static func trimmed(_ c: UnsafePointer<CChar>) -> String {
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
        var a = 0, b = bytes.count
        while a < b, bytes[a] == 0x20 { a += 1 }
        while b > a, bytes[b - 1] == 0x20 { b -= 1 }
        let s = String(decoding: bytes[a..<b], as: UTF8.self)
        let plain = { (x: UInt8) in x != 0x09 && x < 0x80 }
        return a == b || (plain(bytes[a]) && plain(bytes[b - 1])) ? s : s.trimmingCharacters(in: .whitespaces)
    }

    /// Every readable record, optionally only those whose bounds meet `within` and whose attributes
    /// `keep` accepts (tested before the shape is read). With a box and a spatial index beside the
    /// file (see `indexedIDs`), only the records the index names are read.
    public func records(
        within box: GeoBox? = nil, where keep: (([String: String]) -> Bool)? = nil
    ) throws -> [ShapeRecord] {
        try records(within: box, where: keep, cache: nil)
    }

    /// The same, taking the records `cache` kept from earlier reads and keeping those read now.
    func records(
        within box: GeoBox?, where keep: (([String: String]) -> Bool)?, cache: RecordCache?
    ) throws -> [ShapeRecord] {
        let ids = try box.flatMap { try indexedIDs(within: $0) } ?? Array(0..<count)
        var out: [ShapeRecord] = []
        for i in ids {
            let kept = cache?.record(path, i)
            if kept == nil, let keep, !keep(attributes(i)) { continue }
            let read = try kept ?? record(i)
            if kept == nil { cache?.keep(read, path, i) }
            guard let r = read else { continue }
            if let keep, kept != nil, !keep(r.attributes) { continue }
            if let box, !r.bounds.intersects(box) { continue }
            out.append(r)
        }
        return out
    }

    // MARK: spatial index

    /// The spatial index beside a shapefile (`.qix`: shapelib's quadtree of the records' bounds), when
    /// there is one no older than the `.shp` (a stale index could leave shapes out: it is not used).
    public static func usableIndex(for shapefile: String) -> String? {
        let base = shapefile.hasSuffix(".shp") ? String(shapefile.dropLast(4)) : shapefile
        // (stat, not FileManager's attributes: those were 2 % of a batch, asked for every layer of every map.)
        func modified(_ p: String) -> (Int, Int)? {
            var st = stat()
            return stat(p, &st) == 0 ? (st.st_mtim.tv_sec, st.st_mtim.tv_nsec) : nil
        }
        guard let index = modified(base + ".qix"), let shp = modified(base + ".shp"), index >= shp else { return nil }
        return base + ".qix"
    }

    /// The numbers of the records the index finds for `box`, in file order: every record whose bounds
    /// meet the box, and perhaps a few near it (the quadtree's cells are coarser than the records).
    /// Nil when there is no usable index.
    public func indexedIDs(within box: GeoBox) throws -> [Int]? {
        guard let qix = Self.usableIndex(for: path) else { return nil }
        var hooks = Self.quietHooks()
        let rebuild = "write it again with `frontline basemap index`"
        _ = try InputFile.open(qix)  // a FIFO or device is refused here, not waited on by shapelib
        guard let tree = SHPOpenDiskTree(qix, &hooks) else {
            throw FrontlineError.badInput(file: qix, reason: "not a readable spatial index (\(rebuild))")
        }
        defer { SHPCloseDiskTree(tree) }
        func search(_ b: GeoBox) -> [Int]? {
            var low = [b.minLon, b.minLat, 0, 0], high = [b.maxLon, b.maxLat, 0, 0]
            var n: Int32 = 0
            guard let found = SHPSearchDiskTreeEx(tree, &low, &high, &n) else { return nil }
            defer { free(found) }
            return (0..<Int(max(n, 0))).map { Int(found[$0]) }
        }
        // shapelib answers nil only when the file is not an index (nothing found is an empty list).
        guard let named = search(box) else {
            throw FrontlineError.badInput(file: qix, reason: "not a readable spatial index (\(rebuild))")
        }
        guard named.allSatisfy({ (0..<count).contains($0) }) else {
            throw FrontlineError.badInput(file: qix, reason: "names records \(path) does not have (\(rebuild))")
        }
        return Array(Set(named)).sorted()
    }

    /// Writes this file's spatial index (`.qix` beside it), whole or not at all; returns its path. The
    /// index written is read back before it replaces any earlier one: it must name every shape of the
    /// layer (shapelib neither reports a failed write nor a record it could not read).
    @discardableResult
    public func writeIndex() throws -> String {
        let qix = String(path.dropLast(4)) + ".qix"
        let shapes = try (0..<count).filter { try record($0) != nil }  // null shapes have no place in it
        guard let tree = SHPCreateTree(shp, 2, 0, nil, nil) else {
            throw FrontlineError.library(name: "shapelib", reason: "cannot build the spatial index of \(path)")
        }
        defer { SHPDestroyTree(tree) }
        SHPTreeTrimExtraNodes(tree)
        try AtomicFile.write(to: qix) { tmp in
            var hooks = Self.quietHooks()
            guard SHPWriteTree(tree, tmp) != 0, let written = SHPOpenDiskTree(tmp, &hooks) else {
                throw FrontlineError.cannotWrite(file: qix, reason: "shapelib could not write the index")
            }
            defer { SHPCloseDiskTree(written) }
            var low = [bounds.minLon, bounds.minLat, 0, 0], high = [bounds.maxLon, bounds.maxLat, 0, 0]
            var n: Int32 = 0
            let found = SHPSearchDiskTreeEx(written, &low, &high, &n)
            defer { free(found) }
            let named = found.map { f in Set((0..<Int(max(n, 0))).map { Int(f[$0]) }) }
            guard named == Set(shapes) else {
                throw FrontlineError.cannotWrite(
                    file: qix, reason: "the index written does not name every shape of \(path)")
            }
        }
        return qix
    }
}

/// Writes a polygon shapefile (`.shp` and `.shx`, no attributes) through shapelib: made for tests and
/// the benchmark's large layers; the committed basemap is written by Shapes/rebuild.sh.
public final class ShapefileWriter {
    public let path: String
    private let shp: SHPHandle

    public init(path: String) throws {
        let base = path.hasSuffix(".shp") ? String(path.dropLast(4)) : path
        self.path = base + ".shp"
        guard let h = SHPCreate(base, SHPT_POLYGON) else {
            throw FrontlineError.cannotWrite(file: self.path, reason: "shapelib cannot create it")
        }
        shp = h
    }

    deinit { SHPClose(shp) }

    /// Appends one polygon of one ring (closed here if it is not already).
    public func add(ring: [LonLat]) throws {
        var ring = ring
        if let first = ring.first, let last = ring.last, first != last { ring.append(first) }
        var xs = ring.map(\.lon), ys = ring.map(\.lat)
        guard ring.count >= 4, let o = SHPCreateSimpleObject(SHPT_POLYGON, Int32(ring.count), &xs, &ys, nil) else {
            throw FrontlineError.cannotWrite(file: path, reason: "a ring needs at least three distinct points")
        }
        defer { SHPDestroyObject(o) }
        guard SHPWriteObject(shp, -1, o) >= 0 else {
            throw FrontlineError.cannotWrite(file: path, reason: "shapelib could not write a shape")
        }
    }
}
