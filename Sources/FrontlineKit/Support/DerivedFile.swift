import Foundation

/// A file computed from others and kept beside them or in the user's cache: the gazetteer's compiled
/// index (from gazetteer.tsv) and the layers' spatial indexes (from each .shp). The repository holds
/// only the sources; a derived file is built on first use, and again whenever a source is newer than it
/// (after a `git pull` that changes the data, say), so a stale index is never read.
///
/// Concurrent commands (a batch's workers, a test suite) build it once: the builder holds an exclusive
/// `flock` on `PATH.lock` and looks again once it has the lock, so the others wait and then read what
/// the first wrote. The file itself is written whole or not at all (`AtomicFile`).
public enum DerivedFile {
    /// The modification time of `path` in nanoseconds since 1970 (following symlinks), or nil.
    static func modified(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
    }

    /// Whether `path` exists and is no older than any of `sources` that exist.
    public static func isFresh(_ path: String, sources: [String]) -> Bool {
        guard let built = modified(path) else { return false }
        return sources.compactMap(modified).allSatisfy { $0 <= built }
    }

    /// Whether this process may create files in `folder`.
    static func canWrite(in folder: String) -> Bool { access(folder, W_OK | X_OK) == 0 }

    /// `path` brought up to date from `sources`: returned as it is when fresh, otherwise built by
    /// `build` (given the path to write, through `AtomicFile`) under the lock. `announce` is said once,
    /// by the process that builds, before it starts (a compile can take half a minute).
    public static func ensure(
        _ path: String, sources: [String], announce: String? = nil, build: (String) throws -> Void
    ) throws -> String {
        if isFresh(path, sources: sources) { return path }
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw FrontlineError.cannotWrite(file: lockPath, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        // Waits for a process building the same file; the lock ends when its descriptor closes, even
        // if that process dies.
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FrontlineError.cannotWrite(file: lockPath, reason: String(cString: strerror(errno)))
            }
        }
        defer { flock(fd, LOCK_UN) }
        if isFresh(path, sources: sources) { return path }
        if let announce { Console.message(announce) }
        try build(path)
        return path
    }

    /// The user's cache folder for derived files (`$XDG_CACHE_HOME/frontline`, else
    /// `~/.cache/frontline`), created if need be; nil when neither variable gives one.
    static func cacheFolder(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let root: String
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            root = xdg
        } else if let home = env["HOME"], home.hasPrefix("/") {
            root = home + "/.cache"
        } else {
            return nil
        }
        let folder = root + "/frontline"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return canWrite(in: folder) ? folder : nil
    }

    /// A name for the derived file of `folder` in the cache: the folder's real path hashed (FNV-1a,
    /// 64 bits), so two basemaps never share a cached index.
    static func cacheName(for folder: String, suffix: String) -> String {
        let resolved = realpath(folder, nil).map { p -> String in
            defer { free(p) }
            return String(cString: p)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (resolved ?? folder).utf8 {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3  // FNV-1a's 64-bit prime
        }
        return String(hash, radix: 16) + "-" + suffix
    }
}
