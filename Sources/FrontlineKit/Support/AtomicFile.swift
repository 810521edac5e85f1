import Foundation

/// Writes a file so that a reader never sees half of it: the bytes go to a temporary
/// file in the same directory, which is then renamed over the destination.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: data) else {
                throw FrontlineError.cannotWrite(file: path, reason: "the directory is not writable")
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
