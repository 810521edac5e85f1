import Foundation

/// Cartographic style values kept as data in `Shapes/styles.json` (sizes, fractions, colours of the
/// layers that read them), in named sections of named values, each a number or a colour ("#rrggbb",
/// "#rrggbbaa"); loaded once, checked on loading: a file without a value the code reads is refused.
public struct StyleSheet: Sendable {
    /// Every section the code reads, with the numbers and colours it reads there.
    static let required: [String: (numbers: [String], colours: [String])] = [
        "inset": (
            [
                "width fraction", "least width", "largest width fraction", "largest height fraction", "tallest aspect",
                "flattest aspect", "corner gap",
                "clearance", "margin fraction", "least zoom out", "least region span", "huge country span", "zoom out",
                "least span",
                "largest span",
                "smallest rectangle", "crosshair size", "neighbour line width", "focus line width", "extent width",
                "frame width", "shadow width",
            ],
            ["sea", "neighbour fill", "neighbour line", "focus fill", "focus line", "extent", "frame", "shadow"]
        )
    ]

    public let numbers: [String: [String: Double]]
    public let colours: [String: [String: String]]

    /// One value of a file: a number or a string (a colour).
    enum Value: Decodable {
        case number(Double), text(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
        }
    }

    /// Reads and checks a styles file:
    /// `{"format": "frontline-styles 1", "sections": {"inset": {"width fraction": 0.24, "sea": "#d7e5ef", …}}}`.
    public static func load(path: String) throws -> StyleSheet {
        let data = try InputFile.read(path, limit: Limits.jsonBytes, missing: "cannot read the styles")
        struct File: Decodable {
            var format: String
            var sections: [String: [String: Value]]
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw FrontlineError.badInput(file: path, reason: "not a styles file (\(Self.reason(error)))")
        }
        guard file.format == "frontline-styles 1" else {
            throw FrontlineError.badInput(file: path, reason: "format must be \"frontline-styles 1\"")
        }
        var numbers: [String: [String: Double]] = [:], colours: [String: [String: String]] = [:]
        for (name, values) in file.sections {
            for (key, value) in values {
                switch value {
                case .number(let d) where d.isFinite: numbers[name, default: [:]][key] = d
                case .text(let s) where isColour(s): colours[name, default: [:]][key] = s
                default:
                    throw FrontlineError.badInput(
                        file: path, reason: "\"\(key)\" in \"\(name)\" is neither a finite number nor a colour")
                }
            }
        }
        for (name, need) in required {
            for key in need.numbers where numbers[name]?[key] == nil {
                throw FrontlineError.badInput(file: path, reason: "number \"\(key)\" in \"\(name)\" is missing")
            }
            for key in need.colours where colours[name]?[key] == nil {
                throw FrontlineError.badInput(file: path, reason: "colour \"\(key)\" in \"\(name)\" is missing")
            }
        }
        return StyleSheet(numbers: numbers, colours: colours)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c):
            return (c.underlyingError as NSError?)?.debugDescription ?? c.debugDescription
        case DecodingError.keyNotFound(let key, _): return "\"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return c.debugDescription + " at " + c.codingPath.map(\.stringValue).joined(separator: ".")
        default: return "\(error)"
        }
    }

    static func isColour(_ s: String) -> Bool {
        let digits = s.hasPrefix("#") ? s.dropFirst() : Substring(s)
        return (digits.count == 6 || digits.count == 8) && UInt64(digits, radix: 16) != nil
    }

    /// A number of a section (validated on loading, so a required one is always there).
    public func number(_ section: String, _ key: String) -> Double { numbers[section]?[key] ?? 0 }
    /// A colour of a section, as written ("#rrggbb").
    public func colour(_ section: String, _ key: String) -> String { colours[section]?[key] ?? "#000000" }

    // MARK: the styles in use

    private static let lock = NSLock()
    nonisolated(unsafe) private static var current: StyleSheet?

    /// Loads the styles file of a Shapes folder and makes it the one in use; a folder without one (a
    /// user's own basemap, a world basemap built elsewhere) uses the package's. A bad file is a one-line error.
    public static func prepare(directory: String) throws {
        var path = directory + "/styles.json"
        if !FileManager.default.fileExists(atPath: path) { path = packagePath }
        let sheet = try load(path: path)
        lock.lock()
        defer { lock.unlock() }
        current = sheet
    }

    /// The package's styles file: ./Shapes, else the Shapes folder that came with the executable (as
    /// `Basemap.locate` finds it, but never a basemap named by $FRONTLINE_SHAPES, which may lack one).
    static var packagePath: String {
        let fm = FileManager.default
        if fm.fileExists(atPath: "Shapes/styles.json") { return "Shapes/styles.json" }
        if let exe = Basemap.executablePath() {
            var dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                for sub in ["Shapes", "share/frontline/Shapes"] {
                    let p = dir.appendingPathComponent(sub + "/styles.json").path
                    if fm.fileExists(atPath: p) { return p }
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return "Shapes/styles.json"
    }

    /// The styles in use: those `prepare` loaded, else the package's (read on first use; a missing or bad
    /// file there is a broken install, reported when the first map is composed).
    public static func shared() throws -> StyleSheet {
        lock.lock()
        defer { lock.unlock() }
        if let current { return current }
        let loaded = try load(path: packagePath)
        current = loaded
        return loaded
    }
}
