import Foundation

/// The limits Frontline enforces (documented in the README), each refused with a clear error.
public enum Limits {
    /// The largest article file read.
    public static let articleBytes = 16 * 1_048_576
    /// The longest line (paragraph) of an article.
    public static let lineBytes = 1_048_576
    /// The largest claims, actors or word-lists file (JSON) read.
    public static let jsonBytes = 64 * 1_048_576
    /// The most rows of user gazetteers (`--gazetteer`) one run reads, all files together: they are parsed
    /// and indexed in memory at every run (about 10 µs a row), so a larger list would take past 5 s.
    public static let userGazetteerRows = 250_000
    /// The largest GeoNames country dump `gazetteer add` downloads (the ZIP), and the largest `CC.txt` it
    /// inflates from one: the largest country dumps are far below these, which keep a wrong URL (or a
    /// ZIP bomb) from filling the memory.
    public static let downloadBytes = 512 * 1_048_576
    public static let geonamesDumpBytes = 1536 * 1_048_576
    /// The most words of one sentence read together; a longer one is read in pieces of this many.
    public static let sentenceWords = 200
    /// The most place mentions, claims and distance phrases read from one article; past each the rest
    /// are left out, with one warning.
    public static let placeMentions = 5000
    public static let claims = 2000
    public static let distancePhrases = 1000
    /// The places not located or not labelled that `render` names in warnings; past it one line counts
    /// the rest.
    public static let warningsListed = 20
    /// The largest image, in pixels on each side.
    public static let imageSide = 8000.0
    /// The distance checks captioned under a map; past it the rest are counted in one line (all of
    /// them stay in `frontline measure`), so a thousand checks cannot grow the image past `imageSide`.
    public static let checksListed = 12
    /// The wrapped lines of notes under a map, whatever they hold (a long list of places not located,
    /// say): past it one line says how many were left out.
    public static let footerLines = 60
    /// A map's width in pixels (PNG) or points (SVG, PDF): `render`, `report`, `batch`.
    public static let mapWidth = 300...Int(imageSide)
    /// A map's height, when given.
    public static let mapHeight = 200...Int(imageSide)
    /// The width of a before-and-after comparison (two panels side by side): `compare`.
    public static let comparisonWidth = 600...Int(imageSide)
    /// Dots per inch of a figure sized in millimetres.
    public static let dpi = 72.0...1200.0
    /// The longest distance an article can state and have checked: Earth's circumference at the
    /// equator, in km. A longer one (or 0 km) is a "cannot check" row saying why.
    public static let distanceKm = 40_075.0
    /// The longest sentence a JSON row repeats (measure rows, place mentions, claims' evidence): past it,
    /// an excerpt of this many characters around what the row is about, marked "…" where cut.
    public static let excerptCharacters = 300

    /// A range as help texts and messages write it: "300–8000".
    public static func span(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)–\(r.upperBound)" }
}
