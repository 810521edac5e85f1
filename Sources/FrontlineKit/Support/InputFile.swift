import Foundation

/// A file opened for reading the way every input should be: without blocking (a FIFO or a device
/// named as an input would otherwise hang the process in `open` or `read`), and refused unless it is
/// a regular file. Its size comes from `fstat` on the descriptor actually opened, so a limit applies to
/// the file read after symlinks, not to the link. The descriptor is closed when this is released.
public final class InputFile {
    /// Why a path cannot be read as an input; the caller names the file (see `FrontlineError.badInput`).
    public enum Problem: Error, Equatable, Sendable {
        case missing
        case isDirectory
        /// A FIFO, a device or a socket: named by what it is.
        case notRegular(String)
        /// Larger than the caller's limit, in bytes (as `fstat` gave it).
        case tooLarge(Int)
        case unreadable(String)

        public var text: String {
            switch self {
            case .missing: return "no such file"
            case .isDirectory: return "is a directory"
            case .notRegular(let kind): return "is \(kind), not a regular file"
            case .tooLarge(let size): return "is \(size) bytes, more than Frontline reads"
            case .unreadable(let why): return "cannot be read (\(why))"
            }
        }
    }

    public let path: String
    public let descriptor: Int32
    /// The size of the opened file, from `fstat`.
    public let size: Int

    /// Opens `path` read-only and non-blocking, and checks that it is a regular file.
    public init(path: String) throws(Problem) {
        // O_NONBLOCK makes open() return at once on a FIFO with no writer; a regular file ignores it.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Self.problem(errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw Self.problem(e)
        }
        if let refusal = Self.refusal(mode: st.st_mode) {
            close(fd)
            throw refusal
        }
        self.path = path
        descriptor = fd
        size = Int(st.st_size)
    }

    deinit { close(descriptor) }

    /// Opens `path` as an input, or throws the one-line error naming it.
    public static func open(_ path: String) throws -> InputFile {
        do { return try InputFile(path: path) } catch { throw FrontlineError.badInput(file: path, reason: error.text) }
    }

    /// The whole file (at most `limit` bytes: a larger one is refused before any of it is read); a
    /// missing file is refused with `missing` when given.
    public static func read(_ path: String, limit: Int? = nil, missing: String? = nil) throws -> Data {
        do { return try InputFile(path: path).data(limit: limit) } catch {
            throw FrontlineError.badInput(file: path, reason: error == .missing ? missing ?? error.text : error.text)
        }
    }

    /// The file's bytes from the start; stops at `limit` + 1 so a file that grew past it is refused too.
    public func data(limit: Int? = nil) throws(Problem) -> Data {
        if let limit, size > limit { throw .tooLarge(size) }
        let cap = limit.map { $0 + 1 } ?? Int.max
        var out = Data(capacity: min(size, cap))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < cap {
            let want = min(chunk.count, cap - out.count)
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, want, off_t(out.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        if let limit, out.count > limit { throw .tooLarge(out.count) }
        return out
    }

    /// `count` bytes at `offset`, or fewer where the file ends first.
    public func bytes(at offset: Int, count: Int) throws(Problem) -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: max(count, 0))
        var got = 0
        let want = buf.count
        while got < want {
            let n = buf.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + got, want - got, off_t(offset + got))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            got += n
        }
        return Array(buf[0..<got])
    }

    private static func problem(_ code: Int32) -> Problem {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EISDIR: return .isDirectory
        default: return .unreadable(String(cString: strerror(code)))
        }
    }

    /// Nil for a regular file; otherwise what the file is, as a refusal.
    static func refusal(mode: mode_t) -> Problem? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .isDirectory
        case S_IFIFO: return .notRegular("a FIFO (named pipe)")
        case S_IFCHR: return .notRegular("a character device")
        case S_IFBLK: return .notRegular("a block device")
        case S_IFSOCK: return .notRegular("a socket")
        default: return .notRegular("an unknown kind of file")
        }
    }
}
