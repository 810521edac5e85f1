import Foundation

/// The part of the world a map shows, and the places it leaves out.
public struct MapExtent: Sendable {
    /// The box the drawn places need, with a margin.
    public var box: GeoBox
    /// Places named in the article that lie too far from the front to be drawn.
    public var offMap: [ResolvedPlace]
    public var onMap: [ResolvedPlace]
}

/// Picks an extent that fits the front an article describes. Places in the countries the article is
/// about, clustered by distance, set the extent; far places (Brussels, Paris) are listed, not drawn.
public enum ExtentChooser {
    /// Places closer than this to one another belong to one theatre.
    static let linkKm = 800.0
    /// A place outside the focus countries is still drawn when this close to the cluster.
    static let nearbyKm = 120.0

    public static func choose(
        _ places: [PlaceResolution], coverage: GeoBox = world,
        fallback: GeoBox = GeoBox(minLon: 35, minLat: 32, maxLon: 44, maxLat: 38)
    ) -> MapExtent {
        choose(
            places.flatMap(\.points), focus: Set(places.flatMap { $0.focusCountries.prefix(2) }), coverage: coverage,
            fallback: fallback)
    }

    /// The whole Earth: what a world basemap covers.
    public static let world = GeoBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90)

    /// `coverage` is what the basemap covers (`Basemap.coverage()`): places outside it cannot be drawn.
    public static func choose(
        _ all: [ResolvedPlace], focus: Set<String>, coverage: GeoBox = world, fallback: GeoBox
    ) -> MapExtent {
        let geod = Geodesic.wgs84
        let points = all.filter { coverage.contains($0.coordinate) }
        let outside = all.filter { !coverage.contains($0.coordinate) }
        var chosen = chooseWithin(points, focus: focus, fallback: fallback, geod: geod)
        chosen.offMap += outside
        return chosen
    }

    static func chooseWithin(
        _ points: [ResolvedPlace], focus: Set<String>, fallback: GeoBox, geod: Geodesic
    ) -> MapExtent {
        var core = points.filter { focus.isEmpty || focus.contains($0.entry.country) }
        if core.isEmpty { core = points }
        // Single-linkage clusters of the core places; the one with the most mentions is the theatre.
        var cluster: [ResolvedPlace] = []
        var remaining = core
        var best: [ResolvedPlace] = []
        while let seed = remaining.first {
            cluster = [seed]
            remaining.removeFirst()
            var grew = true
            while grew {
                grew = false
                for (i, p) in remaining.enumerated().reversed()
                where cluster.contains(where: { geod.distance($0.coordinate, p.coordinate) / 1000 < linkKm }) {
                    cluster.append(p)
                    remaining.remove(at: i)
                    grew = true
                }
            }
            // Ties go to the more places, then to the theatre named first (the story's lead).
            let weight = { (c: [ResolvedPlace]) in c.reduce(0) { $0 + $1.mentions.count } }
            let first = { (c: [ResolvedPlace]) in c.flatMap(\.mentions).map(\.start).min() ?? Int.max }
            if weight(cluster) > weight(best)
                || (weight(cluster) == weight(best)
                    && (cluster.count > best.count || (cluster.count == best.count && first(cluster) < first(best))))
            {
                best = cluster
            }
        }
        guard var box = GeoBox(covering: best.map(\.coordinate)) else {
            return MapExtent(box: fallback, offMap: points, onMap: [])
        }
        // Places elsewhere but close to the theatre (a Turkish border town) are drawn too.
        var onMap = best
        var offMap: [ResolvedPlace] = []
        for p in points where !best.contains(where: { $0.entry.id == p.entry.id }) {
            let d = best.map { geod.distance($0.coordinate, p.coordinate) / 1000 }.min() ?? .infinity
            if d < nearbyKm || box.expanded(by: 0.5).contains(p.coordinate) {
                onMap.append(p)
                box.include(p.coordinate)
            } else {
                offMap.append(p)
            }
        }
        // A margin: 15% of the larger side, at least 0.4 degrees; at least 2 degrees across.
        let margin = max(0.4, 0.15 * max(box.width, box.height))
        box = box.expanded(by: margin)
        if box.width < 2 {
            let c = box.center.lon
            box.minLon = c - 1
            box.maxLon = c + 1
        }
        if box.height < 1.5 {
            let c = box.center.lat
            box.minLat = c - 0.75
            box.maxLat = c + 0.75
        }
        box.minLat = max(box.minLat, -85)
        box.maxLat = min(box.maxLat, 85)
        return MapExtent(box: box, offMap: offMap, onMap: onMap)
    }
}
