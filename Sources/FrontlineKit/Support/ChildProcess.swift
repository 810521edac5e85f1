import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process of this program's own executable (/proc/self/exe), started with posix_spawn,
/// fed lines on its standard input and answering lines on its standard output; its standard error
/// is this process's. It owns both pipes and the process: `finish` closes its input and waits for it,
/// `waitForEnd` tells how it ended once its answers stop.
public final class ChildProcess {
    public let pid: pid_t
    private var input: Int32
    private static let starting = NSLock()
    private let answers: LineReader

    /// How a child ended: its exit code, or the signal that killed it.
    public enum Ending: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): return "exited with code \(code)"
            case .signalled(let s): return "crashed with signal \(s) (\(String(cString: strsignal(s))))"
            }
        }
    }

    /// Starts this executable with `arguments` (after the program name).
    public init(arguments: [String]) throws {
        // One start at a time: the pipes are close-on-exec before another thread's child could inherit
        // them (a second holder of a child's output would keep its end from ever being seen).
        Self.starting.lock()
        defer { Self.starting.unlock() }
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { throw Self.failure("pipe", errno) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0])
            close(toChild[1])
            throw Self.failure("pipe", errno)
        }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        let argv = (["frontline"] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, "/proc/self/exe", &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard code == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw Self.failure("posix_spawn", code)
        }
        pid = child
        input = toChild[1]
        answers = LineReader(fd: fromChild[0])
    }

    static func failure(_ call: String, _ code: Int32) -> FrontlineError {
        .library(name: "batch", reason: "cannot start a worker process: \(call): \(String(cString: strerror(code)))")
    }

    /// Sends one line and reads the answer line; nil when the child has gone (it died, or closed its
    /// output).
    public func ask(_ line: String) -> String? {
        guard Console.writeAll(input, line + "\n") == nil else { return nil }
        return answers.next()
    }

    /// Reads one line the child writes unasked (nil once it has gone).
    public func read() -> String? { answers.next() }

    /// Waits for the child to end (after its answers stopped) and says how it ended.
    public func waitForEnd() -> Ending {
        closeInput()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// Closes the child's input (it ends once it has read all) and waits for it.
    @discardableResult public func finish() -> Ending { waitForEnd() }

    private func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    deinit {
        closeInput()
        answers.close()
    }
}

/// Lines read from a file descriptor (a pipe), buffered; newline-terminated, without the newline.
public final class LineReader {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    public init(fd: Int32) { self.fd = fd }

    /// The next line, or nil at the end of input (a last line without its newline is dropped: the
    /// writer was cut off in the middle of it).
    public func next() -> String? {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let nl = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<nl], as: UTF8.self)
                start = nl + 1
                if start > 1 << 16 {
                    buffer.removeFirst(start)
                    start = 0
                }
                return line
            }
            guard fd >= 0 else { return nil }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
        }
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
