import Foundation

/// The records of each basemap layer, read once and kept; safe to share between threads.
final class LayerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var layers: [Basemap.Layer: [ShapeRecord]] = [:]
    private let building = NSCondition()
    private var lines: [String: MeasuredLine?] = [:]
    private var inProgress: Set<String> = []

    /// Whether a layer has been read whole.
    func has(_ layer: Basemap.Layer) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return layers[layer] != nil
    }

    func records(_ layer: Basemap.Layer, read: () throws -> [ShapeRecord]) throws -> [ShapeRecord] {
        lock.lock()
        defer { lock.unlock() }
        if let r = layers[layer] { return r }
        let r = try read()
        layers[layer] = r
        return r
    }

    /// A measured line (a river or border with its geodesic chainage), built once per process. A line
    /// being built (ahead of time, in the background) is waited for, not built twice.
    func line(_ key: String, build: () throws -> MeasuredLine?) throws -> MeasuredLine? {
        building.lock()
        while inProgress.contains(key) { building.wait() }
        if let l = lines[key] {
            building.unlock()
            return l
        }
        inProgress.insert(key)
        building.unlock()
        let result = Result { try build() }
        building.lock()
        inProgress.remove(key)
        if case .success(let l) = result { lines[key] = l }
        building.broadcast()
        building.unlock()
        return try result.get()
    }
}
