import Foundation

/// A position on the WGS84 ellipsoid, in degrees.
public struct LonLat: Hashable, Sendable, Codable {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}

/// A point on a drawing surface, in device units (pixels or points).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
    public static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    public static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    public func distance(to p: Point) -> Double { hypot(x - p.x, y - p.y) }
}

/// An axis-aligned rectangle on a drawing surface.
public struct Rect: Hashable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x: x + width / 2, y: y + height / 2) }
    public func intersects(_ o: Rect) -> Bool {
        minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
    }
    public func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
    public func contains(_ r: Rect) -> Bool {
        r.minX >= minX && r.maxX <= maxX && r.minY >= minY && r.maxY <= maxY
    }
    public func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// A geographic bounding box in degrees.
public struct GeoBox: Hashable, Sendable, Codable {
    public var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }
    public init?(covering points: [LonLat]) {
        guard let first = points.first else { return nil }
        var b = GeoBox(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)
        for p in points.dropFirst() { b.include(p) }
        self = b
    }
    public mutating func include(_ p: LonLat) {
        minLon = min(minLon, p.lon)
        maxLon = max(maxLon, p.lon)
        minLat = min(minLat, p.lat)
        maxLat = max(maxLat, p.lat)
    }
    public var center: LonLat { LonLat(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2) }
    public var width: Double { maxLon - minLon }
    public var height: Double { maxLat - minLat }
    public func contains(_ p: LonLat) -> Bool {
        p.lon >= minLon && p.lon <= maxLon && p.lat >= minLat && p.lat <= maxLat
    }
    public func intersects(_ o: GeoBox) -> Bool {
        minLon <= o.maxLon && o.minLon <= maxLon && minLat <= o.maxLat && o.minLat <= maxLat
    }
    public func expanded(by d: Double) -> GeoBox {
        GeoBox(minLon: minLon - d, minLat: minLat - d, maxLon: maxLon + d, maxLat: maxLat + d)
    }
}

/// Coordinates a basemap or gazetteer may hold: finite, and within ±180° longitude and ±90° latitude.
enum Coordinates {
    static func valid(lon: Double, lat: Double) -> Bool {
        lon.isFinite && lat.isFinite && abs(lon) <= 180 && abs(lat) <= 90
    }
}
