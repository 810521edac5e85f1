import Foundation

/// Downloads one URL into memory by running `curl`: the only network access Frontline has, used by
/// `frontline gazetteer add` alone. curl, not Foundation's URLSession: linking FoundationNetworking
/// loads libcurl, GnuTLS and their libraries into every command at start-up (measured: `places` 28 →
/// 48 ms), for the one command that downloads. A status other than 200, a body shorter than its
/// Content-Length, a body past `limit` or a failed connection is one error naming the URL.
public enum Download {
    /// The body at `url` (http or https). `progress(received, expected)` is called every 0.1 s while the
    /// body arrives (`expected` is nil: curl does not tell it before the end).
    public static func fetch(
        _ url: URL, limit: Int, progress: @escaping @Sendable (Int, Int?) -> Void
    ) throws -> Data {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FrontlineError.usage("\(url.absoluteString): only http and https URLs are downloaded")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = dir.appendingPathComponent("body").path
        let (code, message) = try run(curl: arguments(url, limit: limit, to: body), watching: body, progress)
        guard code == 0 else { throw FrontlineError.badInput(file: url.absoluteString, reason: reason(code, message)) }
        let data = try Data(contentsOf: URL(fileURLWithPath: body))
        guard data.count <= limit else {
            throw FrontlineError.badInput(file: url.absoluteString, reason: "more than the \(limit) bytes downloaded")
        }
        return data
    }

    /// --fail: an HTTP error is exit 22, not a body; --max-filesize: a larger Content-Length is refused
    /// before the body (exit 63); curl checks a body against its Content-Length itself (exit 18).
    static func arguments(_ url: URL, limit: Int, to body: String) -> [String] {
        [
            "--fail", "--silent", "--show-error", "--location", "--proto", "=http,https", "--connect-timeout", "60",
            "--max-filesize", String(limit), "--output", body, "--", url.absoluteString,
        ]
    }

    /// Runs curl to its end, calling `progress` with the body's size so far; its exit code and error text.
    static func run(
        curl arguments: [String], watching body: String, _ progress: @Sendable (Int, Int?) -> Void
    ) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["curl"] + arguments
        let errors = Pipe()
        p.standardError = errors
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch {
            throw FrontlineError.library(name: "curl", reason: "cannot run curl (apt-get install curl): \(error)")
        }
        while p.isRunning {
            usleep(100_000)
            let size = (try? FileManager.default.attributesOfItem(atPath: body)[.size] as? Int) ?? 0
            if size > 0 { progress(size, nil) }
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (p.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// curl's exit code in the words the other errors use; its own message where there are none.
    static func reason(_ code: Int32, _ message: String) -> String {
        switch code {
        case 127: return "cannot run curl (apt-get install curl)"
        case 22:
            // curl says "The requested URL returned error: 404".
            let status = message.split(separator: " ").last.map { $0.filter(\.isNumber) } ?? ""
            return "the server answered HTTP \(status.isEmpty ? "an error" : status)"
        case 18: return "truncated download: the body ended before its Content-Length"
        case 63: return "is larger than the bytes downloaded at most"
        default:
            let detail = message.replacingOccurrences(of: "curl: ", with: "")
            return "download failed: " + (detail.isEmpty ? "curl exited with code \(code)" : detail)
        }
    }
}
