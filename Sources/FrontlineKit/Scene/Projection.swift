import CProj
import Foundation

/// A map projection through PROJ: geographic degrees in, projected metres out.
/// Owns its PROJ context and operation; frees them on deinit.
public final class Projection {
    public let definition: String
    private let ctx: OpaquePointer
    private let pj: OpaquePointer

    /// A projection from a PROJ string that takes radians (e.g. "+proj=lcc ...").
    public init(proj definition: String) throws {
        self.definition = definition
        let c = try ProjContextPool.shared.take()
        let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(definition)"
        guard let p = proj_create(c, pipeline) else {
            let code = proj_context_errno(c)
            let msg = String(cString: proj_context_errno_string(c, code))
            ProjContextPool.shared.give(c)
            throw FrontlineError.library(name: "PROJ", reason: "cannot create '\(definition)': \(msg)")
        }
        ctx = c
        pj = p
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

    /// Lambert conformal conic centred on `box`, standard parallels at 1/6 and 5/6 of its height.
    public static func conformal(for box: GeoBox) throws -> Projection {
        let lat1 = box.minLat + box.height / 6, lat2 = box.maxLat - box.height / 6
        let c = box.center
        let def = String(format: "+proj=lcc +lat_1=%.4f +lat_2=%.4f +lat_0=%.4f +lon_0=%.4f +ellps=WGS84",
                         lat1, lat2, c.lat, c.lon)
        return try Projection(proj: def)
    }

    deinit {
        proj_destroy(pj)
        ProjContextPool.shared.give(ctx)
    }

    /// Projects one point; nil if PROJ cannot.
    public func forward(_ p: LonLat) -> Point? {
        var c = PJ_COORD()
        c.xy.x = p.lon; c.xy.y = p.lat
        let r = proj_trans(pj, PJ_FWD, c)
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
                _ = proj_trans_generic(pj, PJ_FWD,
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
        c.xy.x = p.x; c.xy.y = p.y
        let r = proj_trans(pj, PJ_INV, c)
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
        lock.lock()
        if let c = free.popLast() { lock.unlock(); return c }
        lock.unlock()
        guard let c = proj_context_create() else {
            throw FrontlineError.library(name: "PROJ", reason: "cannot create a context")
        }
        proj_log_level(c, PJ_LOG_NONE)
        return c
    }

    func give(_ c: OpaquePointer) {
        lock.lock()
        free.append(c)
        lock.unlock()
    }
}
