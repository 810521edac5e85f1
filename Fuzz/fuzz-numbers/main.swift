import Foundation
import FrontlineKit
import FuzzSupport

// libFuzzer target: the numbers in an article's distances. The input is read as the quantity of a
// distance phrase, set into sentences that name places the gazetteer knows in every form the
// reader parses (a distance between two places, along a river, an advance, a stretch of border),
// so that every input reaches the number parsing and the checks behind it.
nonisolated(unsafe) let frontline = try! Frontline(shapes: ProcessInfo.processInfo.environment["FRONTLINE_SHAPES"])

let units = ["km", "kilometres", "kilometers", "miles", "mile", "-km", "km (", "metres", "m"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    // The first byte picks the unit; the rest is the quantity as written (any bytes, lossily UTF-8).
    let unit = units[Int(bytes[0]) % units.count]
    let quantity = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: count - 1), as: UTF8.self)
        .replacingOccurrences(of: "\n", with: " ")
    let text = """
        Fighting near Manbij

        Manbij lies \(quantity) \(unit) south of Jarabulus. Forces advanced \(quantity) \(unit) toward al-Bab. \
        The town is \(quantity) \(unit) down the Euphrates from Jarabulus. They hold the last \(quantity) \(unit) \
        of the border with Turkey. Aleppo is about \(quantity)\(unit) west of al-Bab.
        """
    guard let article = try? Article.decode(Data(text.utf8), name: "fuzz") else { return 0 }
    _ = try? frontline.analyse(article)
    return 0
}

runLibFuzzer { bytes, count in
    guard let bytes else { return 0 }
    return fuzzNumbers(bytes, count)
}
