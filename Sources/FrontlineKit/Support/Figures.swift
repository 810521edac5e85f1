import Foundation

/// Numbers as outputs write them, safe for any value: a whole number without decimals ("80"), else one
/// decimal ("2.5"); a value too large for an integer, or not finite, in scientific notation ("1e+26"),
/// where converting it to an integer would trap.
public enum Figures {
    /// "80", "2.5", "1e+26".
    public static func text(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return String(format: "%g", v) }
        return v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    /// A pixel count as a message writes it: the integer when it is one, "1e+20" when too large for one.
    public static func count(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return String(format: "%g", v) }
        return String(Int(v))
    }
}
