import Foundation

/// From geographic coordinates to the map frame on a surface: PROJ's projection, then a scale and offset.
public struct MapTransform {
    public private(set) var projection: Projection
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
            pts += [
                LonLat(lon: lon, lat: box.minLat), LonLat(lon: lon, lat: box.maxLat),
                LonLat(lon: box.minLon, lat: lat), LonLat(lon: box.maxLon, lat: lat),
            ]
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
    /// `along`: the box the line was cut to (`GeoCut`), whose sides it may run on; `closed`: a ring.
    public func line(_ ll: [LonLat], tolerance: Double = 0.4, along cut: GeoBox? = nil, closed: Bool = false) -> [Point]
    {
        var kept = Simplifier.simplify(ll, metres: 0.75 * tolerance / scale, origin: centre)
        if let cut {
            kept = GeoCut.densified(kept, along: cut, step: max(cut.width, cut.height) / 32, closed: closed)
        }
        return projection.forward(kept).map(device(projected:))
    }

    /// A line given densely in degrees whose shape comes from the projection itself (a parallel is an
    /// arc on a conic map though straight in degrees): projected whole, then simplified on the surface.
    /// Returns the dense line too, for exact crossings.
    func curve(_ ll: [LonLat], tolerance: Double = 0.4) -> (drawn: [Point], dense: [Point]) {
        let dense = projection.forward(ll).map(device(projected:))
        return (Simplifier.simplify(dense, tolerance: tolerance), dense)
    }

    /// The same transform over a PROJ object of its own, for use on another thread (a PROJ object
    /// serves one thread at a time).
    func withOwnProjection() throws -> MapTransform {
        var copy = self
        copy.projection = try Projection(proj: projection.definition)
        return copy
    }

    /// Every part of every record of `layers`, on the surface, indexed as they are (layer, record,
    /// part): the parts are split in two runs of about equal vertex counts, projected one per core.
    /// `along`: the box the layers were cut to (`GeoCut`), `closed`: which layers hold rings.
    func lines(
        of layers: [[ShapeRecord]], tolerance: Double = 0.4, along box: GeoBox? = nil, closed: [Bool] = []
    ) throws -> [[[[Point]]]] {
        var index: [(layer: Int, record: Int, part: Int)] = []
        var vertices = 0
        for (l, records) in layers.enumerated() {
            for (r, record) in records.enumerated() {
                for p in record.parts.indices {
                    index.append((l, r, p))
                    vertices += record.parts[p].count
                }
            }
        }
        var cut = 0, first = 0
        while cut < index.count, first < vertices / 2 {
            let i = index[cut]
            first += layers[i.layer][i.record].parts[i.part].count
            cut += 1
        }
        let runs = [(self, 0..<cut), (try withOwnProjection(), cut..<index.count)]
        let drawn = try Parallel.map(runs) { t, run in
            run.map { j in
                let (l, r, p) = index[j]
                return t.line(
                    layers[l][r].parts[p], tolerance: tolerance, along: box,
                    closed: closed.indices.contains(l) && closed[l])
            }
        }
        var out = layers.map { $0.map { $0.parts.map { _ in [Point]() } } }
        for (k, run) in runs.enumerated() {
            for (n, j) in run.1.enumerated() { out[index[j].layer][index[j].record][index[j].part] = drawn[k][n] }
        }
        return out
    }

    public func geo(_ p: Point) -> LonLat? {
        projection.inverse(Point(x: x0 + (p.x - frame.minX) / scale, y: y1 - (p.y - frame.minY) / scale))
    }

    /// The geographic box that covers the frame (for reading only the shapes that can show).
    public var visibleBox: GeoBox {
        var pts: [LonLat] = []
        for i in 0...10 {
            let t = Double(i) / 10
            for p in [
                Point(x: frame.minX + t * frame.width, y: frame.minY),
                Point(x: frame.minX + t * frame.width, y: frame.maxY),
                Point(x: frame.minX, y: frame.minY + t * frame.height),
                Point(x: frame.maxX, y: frame.minY + t * frame.height),
            ] {
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
