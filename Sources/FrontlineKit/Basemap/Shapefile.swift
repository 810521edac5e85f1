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
    private let shp: SHPHandle
    private let dbf: DBFHandle?
    private let fieldNames: [String]

    /// Opens `path` (with or without the .shp extension).
    public init(path: String) throws {
        let base = path.hasSuffix(".shp") ? String(path.dropLast(4)) : path
        self.path = base + ".shp"
        guard FileManager.default.fileExists(atPath: base + ".shp") else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "shapefile not found")
        }
        guard FileManager.default.fileExists(atPath: base + ".shx") else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "index file \(base).shx is missing")
        }
        // shapelib reports problems on stderr by default; its error hook is silenced here, and every
        // failure is turned into one FrontlineError instead.
        var hooks = SAHooks()
        SASetupDefaultHooks(&hooks)
        hooks.Error = { _ in }
        guard let h = SHPOpenLL(base, "rb", &hooks) else {
            throw FrontlineError.badInput(file: base + ".shp", reason: "not a readable shapefile (shapelib refused it)")
        }
        var n: Int32 = 0, type: Int32 = 0
        var minB = [Double](repeating: 0, count: 4), maxB = [Double](repeating: 0, count: 4)
        SHPGetInfo(h, &n, &type, &minB, &maxB)
        shp = h
        count = Int(max(n, 0))
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
                throw FrontlineError.badInput(file: base + ".dbf",
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

    /// The attribute names of the .dbf, in file order.
    public var fields: [String] { fieldNames }

    /// Reads record `index`, or nil when shapelib cannot read it or it is a null shape.
    public func record(_ index: Int) throws -> ShapeRecord? {
        guard index >= 0, index < count else { return nil }
        guard let obj = SHPReadObject(shp, Int32(index)) else {
            throw FrontlineError.badInput(file: path, reason: "record \(index) cannot be read (corrupt file?)")
        }
        defer { SHPDestroyObject(obj) }
        let o = obj.pointee
        let nv = Int(o.nVertices), np = Int(o.nParts)
        if nv <= 0 { return nil }
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
            var part: [LonLat] = []
            part.reserveCapacity(e - s)
            for j in s..<e {
                let lon = xs[j], lat = ys[j]
                guard lon.isFinite, lat.isFinite else {
                    throw FrontlineError.badInput(file: path, reason: "record \(index) has a non-finite coordinate")
                }
                part.append(LonLat(lon: lon, lat: lat))
            }
            parts.append(part)
        }
        var attrs: [String: String] = [:]
        if let dbf {
            for (f, name) in fieldNames.enumerated() {
                if let c = DBFReadStringAttribute(dbf, Int32(index), Int32(f)) {
                    attrs[name] = String(cString: c).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        let box = GeoBox(minLon: o.dfXMin, minLat: o.dfYMin, maxLon: o.dfXMax, maxLat: o.dfYMax)
        return ShapeRecord(parts: parts, bounds: box, attributes: attrs)
    }

    /// Every readable record, optionally only those whose bounds meet `within`.
    public func records(within box: GeoBox? = nil) throws -> [ShapeRecord] {
        var out: [ShapeRecord] = []
        for i in 0..<count {
            guard let r = try record(i) else { continue }
            if let box, !r.bounds.intersects(box) { continue }
            out.append(r)
        }
        return out
    }
}
