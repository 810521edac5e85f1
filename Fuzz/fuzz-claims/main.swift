import Foundation
import FrontlineKit

// libFuzzer target: any bytes as a claims file.
nonisolated(unsafe) let frontline = try! Frontline(shapes: ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaims(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if let doc = try? ClaimsDocument.decode(data, file: "fuzz.json", actors: frontline.actors) {
        _ = try? doc.json()
        _ = doc.resolution
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var fuzzArgc = CommandLine.argc
var fuzzArgv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { bytes, count in
    guard let bytes else { return 0 }
    return fuzzClaims(bytes, count)
})
