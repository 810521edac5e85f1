import Foundation

/// The small date patterns the text and claim stages share, matched by NSRegularExpression (ICU).
enum DatePatterns {
    /// The first four digits in a row in `s` ("\d{4}").
    static func firstFourDigits(in s: String) -> Substring? {
        s.range(of: #"\d{4}"#, options: .regularExpression).map { s[$0] }
    }

    /// The first "(\d{4})-(\d{2})" in `s`.
    static func firstYearDashMonth(in s: String) -> Substring? {
        s.range(of: #"(\d{4})-(\d{2})"#, options: .regularExpression).map { s[$0] }
    }
}
