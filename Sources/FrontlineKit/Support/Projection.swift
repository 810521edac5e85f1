import CProj
import Foundation

/// A map projection through PROJ: geographic degrees in, projected metres out.
/// Owns its PROJ context and operation; frees them on deinit.
public final class Projection {
    public let definition: String
    private let ctx: OpaquePointer
    private let pj: OpaquePointer
    private let api: frontline_proj_api

    /// A projection from a PROJ string that takes radians (e.g. "+proj=lcc ...").
    public init(proj definition: String) throws {
        self.definition = definition
        let api = try ProjLibrary.api()
        let c = try ProjContextPool.shared.take()
        let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(definition)"
        guard let p = api.create(c, pipeline) else {
            let code = api.context_errno(c)
            let msg = api.context_errno_string(c, code).map { String(cString: $0) } ?? "error \(code)"
            ProjContextPool.shared.give(c)
            throw FrontlineError.library(name: "PROJ", reason: "cannot create '\(definition)': \(msg)")
        }
        ctx = c
        pj = p
        self.api = api
    }

    /// PROJ's first projection in a process costs milliseconds (its tables are set up and its code
    /// paged in); doing it early, on an idle core, takes that off the path of the first map.
    public static func warmUp() {
        _ = try? equidistant(around: LonLat(lon: 0, lat: 0))
    }

    /// Azimuthal equidistant centred on `p`: distances and azimuths from `p` are true.
    public static func equidistant(around p: LonLat) throws -> Projection {
        try Projection(proj: String(format: "+proj=aeqd +lat_0=%.8f +lon_0=%.8f +ellps=WGS84", p.lat, p.lon))
    }

    /// Below this latitude of a map's centre, a conformal conic's cone flattens (its constant, the sine of
    /// the standard parallels' mean, goes to zero) and Mercator, the cylinder it tends to, is used instead.
    public static let equatorialLatitude = 15.0

    /// A conformal projection for `box`: Lambert conformal conic centred on it, standard parallels at 1/6
    /// and 5/6 of its height, in middle latitudes; near the equator, Mercator with its scale true at the
    /// box's centre. Both keep shapes and angles true locally, what a map of a front needs.
    public static func conformal(for box: GeoBox) throws -> Projection {
        let c = box.center
        if abs(c.lat) < equatorialLatitude {
            return try Projection(
                proj: String(format: "+proj=merc +lat_ts=%.4f +lon_0=%.4f +ellps=WGS84", c.lat, c.lon))
        }
        let lat1 = box.minLat + box.height / 6, lat2 = box.maxLat - box.height / 6
        let def = String(
            format: "+proj=lcc +lat_1=%.4f +lat_2=%.4f +lat_0=%.4f +lon_0=%.4f +ellps=WGS84",
            lat1, lat2, c.lat, c.lon)
        return try Projection(proj: def)
    }

    /// The projection's name as a map's footer gives it.
    public var name: String {
        let kind = definition.split(separator: " ").first { $0.hasPrefix("+proj=") }?.dropFirst(6) ?? ""
        switch kind {
        case "lcc": return "Lambert conformal conic"
        case "merc": return "Mercator"
        case "aeqd": return "azimuthal equidistant"
        default: return String(kind)
        }
    }

    deinit {
        _ = api.destroy(pj)
        ProjContextPool.shared.give(ctx)
    }

    /// Projects one point; nil if PROJ cannot.
    public func forward(_ p: LonLat) -> Point? {
        var c = PJ_COORD()
        c.xy.x = p.lon
        c.xy.y = p.lat
        let r = api.trans(pj, PJ_FWD, c)
        guard r.xy.x.isFinite, r.xy.y.isFinite, r.xy.x != .infinity else { return nil }
        return Point(x: r.xy.x, y: r.xy.y)
    }

    /// Projects many points at once (in place, through proj_trans_generic).
    public func forward(_ line: [LonLat]) -> [Point] {
        guard !line.isEmpty else { return [] }
        var xs = line.map(\.lon), ys = line.map(\.lat)
        let n = line.count
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                _ = api.trans_generic(
                    pj, PJ_FWD,
                    xb.baseAddress, MemoryLayout<Double>.stride, n,
                    yb.baseAddress, MemoryLayout<Double>.stride, n,
                    nil, 0, 0, nil, 0, 0)
            }
        }
        var out: [Point] = []
        out.reserveCapacity(n)
        for i in 0..<n where xs[i].isFinite && ys[i].isFinite && abs(xs[i]) < 1e30 {
            out.append(Point(x: xs[i], y: ys[i]))
        }
        return out
    }

    /// The geographic position of a projected point.
    public func inverse(_ p: Point) -> LonLat? {
        var c = PJ_COORD()
        c.xy.x = p.x
        c.xy.y = p.y
        let r = api.trans(pj, PJ_INV, c)
        guard r.lp.lam.isFinite, r.lp.phi.isFinite, abs(r.lp.lam) < 1e30 else { return nil }
        return LonLat(lon: r.lp.lam, lat: r.lp.phi)
    }
}

/// PROJ contexts, created once and reused: a context is costly to set up, and may be used by one
/// thread at a time, so each projection borrows one for its lifetime and gives it back.
final class ProjContextPool: @unchecked Sendable {
    static let shared = ProjContextPool()
    private let lock = NSLock()
    private var free: [OpaquePointer] = []

    func take() throws -> OpaquePointer {
        let api = try ProjLibrary.api()
        lock.lock()
        if let c = free.popLast() {
            lock.unlock()
            return c
        }
        lock.unlock()
        guard let c = api.context_create() else {
            throw FrontlineError.library(name: "PROJ", reason: "cannot create a context")
        }
        // Every projection here is a PROJ string on the WGS84 ellipsoid, which PROJ builds from its own
        // tables. Left to itself, proj_create opens and parses proj.db (its SQLite registry of CRSs) all
        // the same: 25 million instructions per context, for nothing. A search path where no proj.db can
        // be (nothing lies under /dev/null) keeps it closed; a test holds the results to PROJ's with it.
        Self.withoutDatabase { paths in api.context_set_search_paths(c, 1, paths) }
        // Errors come back through proj_context_errno; PROJ's own log (which reports the missing
        // proj.db whatever the log level) stays silent.
        _ = api.log_level(c, PJ_LOG_NONE)
        api.log_func(c, nil) { _, _, _ in }
        return c
    }

    /// The search path given to each context, so that PROJ finds no proj.db.
    static let noDatabasePath = "/dev/null/frontline-uses-no-proj-db"

    private static func withoutDatabase(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Void) {
        noDatabasePath.withCString { path in
            let paths: [UnsafePointer<CChar>?] = [path]
            paths.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }

    func give(_ c: OpaquePointer) {
        lock.lock()
        free.append(c)
        lock.unlock()
    }
}
