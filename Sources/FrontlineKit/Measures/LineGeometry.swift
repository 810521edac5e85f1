import Foundation

/// The geometry distances are measured along, as plain values from the caller: the records of a
/// rivers layer (each river's name in NAME) and of a boundaries layer (each border's two countries in
/// LEFT_ISO and RIGHT_ISO, its name in NAME).
public struct LineGeometry: Sendable {
    /// Each layer is asked for when a distance first runs along it.
    let rivers: @Sendable () throws -> [ShapeRecord]
    let boundaries: @Sendable () throws -> [ShapeRecord]
    /// The boundaries' records between two countries (ISO alpha-2, in either order): by default those
    /// of `boundaries` whose LEFT_ISO and RIGHT_ISO they are; a basemap reads only them.
    let border: @Sendable (String, String) throws -> [ShapeRecord]
    /// The files the layers come from, named in errors about a line.
    var riversSource: String?
    var boundariesSource: String?

    /// Geometry in hand.
    public init(rivers: [ShapeRecord], boundaries: [ShapeRecord]) {
        self.rivers = { rivers }
        self.boundaries = { boundaries }
        border = { a, b in boundaries.filter { Self.isBorder($0.attributes, a, b) } }
    }

    /// Whether a boundary's attributes name it the border of `a` and `b`, in either order.
    static func isBorder(_ attributes: [String: String], _ a: String, _ b: String) -> Bool {
        Set([attributes["LEFT_ISO"], attributes["RIGHT_ISO"]]) == Set([a, b])
    }

    /// Geometry read when first needed: a check that runs along no border reads no boundaries.
    public init(
        rivers: @escaping @Sendable () throws -> [ShapeRecord],
        boundaries: @escaping @Sendable () throws -> [ShapeRecord],
        border: (@Sendable (String, String) throws -> [ShapeRecord])? = nil,
        riversSource: String? = nil, boundariesSource: String? = nil
    ) {
        self.rivers = rivers
        self.boundaries = boundaries
        self.border = border ?? { a, b in try boundaries().filter { Self.isBorder($0.attributes, a, b) } }
        self.riversSource = riversSource
        self.boundariesSource = boundariesSource
    }
}

/// Measured lines built once per process and shared by every checker: a line's chainage is the
/// costliest part of a check, so a batch builds each river once, and a line being built (ahead of time,
/// in the background) is waited for, not built twice. A line is known by its name and its vertices,
/// so lines of different basemaps never mix.
final class MeasuredLineCache: @unchecked Sendable {
    static let shared = MeasuredLineCache()

    struct Key: Hashable {
        var name: String
        var points: [LonLat]
    }

    private let building = NSCondition()
    private var lines: [Key: MeasuredLine] = [:]
    private var inProgress: Set<Key> = []

    /// The line of these vertices, measured once.
    func line(name: String, points: [LonLat], source: String? = nil) -> MeasuredLine {
        let key = Key(name: name, points: points)
        building.lock()
        while inProgress.contains(key) { building.wait() }
        if let l = lines[key] {
            building.unlock()
            return l
        }
        inProgress.insert(key)
        building.unlock()
        let line = MeasuredLine(name: name, points: points, source: source)
        building.lock()
        inProgress.remove(key)
        lines[key] = line
        building.broadcast()
        building.unlock()
        return line
    }
}
