import Foundation

/// The limits Frontline enforces (documented in the README), each refused with a clear error.
public enum Limits {
    /// The largest article file read.
    public static let articleBytes = 16 * 1_048_576
    /// The longest line (paragraph) of an article.
    public static let lineBytes = 1_048_576
    /// The largest image, in pixels on each side.
    public static let imageSide = 8000.0
}
