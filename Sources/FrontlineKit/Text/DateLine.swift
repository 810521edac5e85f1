import Foundation

/// Recognises an article's date line in the forms wire and web pages print: "June 2, 2016", "2 June 2016",
/// "24 August, 2016", "Jul 07,2018", "2016-06-02", "Sunday 13/11/2016", "21.03.2025", "Updated 14:05 GMT, 2 June
/// 2016", "Fri 17 Nov 2023 16.20 GMT", and a dateline's "BEIRUT, March 1 (Reuters) -" (no year: kept as
/// written, "March 1", never given a guessed year). Numeric dates are day first (the wires' and most sites'
/// order) unless the first number cannot be a month ("11/28/2016" is November 28). Any script's decimal digits
/// count (ICU's \d), read by their value.
enum DateLine {
    struct Found: Equatable {
        /// As written.
        var text: String
        var year: Int?
        var month: Int
        var day: Int
        /// The line holds little but the date ("Published: 21.03.2025"), so it is no sentence of the story.
        var standsAlone: Bool

        /// "YYYY-MM-DD", or nil without a year.
        var iso: String? { year.map { String(format: "%04d-%02d-%02d", $0, month, day) } }
    }

    /// Month names and their usual abbreviations, lower-cased, each with its number.
    static let months: [(String, Int)] = {
        let names = WordLists.shared.list("month names")
        var out: [(String, Int)] = []
        for (k, m) in names.enumerated() {
            out.append((m, k + 1))
            out.append((String(m.prefix(3)), k + 1))
            if m == "september" { out.append(("sept", 9)) }
        }
        return out.sorted { $0.0.count > $1.0.count }
    }()
    static let month = "(" + months.map(\.0).joined(separator: "|") + ")\\.?"

    /// The patterns, each with where its day, month and year are (group numbers; 0 when absent).
    static let patterns: [(NSRegularExpression, day: Int, month: Int, year: Int)] = {
        let list: [(String, Int, Int, Int)] = [
            (#"\b(\d{4})-(\d{2})-(\d{2})\b"#, 3, 2, 1),
            (#"\b"# + month + #"\s+(\d{1,2}),?\s*(\d{4})\b"#, 2, 1, 3),
            (#"\b(\d{1,2})\s+"# + month + #",?\s+(\d{4})\b"#, 1, 2, 3),
            (#"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"#, 1, 2, 3),
            // A dateline without a year: "BEIRUT, March 1 (Reuters) -", "July 17 (Reuters)", "March 2. /TASS/."
            (#"^(?:[A-Z][A-Za-z/ .'-]*,\s+)*"# + month + #"\s+(\d{1,2})\b(?=\.?\s*[(/—–-])"#, 2, 1, 0),
        ]
        return list.compactMap { p in
            (try? NSRegularExpression(pattern: p.0, options: [.caseInsensitive])).map { ($0, p.1, p.2, p.3) }
        }
    }()

    static func find(in line: String) -> Found? {
        // A date line has digits: most lines are passed over without running a pattern.
        guard line.utf8.contains(where: { (48...57).contains($0) }) else { return nil }
        let ns = line as NSString
        let range = NSRange(location: 0, length: ns.length)
        for (re, d, m, y) in patterns {
            guard let match = re.firstMatch(in: line, range: range) else { continue }
            func group(_ k: Int) -> String? {
                guard k > 0, match.range(at: k).location != NSNotFound else { return nil }
                return ns.substring(with: match.range(at: k))
            }
            var day = group(d).flatMap(number) ?? 0
            var mon = group(m).flatMap { monthNumber($0) } ?? 0
            let year = group(y).flatMap(number)
            // "11/28/2016": a first number over 12 is a day, so the second over 12 makes it month first.
            if day <= 12, mon > 12, group(m).flatMap(number) != nil { (day, mon) = (mon, day) }
            guard (1...12).contains(mon), (1...daysIn(mon, year)).contains(day),
                year.map({ (1900...2100).contains($0) }) ?? true
            else { continue }
            // Without a year, only the month and day ("March 1" of "BEIRUT, March 1 (Reuters)").
            let text = year == nil ? "\(group(m) ?? "") \(day)" : ns.substring(with: match.range)
            // Little else on the line, or no sentence ("Published: 7 August 2016 11:05 UTC | Last update: …").
            let rest = line.count - text.count
            let alone = y > 0 && (rest < 40 || !(line.last.map { ".!?\"”".contains($0) } ?? false))
            return Found(text: text, year: year, month: mon, day: day, standsAlone: alone)
        }
        return nil
    }

    /// The days of a month (February's in a leap year when the year is known or not given).
    static func daysIn(_ month: Int, _ year: Int?) -> Int {
        if month == 2 { return year.map { $0 % 4 == 0 && ($0 % 100 != 0 || $0 % 400 == 0) ? 29 : 28 } ?? 29 }
        return [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    /// The value of a run of decimal digits in any script ("٢" is 2).
    static func number(_ s: String) -> Int? {
        let digits = s.compactMap(\.wholeNumberValue)
        guard digits.count == s.count, !digits.isEmpty else { return nil }
        return digits.reduce(0) { $0 * 10 + $1 }
    }

    /// A month's number from its name, abbreviation or digits.
    static func monthNumber(_ s: String) -> Int? {
        if let n = number(s) { return n }
        let w = s.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return months.first { $0.0 == w }?.1
    }

    /// "2016-06-02" as "2 June 2016"; anything else as it is.
    static func display(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let names = WordLists.shared.list("month names")
        guard date.count == 10, parts.count == 3, (1...12).contains(parts[1]), names.count == 12 else { return date }
        let month = names[parts[1] - 1]
        return "\(parts[2]) \(month.prefix(1).uppercased() + month.dropFirst()) \(parts[0])"
    }
}
