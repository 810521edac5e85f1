import Foundation

/// The records of each basemap layer, read once and kept; safe to share between threads.
final class LayerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var layers: [Basemap.Layer: [ShapeRecord]] = [:]
    private var lines: [String: MeasuredLine?] = [:]

    func records(_ layer: Basemap.Layer, read: () throws -> [ShapeRecord]) throws -> [ShapeRecord] {
        lock.lock()
        defer { lock.unlock() }
        if let r = layers[layer] { return r }
        let r = try read()
        layers[layer] = r
        return r
    }

    /// A measured line (a river or border with its geodesic chainage), built once per process.
    func line(_ key: String, build: () throws -> MeasuredLine?) throws -> MeasuredLine? {
        lock.lock()
        if let l = lines[key] { lock.unlock(); return l }
        lock.unlock()
        let l = try build()
        lock.lock()
        lines[key] = l
        lock.unlock()
        return l
    }
}
