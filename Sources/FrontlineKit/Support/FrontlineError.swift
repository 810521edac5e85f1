import Foundation

/// Every error the pipeline reports to a user: one line naming the file and what is wrong.
public enum FrontlineError: Error, CustomStringConvertible, Equatable {
    /// The command line itself is wrong (exit code 2).
    case usage(String)
    /// A file could not be read or its content is not usable (exit code 1).
    case badInput(file: String, reason: String)
    /// An output could not be written (exit code 1).
    case cannotWrite(file: String, reason: String)
    /// A C library refused an operation (exit code 1).
    case library(name: String, reason: String)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case .badInput(let f, let r): return "\(f): \(r)"
        case .cannotWrite(let f, let r): return "cannot write \(f): \(r)"
        case .library(let n, let r): return "\(n): \(r)"
        }
    }

    /// The documented exit code: 2 for usage errors, 1 for bad data or I/O.
    public var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
