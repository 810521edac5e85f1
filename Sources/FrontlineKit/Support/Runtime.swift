import Foundation

/// What a process sets up once before any command runs: the worker threads, then PROJ opened on one of
/// them (~10 ms of loading that overlaps reading the command line and the article). The threads come
/// first because glibc starts no thread while a library is being opened. Cheap to call again.
public enum Runtime {
    private static let started: Void = {
        WorkerPool.start()
        WorkerPool.shared.async { _ = try? ProjLibrary.api() }
    }()

    public static func start() { _ = started }
}
