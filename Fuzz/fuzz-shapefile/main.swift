import Foundation
import FrontlineKit

// libFuzzer target: any bytes as the .shp of a layer whose .shx and .dbf are the committed ones;
// the first byte, when odd, corrupts the .shx with the input too.
nonisolated(unsafe) let dir: String = {
    let d = NSTemporaryDirectory() + "frontline-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    let shapes = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"] ?? "Shapes"
    for ext in ["shx", "dbf"] {
        try? FileManager.default.removeItem(atPath: d + "/layer." + ext)
        try? FileManager.default.copyItem(atPath: shapes + "/rivers." + ext, toPath: d + "/layer." + ext)
    }
    return d
}()
nonisolated(unsafe) let originalShx = FileManager.default.contents(atPath: dir + "/layer.shx") ?? Data()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapefile(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    FileManager.default.createFile(atPath: dir + "/layer.shp", contents: data)
    let shx = (data.first ?? 0) & 1 == 1 ? originalShx.prefix(100) + data.prefix(400) : originalShx
    FileManager.default.createFile(atPath: dir + "/layer.shx", contents: shx)
    if let reader = try? ShapefileReader(path: dir + "/layer.shp") {
        _ = try? reader.records()
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
    return fuzzShapefile(bytes, count)
})
