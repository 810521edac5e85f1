import Foundation

/// The size of a figure: pixels for the screen, or millimetres at a DPI for print.
public struct FigureSize: Sendable, Equatable {
    public var width: Double
    public var height: Double?
    public var dpi: Double?

    public init(width: Double, height: Double?, dpi: Double?) {
        self.width = width
        self.height = height
        self.dpi = dpi
    }

    /// Named sizes for reports: a single report column, a full page, a slide.
    public static let presets: [String: (size: String, dpi: Double?)] = [
        "column": ("85mm", 300), "page": ("180mm", 300), "slide": ("1920x1080", nil), "screen": ("1600", nil),
    ]

    /// "1200", "1200x800", "85mm", "170x120mm" (with --dpi, default 300 for mm), or a preset name.
    public static func parse(size: String?, dpi: Double?, preset: String?) throws -> FigureSize? {
        var spec = size
        var d = dpi
        if let preset {
            guard let p = presets[preset.lowercased()] else {
                throw FrontlineError.usage(
                    "unknown --preset '\(preset)' (choose from \(presets.keys.sorted().joined(separator: ", ")))")
            }
            spec = spec ?? p.size
            d = d ?? p.dpi
        }
        // A DPI is checked whenever given (NaN and infinity are outside the range too): it is recorded in
        // the PNG, and multiplies a size in millimetres.
        if let d, !Limits.dpi.contains(d) {
            let (lo, hi) = (Int(Limits.dpi.lowerBound), Int(Limits.dpi.upperBound))
            throw FrontlineError.usage("--dpi must be between \(lo) and \(hi) (got \(d))")
        }
        guard let spec else { return nil }
        let lower = spec.lowercased().replacingOccurrences(of: " ", with: "")
        let mm = lower.hasSuffix("mm")
        let numbers = (mm ? String(lower.dropLast(2)) : lower.hasSuffix("px") ? String(lower.dropLast(2)) : lower)
            .split(separator: "x", omittingEmptySubsequences: false).map { Double($0) }
        guard (1...2).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0!.isFinite && $0! > 0 }) else {
            throw FrontlineError.usage(
                "--size '\(spec)': expected WIDTH or WIDTHxHEIGHT, in pixels or with mm "
                    + "(e.g. 1200x800, 85mm, 170x120mm)")
        }
        let values = numbers.map { $0! }
        if mm {
            let dots = d ?? 300
            let px = values.map { ($0 / 25.4 * dots).rounded() }
            return FigureSize(width: px[0], height: px.count > 1 ? px[1] : nil, dpi: dots)
        }
        return FigureSize(width: values[0], height: values.count > 1 ? values[1] : nil, dpi: d)
    }
}
