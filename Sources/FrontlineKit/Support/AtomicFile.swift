import Foundation

/// Writes a file so that a reader never sees half of it: the bytes go to a temporary
/// file in the same directory, which is then renamed over the destination.
public enum AtomicFile {
    public static func write<Bytes: ContiguousBytes>(_ data: Bytes, to path: String) throws {
        try write(to: path) { tmp in
            // Plain POSIX calls: the bytes go out in as few writes as the kernel takes.
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let reason =
                    errno == EACCES || errno == EROFS
                    ? "the directory is not writable" : String(cString: strerror(errno))
                throw FrontlineError.cannotWrite(file: path, reason: reason)
            }
            let failure: Int32? = data.withUnsafeBytes { buf in
                var done = 0
                while done < buf.count {
                    let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    done += n
                }
                return nil
            }
            let closed = close(fd) == 0 ? nil : errno
            if let e = failure ?? closed {
                throw FrontlineError.cannotWrite(file: tmp, reason: String(cString: strerror(e)))
            }
        }
    }

    /// Calls `produce` with a temporary path beside `path`; on success renames it over `path`.
    /// On any error the temporary file is removed and an earlier file at `path` stays intact.
    public static func write(to path: String, produce: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw FrontlineError.cannotWrite(file: path, reason: "it is a directory")
        }
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw FrontlineError.cannotWrite(file: path, reason: "directory \(dir) does not exist")
        }
        let tmp = dir + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        do {
            try produce(tmp)
            if rename(tmp, path) != 0 {
                let reason = String(cString: strerror(errno))
                throw FrontlineError.cannotWrite(file: path, reason: reason)
            }
        } catch FrontlineError.cannotWrite(let file, let reason) where file == tmp {
            unlink(tmp)
            throw FrontlineError.cannotWrite(file: path, reason: reason)
        } catch {
            unlink(tmp)
            throw error
        }
    }
}
