import CProj
import Foundation

/// PROJ's functions, from libproj opened at run time (Sources/CProj/shim.h says why it is not linked):
/// `api()` opens it on first use and gives the table, or the one-line reason PROJ could not be opened.
public enum ProjLibrary {
    /// Tried in order: the ABI the headers are for (PROJ 9 is libproj.so.25), then libproj-dev's link.
    static let candidates = ["libproj.so.25", "libproj.so"]

    private static let result: Result<frontline_proj_api, FrontlineError> = open(candidates[...], reasons: [])

    /// PROJ's functions, once libproj is open.
    static func api() throws -> frontline_proj_api { try result.get() }

    /// The same, for code with no error path of its own (geodesics). `Frontline` opens PROJ before any
    /// stage runs and reports a failure as an error, so reaching here without it is a programming error.
    static var loaded: frontline_proj_api {
        guard case .success(let api) = result else { preconditionFailure("PROJ used before Frontline opened it") }
        return api
    }

    /// The API if the library is the PROJ the headers are for; else the reason, added to `reasons`.
    private static func checked(_ api: frontline_proj_api, name: String, reasons: inout [String]) -> frontline_proj_api?
    {
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
        let why = reasons.joined(separator: "; ")
        return .failure(
            .library(name: "PROJ", reason: "cannot open libproj (\(why)); install it with apt-get install libproj-dev"))
    }
}
