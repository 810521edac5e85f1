import Foundation
import FrontlineKit
import FuzzSupport

// libFuzzer target: any bytes as an article file, through the text, places, claims and distance stages.
nonisolated(unsafe) let frontline = try! Frontline(shapes: ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArticle(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let article = try? Article.decode(data, name: "fuzz") else { return 0 }
    _ = try? frontline.analyse(article)
    return 0
}

runLibFuzzer { bytes, count in
    guard let bytes else { return 0 }
    return fuzzArticle(bytes, count)
}
