import CCairo
import Foundation

/// A font face loaded from a file through FreeType, so that a render never depends on
/// what fontconfig finds on a machine. Created once and shared; Cairo locks the face itself.
public final class FontFace: @unchecked Sendable {
    public let path: String
    let cairoFace: OpaquePointer
    private let library: FT_Library
    private let face: FT_Face

    public init(path: String) throws {
        var lib: FT_Library?
        guard FT_Init_FreeType(&lib) == 0, let lib else {
            throw FrontlineError.library(name: "FreeType", reason: "cannot initialise")
        }
        var f: FT_Face?
        guard FT_New_Face(lib, path, 0, &f) == 0, let f else {
            FT_Done_FreeType(lib)
            throw FrontlineError.badInput(
                file: path, reason: "font not found or not readable by FreeType (install fonts-dejavu-core)")
        }
        guard let cf = cairo_ft_font_face_create_for_ft_face(f, 0) else {
            FT_Done_Face(f)
            FT_Done_FreeType(lib)
            throw FrontlineError.library(name: "Cairo", reason: "cannot make a font face from \(path)")
        }
        library = lib
        face = f
        cairoFace = cf
        self.path = path
    }

    deinit {
        cairo_font_face_destroy(cairoFace)
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }
}

/// The fonts a map uses: one family (DejaVu Sans), installed by the setup.
public final class FontSet: @unchecked Sendable {
    public let regular: FontFace
    public let bold: FontFace
    public let italic: FontFace

    public static let directory = "/usr/share/fonts/truetype/dejavu"

    public init(directory: String = FontSet.directory) throws {
        regular = try FontFace(path: directory + "/DejaVuSans.ttf")
        bold = try FontFace(path: directory + "/DejaVuSans-Bold.ttf")
        italic = try FontFace(path: directory + "/DejaVuSans-Oblique.ttf")
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: FontSet?

    /// The process-wide font set, loaded on first use.
    public static func shared() throws -> FontSet {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let f = try FontSet()
        cached = f
        return f
    }

    func face(_ style: FontStyle) -> FontFace {
        switch style {
        case .regular: return regular
        case .bold: return bold
        case .italic: return italic
        }
    }
}
