import Foundation

/// Text made safe for every output format. Cairo refuses a string holding a Unicode non-character
/// ("input string not valid UTF-8", and the context stays in error for every later call), and XML
/// allows neither C0 controls (but tab and newline) nor U+FFFE/U+FFFF, so a title or a claims file
/// holding one would break one format after another had been written. Every scene's text goes
/// through `clean` once, when the scene is made; the text measurer cleans what it measures the same
/// way, so the boxes laid out match what is drawn.
public enum SafeText {
    /// Whether a scalar may reach an output as it is.
    @inline(__always)
    static func allowed(_ v: UInt32) -> Bool {
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }  // C0 and C1 controls, DEL, NUL
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return false }  // non-characters
        return true
    }

    /// `s` without control characters and non-characters. Tab, newline and carriage return become a
    /// space in text drawn on one line; `keepingLineBreaks` keeps them (XML allows them, and the SVG's
    /// metadata is indented JSON). A Swift string holds no lone surrogate (decoding replaced it with
    /// U+FFFD), so what remains is valid UTF-8 for Cairo and valid character data for XML. A string with
    /// nothing to clean is returned as it is.
    public static func clean(_ s: String, keepingLineBreaks: Bool = false) -> String {
        func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\t" || c == "\n" || c == "\r" }
        guard !s.unicodeScalars.allSatisfy({ allowed($0.value) || (keepingLineBreaks && isBreak($0)) }) else {
            return s
        }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if allowed(c.value) || (keepingLineBreaks && isBreak(c)) {
                out.append(c)
            } else if isBreak(c) {
                out.append(" ")
            }
        }
        return String(out)
    }
}
