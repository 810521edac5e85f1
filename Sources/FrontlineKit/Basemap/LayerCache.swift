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

/// The records read from layers through their index, by file and record number, kept up to a budget
/// of vertices: a batch's next map of the same region reads none of them again (a batch worker read
/// them for every article: 8 % of its time). Safe to share between threads.
final class RecordCache: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: [Int: ShapeRecord?]] = [:]
    private var vertices = 0
    /// At most this many vertices are kept (16 bytes each: about 24 MB).
    let budget: Int

    init(budget: Int = 1_500_000) { self.budget = budget }

    /// Record `index` of `file` (nil: a null shape), as kept, or nil when it is not kept.
    func record(_ file: String, _ index: Int) -> ShapeRecord?? {
        lock.lock()
        defer { lock.unlock() }
        guard let layer = records[file], let r = layer[index] else { return nil }
        return .some(r)
    }

    /// Keeps record `index` of `file` while the budget allows.
    func keep(_ record: ShapeRecord?, _ file: String, _ index: Int) {
        let n = record?.parts.reduce(0) { $0 + $1.count } ?? 0
        lock.lock()
        defer { lock.unlock() }
        guard vertices + n <= budget, !(records[file]?.keys.contains(index) ?? false) else { return }
        records[file, default: [:]][index] = .some(record)
        vertices += n
    }

    /// The number of vertices kept.
    var kept: Int {
        lock.lock()
        defer { lock.unlock() }
        return vertices
    }
}
