import Foundation
import FrontlineKit
import FuzzSupport

// libFuzzer target: any bytes as a claims file, drawn as `render CLAIMS.json` draws it, to PNG, SVG
// and PDF in memory (nothing is written): the path from a hand-corrected claims file to the outputs.
nonisolated(unsafe) let frontline = try! Frontline(
    shapes: ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"], drawing: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaimsRender(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let doc = try? ClaimsDocument.decode(data, file: "fuzz.json", actors: frontline.actors),
        let scene = try? frontline.scene(for: Analysis(document: doc), request: MapRequest(width: 400))
    else { return 0 }
    // A small width keeps each run short; every format is drawn, as render draws them.
    _ = try? Renderer(fonts: frontline.fonts).files(scene, formats: [.png, .svg, .pdf])
    return 0
}

runLibFuzzer { bytes, count in
    guard let bytes else { return 0 }
    return fuzzClaimsRender(bytes, count)
}
