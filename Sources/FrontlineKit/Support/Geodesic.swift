import CProj

/// Geodesic problems on the WGS84 ellipsoid, solved by PROJ's geodesic.h (Karney's algorithms).
public struct Geodesic: Sendable {
    private let g: geod_geodesic
    private let api: frontline_proj_api

    public static let wgs84 = Geodesic(a: 6378137, f: 1 / 298.257223563)

    public init(a: Double, f: Double) {
        let api = ProjLibrary.loaded
        var g = geod_geodesic()
        api.geod_init(&g, a, f)
        self.g = g
        self.api = api
    }

    /// Distance in metres and the azimuths (degrees clockwise from north) at both ends.
    public func inverse(_ p1: LonLat, _ p2: LonLat) -> (metres: Double, azimuth1: Double, azimuth2: Double) {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { gp in
            api.geod_inverse(gp, p1.lat, p1.lon, p2.lat, p2.lon, &s12, &azi1, &azi2)
        }
        return (s12, azi1, azi2)
    }

    public func distance(_ p1: LonLat, _ p2: LonLat) -> Double { inverse(p1, p2).metres }

    /// The point reached from `p` after `metres` along initial azimuth `azimuth`.
    public func direct(from p: LonLat, azimuth: Double, metres: Double) -> LonLat {
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { gp in
            api.geod_direct(gp, p.lat, p.lon, azimuth, metres, &lat2, &lon2, &azi2)
        }
        return LonLat(lon: lon2, lat: lat2)
    }

    /// The length in metres of a polyline, summing geodesic segments.
    public func length(of line: [LonLat]) -> Double {
        guard line.count > 1 else { return 0 }
        var total = 0.0
        for i in 1..<line.count { total += distance(line[i - 1], line[i]) }
        return total
    }
}
