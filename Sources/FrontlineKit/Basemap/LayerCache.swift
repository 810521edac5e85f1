import Foundation

/// The records of each basemap layer file (by path), read once and kept; safe to share between threads.
final class LayerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var layers: [String: [ShapeRecord]] = [:]

    /// Whether a layer's file has been read whole.
    func has(_ layer: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return layers[layer] != nil
    }

    func records(_ layer: String, read: () throws -> [ShapeRecord]) throws -> [ShapeRecord] {
        lock.lock()
        defer { lock.unlock() }
        if let r = layers[layer] { return r }
        let r = try read()
        layers[layer] = r
        return r
    }
}
