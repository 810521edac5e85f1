import CProj
import Foundation

/// PROJ's functions, from libproj opened at run time on a background thread (Sources/CProj/shim.h says
/// why it is not linked). `startLoading()` begins at once and returns; `api()` waits for the load and
/// gives the table, or the one-line reason PROJ could not be opened.
public enum ProjLibrary {
    /// Tried in order: the ABI the headers are for (PROJ 9 is libproj.so.25), then libproj-dev's link.
    static let candidates = ["libproj.so.25", "libproj.so"]

    /// The load, begun by `startLoading()` on a C thread of its own (nil if no thread could be started:
    /// then libproj is opened where it is first needed).
    nonisolated(unsafe) private static let started: UnsafeMutablePointer<frontline_proj_load>? = {
        let l = UnsafeMutablePointer<frontline_proj_load>.allocate(capacity: 1)
        l.initialize(to: frontline_proj_load())
        l.pointee.candidates = (UnsafePointer(strdup(candidates[0])), UnsafePointer(strdup(candidates[1])))
        l.pointee.count = 2
        return frontline_proj_load_start(l) == 0 ? l : nil
    }()

    /// Starts opening libproj on another core (once per process; later calls do nothing).
    public static func startLoading() { _ = started }

    private static let result: Result<frontline_proj_api, FrontlineError> = {
        guard let l = started else { return open(candidates[...], reasons: []) }
        frontline_proj_load_wait(l)
        return outcome(of: l.pointee, names: candidates)
    }()

    /// What a finished load of `names` (tried in that order) comes to: its table if the library it
    /// opened is the PROJ the headers are for, else the next names tried here, else every reason.
    static func outcome(of l: frontline_proj_load, names: [String]) -> Result<frontline_proj_api, FrontlineError> {
        let errors = [l.errors.0, l.errors.1]
        let opened = Int(l.opened)
        var reasons = (0..<(opened < 0 ? min(names.count, 2) : opened)).map { i in
            errors[i].map { String(cString: $0) } ?? "\(names[i]): cannot be opened"
        }
        if opened < 0 { return open(names.dropFirst(2), reasons: reasons) }
        if let api = checked(l.api, name: names[opened], reasons: &reasons) { return .success(api) }
        return open(names[(opened + 1)...], reasons: reasons)
    }

    /// PROJ's functions, once libproj is open.
    static func api() throws -> frontline_proj_api { try result.get() }

    /// The same, for code with no error path of its own (geodesics): if PROJ cannot be opened, the
    /// process ends with that one-line error and exit code 1, as any command would report it.
    static var loaded: frontline_proj_api {
        do { return try api() } catch {
            FileHandle.standardError.write(Data("frontline: error: \(error)\n".utf8))
            Frontline.exit(1)
        }
    }

    /// The API if the library is the PROJ the headers are for; else the reason, added to `reasons`.
    private static func checked(_ api: frontline_proj_api, name: String, reasons: inout [String]) -> frontline_proj_api? {
        let major = Int(api.info().major)
        guard major == Int(PROJ_VERSION_MAJOR) else {
            reasons.append("\(name) is PROJ \(major), built for \(PROJ_VERSION_MAJOR)")
            return nil
        }
        return api
    }

    /// Opens the first of `names` that is the PROJ the headers are for, here and now; else the
    /// one-line reason, after `reasons` (why the libraries tried before failed).
    static func open(_ names: ArraySlice<String>, reasons: [String]) -> Result<frontline_proj_api, FrontlineError> {
        var reasons = reasons
        for name in names {
            let table = UnsafeMutablePointer<frontline_proj_api>.allocate(capacity: 1)
            defer { table.deallocate() }
            var error: UnsafePointer<CChar>?
            if frontline_proj_open(name, table, &error) == 0 {
                if let api = checked(table.pointee, name: name, reasons: &reasons) { return .success(api) }
                continue
            }
            reasons.append(error.map { String(cString: $0) } ?? "\(name): cannot be opened")
        }
        return .failure(.library(name: "PROJ", reason: "cannot open libproj (\(reasons.joined(separator: "; "))); install it with apt-get install libproj-dev"))
    }
}
