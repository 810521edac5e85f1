import Foundation

/// Standard output and standard error for the command line: output whose loss is an error, messages
/// that are always one line, and neither a closed descriptor nor a broken pipe ending the process.
public enum Console {
    /// Set up before anything else runs. A broken pipe or a file past `ulimit -f` then fails the
    /// write (EPIPE, EFBIG) instead of killing the process unannounced. A closed standard descriptor
    /// (`>&-`, `2>&-`) gets /dev/null opened read-only in its place: writes to it still fail, as they
    /// must, but no file the process opens later can take descriptor 1 or 2 and receive its output.
    public static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0, null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    /// Writes `text` and a newline to standard output; a failed write (a full disk, a closed or broken
    /// stdout) is an error, so no output is lost silently.
    public static func line(_ text: String) throws {
        if let code = writeAll(1, text + "\n") {
            throw FrontlineError.cannotWrite(file: "standard output", reason: String(cString: strerror(code)))
        }
    }

    /// Writes one line to standard error with its control characters escaped; when stderr itself
    /// cannot be written there is nobody left to tell, so a failure is ignored.
    public static func message(_ text: String) {
        _ = writeAll(2, escaped(text) + "\n")
    }

    /// Writes `text` as it is to standard error (a progress line, which may rewrite itself with "\r"),
    /// ignoring a failure as `message` does.
    public static func progress(_ text: String) {
        _ = writeAll(2, text)
    }

    /// `text` on one line: newlines, tabs, terminal escapes and other control or bidirectional
    /// characters (a file name may hold any of them) written as `\n`, `\t` or `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(s): out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Writes all of `text` to `fd`; the errno of a failed write, or nil.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 ? EIO : errno }
                done += n
            }
            return nil
        }
    }
}
