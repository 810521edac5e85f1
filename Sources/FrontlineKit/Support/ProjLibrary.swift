import CProj
import Foundation

/// PROJ's functions, from libproj opened at run time on a background thread (Sources/CProj/shim.h says
/// why it is not linked). `startLoading()` begins at once and returns; `api()` waits for the load and
/// gives the table, or the one-line reason PROJ could not be opened.
public enum ProjLibrary {
    /// Tried in order: the ABI the headers are for (PROJ 9 is libproj.so.25), then libproj-dev's link.
    static let candidates = ["libproj.so.25", "libproj.so"]

    private final class Load: @unchecked Sendable {
        let group = DispatchGroup()
        var result: Result<frontline_proj_api, FrontlineError> = .failure(.library(name: "PROJ", reason: "not loaded"))
    }

    private static let load: Load = {
        let l = Load()
        l.group.enter()
        Thread {
            l.result = open()
            l.group.leave()
        }.start()
        return l
    }()

    /// Starts opening libproj on another core (once per process; later calls do nothing).
    public static func startLoading() { _ = load }

    /// PROJ's functions, once libproj is open.
    static func api() throws -> frontline_proj_api {
        load.group.wait()
        return try load.result.get()
    }

    /// The same, for code with no error path of its own (geodesics): if PROJ cannot be opened, the
    /// process ends with that one-line error and exit code 1, as any command would report it.
    static var loaded: frontline_proj_api {
        do { return try api() } catch {
            FileHandle.standardError.write(Data("frontline: error: \(error)\n".utf8))
            Frontline.exit(1)
        }
    }

    private static func open() -> Result<frontline_proj_api, FrontlineError> {
        var reasons: [String] = []
        for name in candidates {
            let table = UnsafeMutablePointer<frontline_proj_api>.allocate(capacity: 1)
            defer { table.deallocate() }
            var error: UnsafePointer<CChar>?
            if frontline_proj_open(name, table, &error) == 0 {
                let api = table.pointee
                let major = Int(api.info().major)
                guard major == Int(PROJ_VERSION_MAJOR) else {
                    reasons.append("\(name) is PROJ \(major), built for \(PROJ_VERSION_MAJOR)")
                    continue
                }
                return .success(api)
            }
            reasons.append(error.map { String(cString: $0) } ?? "\(name): cannot be opened")
        }
        return .failure(.library(name: "PROJ", reason: "cannot open libproj (\(reasons.joined(separator: "; "))); install it with apt-get install libproj-dev"))
    }
}
