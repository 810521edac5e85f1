import Foundation

/// From geographic coordinates to the map frame on a surface: PROJ's projection, then a scale and offset.
public struct MapTransform {
    public let projection: Projection
    public let frame: Rect
    /// Device units per projected metre.
    public let scale: Double
    let x0: Double
    let y1: Double
    /// The geographic centre of the frame: the origin of the plane lines are simplified on.
    let centre: LonLat

    /// Fits the projected `box` into `frame`, centred, keeping the projection's proportions.
    public init(projection: Projection, box: GeoBox, frame: Rect) {
        self.projection = projection
        self.frame = frame
        let b = MapTransform.projectedBounds(projection, box)
        scale = min(frame.width / max(b.width, 1), frame.height / max(b.height, 1))
        x0 = b.center.x - frame.width / 2 / scale
        y1 = b.center.y + frame.height / 2 / scale
        centre = projection.inverse(b.center) ?? box.center
    }

    /// The projected bounds of a geographic box, from points sampled along its edges.
    public static func projectedBounds(_ projection: Projection, _ box: GeoBox) -> Rect {
        var pts: [LonLat] = []
        for i in 0...20 {
            let t = Double(i) / 20
            let lon = box.minLon + t * box.width, lat = box.minLat + t * box.height
            pts += [LonLat(lon: lon, lat: box.minLat), LonLat(lon: lon, lat: box.maxLat),
                    LonLat(lon: box.minLon, lat: lat), LonLat(lon: box.maxLon, lat: lat)]
        }
        let p = projection.forward(pts)
        let xs = p.map(\.x), ys = p.map(\.y)
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 1, minY = ys.min() ?? 0, maxY = ys.max() ?? 1
        return Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    public func device(_ ll: LonLat) -> Point? {
        projection.forward(ll).map(device(projected:))
    }

    func device(projected p: Point) -> Point {
        Point(x: frame.minX + (p.x - x0) * scale, y: frame.minY + (y1 - p.y) * scale)
    }

    /// A line or ring on the surface, simplified to what the output can show: vertices that move the
    /// line by less than `tolerance` device units are dropped (Douglas–Peucker, in metres on the ground,
    /// before projecting), so no more vertices are projected and drawn than pixels can show. The plane
    /// used differs from the map's projection by a few per cent over a region: a quarter is kept in hand.
    public func line(_ ll: [LonLat], tolerance: Double = 0.4) -> [Point] {
        let kept = Simplifier.simplify(ll, metres: 0.75 * tolerance / scale, origin: centre)
        return projection.forward(kept).map(device(projected:))
    }

    public func geo(_ p: Point) -> LonLat? {
        projection.inverse(Point(x: x0 + (p.x - frame.minX) / scale, y: y1 - (p.y - frame.minY) / scale))
    }

    /// The geographic box that covers the frame (for reading only the shapes that can show).
    public var visibleBox: GeoBox {
        var pts: [LonLat] = []
        for i in 0...10 {
            let t = Double(i) / 10
            for p in [Point(x: frame.minX + t * frame.width, y: frame.minY), Point(x: frame.minX + t * frame.width, y: frame.maxY),
                      Point(x: frame.minX, y: frame.minY + t * frame.height), Point(x: frame.maxX, y: frame.minY + t * frame.height)] {
                if let g = geo(p) { pts.append(g) }
            }
        }
        return (GeoBox(covering: pts) ?? GeoBox(minLon: -180, minLat: -85, maxLon: 180, maxLat: 85)).expanded(by: 0.1)
    }

    /// Kilometres per device unit at the centre of the frame, measured geodesically.
    public var kmPerUnit: Double {
        let c = frame.center
        guard let a = geo(Point(x: c.x - 50, y: c.y)), let b = geo(Point(x: c.x + 50, y: c.y)) else { return 1 }
        return Geodesic.wgs84.distance(a, b) / 1000 / 100
    }
}
