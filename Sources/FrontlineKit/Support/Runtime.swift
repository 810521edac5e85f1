import Foundation

/// What a process sets up once before any command runs: the worker threads, then PROJ opened on one of
/// them (~10 ms of loading that overlaps reading the command line and the article). The threads come
/// first because glibc starts no thread while a library is being opened. Cheap to call again.
public enum Runtime {
    private static let started: Void = {
        limitArenas()
        WorkerPool.start()
        WorkerPool.shared.async { _ = try? ProjLibrary.api() }
    }()

    public static func start() { _ = started }

    /// Under a limit on address space (`ulimit -v`), one malloc arena for all threads: glibc reserves
    /// 64 MB of address space for each thread's own arena, so with a few threads a 200 MB limit ran out
    /// and an allocation failed (a crash, not an error). Without a limit nothing changes.
    static func limitArenas() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max
        else { return }
        _ = glibcMallopt(-8, 1)  // M_ARENA_MAX (malloc.h), 1
    }
}

/// glibc's `int mallopt(int, int)` (malloc.h, which the Glibc module does not import).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
