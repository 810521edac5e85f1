import Foundation
import FrontlineKit
import FuzzSupport

// libFuzzer target: any bytes as the .shp of a layer whose .shx and .dbf are the committed ones;
// the first byte, when odd, corrupts the .shx with the input too.
nonisolated(unsafe) let dir: String = {
    let d = NSTemporaryDirectory() + "frontline-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    let shapes = ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"] ?? "Shapes"
    for (from, to) in [("shx", "original.shx"), ("dbf", "layer.dbf")] {
        try? FileManager.default.removeItem(atPath: d + "/" + to)
        try? FileManager.default.copyItem(atPath: shapes + "/rivers." + from, toPath: d + "/" + to)
    }
    return d
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapefile(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    FileManager.default.createFile(atPath: dir + "/layer.shp", contents: data)
    // The committed index, or (odd first byte) its header followed by the input.
    try? FileManager.default.removeItem(atPath: dir + "/layer.shx")
    try? FileManager.default.copyItem(atPath: dir + "/original.shx", toPath: dir + "/layer.shx")
    if (data.first ?? 0) & 1 == 1, let h = FileHandle(forWritingAtPath: dir + "/layer.shx") {
        try? h.truncate(atOffset: 100)
        try? h.seekToEnd()
        h.write(data.prefix(400))
        try? h.close()
    }
    if let reader = try? ShapefileReader(path: dir + "/layer.shp") {
        _ = try? reader.records()
    }
    return 0
}

runLibFuzzer { bytes, count in
    guard let bytes else { return 0 }
    return fuzzShapefile(bytes, count)
}
