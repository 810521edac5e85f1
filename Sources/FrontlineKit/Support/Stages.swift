import Foundation

/// Wall-clock times of the pipeline's inner stages, kept when FRONTLINE_STAGES is set (the benchmark
/// prints them); otherwise nothing is recorded.
public enum Stages {
    nonisolated(unsafe) private static var times: [(String, Double)] = []
    private static let lock = NSLock()
    static let enabled = ProcessInfo.processInfo.environment["FRONTLINE_STAGES"] != nil

    static func note(_ name: String, since start: UInt64, until end: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        times.append((name, Double(end - start) / 1e6))
    }

    /// The stages noted so far, in order, and forgets them.
    public static func take() -> [(name: String, ms: Double)] {
        lock.lock()
        defer { lock.unlock() }
        defer { times = [] }
        return times.map { ($0.0, $0.1) }
    }
}
