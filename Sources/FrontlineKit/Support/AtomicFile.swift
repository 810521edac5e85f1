import Foundation

/// Writes a file so that a reader never sees half of it: the bytes go to a temporary file in the same
/// directory, which is then renamed over the destination. The destination is checked first (a device,
/// FIFO or folder is refused), every write and the close are checked (a full disk is an error), and on
/// any failure the temporary file is removed and an earlier file at the destination stays intact.
public enum AtomicFile {
    public static func write<Bytes: ContiguousBytes>(_ data: Bytes, to path: String) throws {
        try write([(path: path, bytes: data)])
    }

    /// Writes several files, all or none: every destination is checked, then every file is written to
    /// its temporary file, and only when all are written are they renamed into place.
    public static func write<Bytes: ContiguousBytes>(_ files: [(path: String, bytes: Bytes)]) throws {
        for f in files { try OutputPath.checkDestination(f.path) }
        var temps: [TempFile] = []
        defer { for t in temps { t.discard() } }
        for f in files {
            let t = try TempFile(beside: f.path)
            temps.append(t)
            try t.write(f.bytes)
            try t.close()
        }
        for t in temps { try t.commit() }
    }

    /// Calls `produce` with a path to write (a temporary file beside `path`, created by this process
    /// alone); on success renames that file over `path`. For C libraries that open a file by name.
    public static func write(to path: String, produce: (String) throws -> Void) throws {
        try OutputPath.checkDestination(path)
        let t = try TempFile(beside: path)
        defer { t.discard() }
        do {
            try produce(t.libraryPath)
        } catch FrontlineError.cannotWrite(let file, let reason) where file == t.libraryPath || file == t.path {
            throw FrontlineError.cannotWrite(file: path, reason: reason)
        }
        try t.close()
        try t.commit()
    }

    /// Removes the temporary files a process that died while writing `destination` left beside it
    /// (a batch worker that crashed): the names `TempFile` gives, never the destination itself.
    public static func removeLeftovers(of destination: String) {
        let folder = OutputPath.folder(of: destination)
        let prefix = TempFile.prefix(of: destination)
        let lead = String(prefix.dropFirst(folder.count + 1))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for n in names where n.hasPrefix(lead) && n.hasSuffix(".tmp") && n.count == lead.count + 20 {
            unlink(folder + "/" + n)
        }
    }
}

/// A temporary file beside its destination, opened with O_CREAT|O_EXCL|O_NOFOLLOW under a name with
/// 64 random bits: it is always a new file of this process, never one planted there or a symlink's target.
final class TempFile {
    let path: String
    let destination: String
    private var fd: Int32
    private let identity: (dev: UInt64, ino: UInt64)
    private var committed = false

    init(beside destination: String) throws {
        self.destination = destination
        let prefix = Self.prefix(of: destination)
        var attempt = 0
        while true {
            let random = String(UInt64.random(in: .min ... .max), radix: 16)
            let candidate = prefix + String(repeating: "0", count: 16 - random.count) + random + ".tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 {
                path = candidate
                self.fd = fd
                break
            }
            attempt += 1
            guard errno == EEXIST, attempt < 100 else { throw Self.openFailure(destination, errno) }
        }
        var st = stat()
        fstat(fd, &st)
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// The temporary files' names beside `destination` start with this (a random part and ".tmp" follow).
    static func prefix(of destination: String) -> String {
        let name = (destination as NSString).lastPathComponent
        return OutputPath.folder(of: destination) + "/." + OutputPath.truncated(name, bytes: 100) + "."
    }

    private static func openFailure(_ destination: String, _ code: Int32) -> FrontlineError {
        let reason = code == EACCES || code == EROFS ? "the directory is not writable" : String(cString: strerror(code))
        return FrontlineError.cannotWrite(file: destination, reason: reason)
    }

    /// The name a C library is given to write into: this process's own descriptor of the file, so the
    /// library writes into the file created here even if someone swapped the name meanwhile.
    var libraryPath: String {
        let proc = "/proc/self/fd/\(fd)"
        return access(proc, F_OK) == 0 ? proc : path
    }

    /// Writes all of `data`, retrying short writes; a failed write (ENOSPC, EFBIG, EIO) is an error.
    func write<Bytes: ContiguousBytes>(_ data: Bytes) throws {
        let failure: Int32? = data.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 ? ENOSPC : errno }
                done += n
            }
            return nil
        }
        if let failure { throw fail(failure) }
    }

    /// Closes the file, checked: some file systems report a failed write only here.
    func close() throws {
        guard fd >= 0 else { return }
        let result = Foundation.close(fd)
        let code = errno
        fd = -1
        if result != 0 { throw fail(code) }
    }

    /// Renames the file over its destination, once the destination is checked again (it must not have
    /// become a device or FIFO, which a rename would replace) and the name still holds this file.
    func commit() throws {
        if let kind = FileKind.of(destination, following: false), ![.regular, .symlink].contains(kind) {
            throw FrontlineError.cannotWrite(file: destination, reason: kind.refusal)
        }
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
            (UInt64(st.st_dev), UInt64(st.st_ino)) == identity
        else {
            throw FrontlineError.cannotWrite(file: destination, reason: "its temporary file \(path) was replaced")
        }
        guard rename(path, destination) == 0 else { throw fail(errno) }
        committed = true
    }

    /// Closes and removes the file unless it was renamed into place.
    func discard() {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
        if !committed { unlink(path) }
    }

    private func fail(_ code: Int32) -> FrontlineError {
        FrontlineError.cannotWrite(file: destination, reason: String(cString: strerror(code)))
    }
}
