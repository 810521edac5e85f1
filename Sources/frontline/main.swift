import ArgumentParser
import Foundation
import FrontlineKit

/// Exit codes: 0 success, 1 bad data or I/O, 2 usage.
Frontline.prepare()
do {
    var command = try FrontlineCommand.parseAsRoot()
    try command.run()
    Frontline.exit(0)
} catch let e as ExitCode {
    Frontline.exit(e.rawValue)
} catch let e as FrontlineError {
    FileHandle.standardError.write(Data("frontline: error: \(e.description)\n".utf8))
    Frontline.exit(e.exitCode)
} catch {
    let code = FrontlineCommand.exitCode(for: error)
    if code == .success {
        print(FrontlineCommand.fullMessage(for: error))
        Frontline.exit(0)
    }
    // One line: the message without the usage block (`--help` has that).
    var message = FrontlineCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid command line"
    if message.hasPrefix("Error: ") { message.removeFirst(7) }
    FileHandle.standardError.write(Data("frontline: error: \(message)\n".utf8))
    Frontline.exit(2)
}
