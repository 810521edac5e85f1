import Foundation

/// Checks an output path before anything is written to it, and reduces names taken from input files
/// (a claims file's `article.name`, a batch input's file name) to a safe file name.
public enum OutputPath {
    /// The longest safe name, in UTF-8 bytes: room for an extension, a "-N" and a temporary file's
    /// prefix and suffix within the 255 bytes a Linux file name may have.
    public static let nameBytes = 120

    /// `raw` as one file name: no path separator, no `..`, no control character or NUL, no leading dot
    /// (a hidden file), at most `nameBytes` bytes, never empty (then `fallback`). A name that is already
    /// safe comes back unchanged.
    public static func safeName(_ raw: String, fallback: String = "article") -> String {
        // A path's parts joined: "../../x" is "x", "a/b" is "a_b"; "." and ".." parts are dropped.
        let parts = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).filter { $0 != "." && $0 != ".." }
        var out = ""
        for ch in parts.joined(separator: "_").unicodeScalars {
            out.unicodeScalars.append(isUnsafe(ch) ? "_" : ch)
        }
        while out.contains("..") { out = out.replacingOccurrences(of: "..", with: ".") }
        while out.contains("__") { out = out.replacingOccurrences(of: "__", with: "_") }
        out = String(out.drop(while: { $0 == "." || $0.isWhitespace })).trimmingCharacters(in: .whitespaces)
        out = truncated(out, bytes: nameBytes)
        return out.allSatisfy { $0 == "_" } ? fallback : out  // nothing left of the name but what was unsafe
    }

    /// Separators, C0 and C1 controls, DEL, line and paragraph separators, non-characters: what a file
    /// name must not hold (it would leave its folder, or break the line an error prints it on).
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2F, 0x5C: return true  // "/" and "\"
        case 0...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029, 0xFDD0...0xFDEF: return true
        default: return s.value & 0xFFFE == 0xFFFE
        }
    }

    /// The longest prefix of `s`, in whole characters, of at most `bytes` UTF-8 bytes.
    static func truncated(_ s: String, bytes: Int) -> String {
        guard s.utf8.count > bytes else { return s }
        var out = "", used = 0
        for ch in s {
            used += ch.utf8.count
            if used > bytes { break }
            out.append(ch)
        }
        return out
    }

    /// A base path given with `-o`, to which a format's extension is added: it must not be empty, end
    /// in "/" or name something that is not a regular file ("/", a folder, /dev/full, a FIFO).
    public static func checkBase(_ base: String) throws {
        guard !base.isEmpty else { throw FrontlineError.usage("the output path is empty (give -o PATH)") }
        guard !base.hasSuffix("/") else {
            throw FrontlineError.cannotWrite(file: base, reason: "it names a folder; give a file name in it")
        }
        try checkDestination(base)
    }

    /// Refuses a destination that is not (or would not be) a regular file in an existing folder, before
    /// anything is written: a device, a FIFO, a socket or a folder, followed through a symbolic link.
    public static func checkDestination(_ path: String) throws {
        guard !path.isEmpty else { throw FrontlineError.usage("the output path is empty (give -o PATH)") }
        guard !path.utf8.contains(0) else {
            throw FrontlineError.cannotWrite(file: path, reason: "contains a NUL byte")
        }
        // Said now rather than by the rename, after the whole map has been drawn.
        guard (path as NSString).lastPathComponent.utf8.count <= 255 else {
            throw FrontlineError.cannotWrite(file: path, reason: "File name too long (over 255 bytes)")
        }
        if let kind = FileKind.of(path, following: true), kind != .regular {
            throw FrontlineError.cannotWrite(file: path, reason: kind.refusal)
        }
        let dir = folder(of: path)
        switch FileKind.of(dir, following: true) {
        case nil: throw FrontlineError.cannotWrite(file: path, reason: "directory \(dir) does not exist")
        case .directory?: return
        default: throw FrontlineError.cannotWrite(file: path, reason: "\(dir) is not a directory")
        }
    }

    /// The folder a path's file is in ("." for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}

/// What a path names, from `stat` or `lstat`.
enum FileKind: Equatable {
    case regular, directory, device, fifo, socket, symlink, other

    /// The kind, or nil when nothing is there (a dangling link followed counts as nothing).
    static func of(_ path: String, following: Bool) -> FileKind? {
        var st = stat()
        guard (following ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFCHR, S_IFBLK: return .device
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    var refusal: String {
        switch self {
        case .directory: return "it is a directory"
        case .device: return "it is a device, not a regular file"
        case .fifo: return "it is a FIFO, not a regular file"
        case .socket: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }
}
