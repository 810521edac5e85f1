import Foundation
import FrontlineKit
import FuzzSupport

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

runLibFuzzer { bytes, count in
    guard let bytes else { return 0 }
    return fuzzClaims(bytes, count)
}
