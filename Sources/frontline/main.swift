import ArgumentParser
import Foundation
import FrontlineKit

/// Exit codes: 0 success, 1 bad data or I/O, 2 usage.
/// Ends the process once its output is flushed, without running the libraries' destructors (_exit):
/// work started ahead in the background (PROJ being opened, a layer read early) may still be using a
/// library those would tear down under it.
func finish(_ code: Int32) -> Never {
    fflush(nil)  // every open stream
    _exit(code)
}

/// The one place an error is printed: one line, its file names' control characters escaped.
func fail(_ message: String, code: Int32) -> Never {
    Console.message("frontline: error: " + message)
    finish(code)
}

Console.prepare()  // first: before any thread or library could open a file on a closed descriptor
Runtime.start()
do {
    var command = try FrontlineCommand.parseAsRoot()
    try command.run()
    finish(0)
} catch let e as ExitCode {
    finish(e.rawValue)
} catch let e as FrontlineError {
    fail(e.description, code: e.exitCode)
} catch {
    let code = FrontlineCommand.exitCode(for: error)
    if code == .success {
        print(FrontlineCommand.fullMessage(for: error))
        finish(0)
    }
    // One line: the message without the usage block (`--help` has that).
    var message =
        FrontlineCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid command line"
    if message.hasPrefix("Error: ") { message.removeFirst(7) }
    fail(message, code: 2)
}
