import Foundation

/// Rows of text in aligned columns, for a terminal: each column as wide as its widest cell (in
/// characters), two spaces between columns, the last column not padded and no line ending in spaces;
/// optionally a rule under the first row (the header).
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var rows: [[String]]
    /// By column; a column not given is aligned left.
    public var alignments: [Alignment]
    /// Drawn under the header as wide as each column ("-" gives "----  ------"); nil for none.
    public var headerRule: Character?

    public init(_ rows: [[String]], alignments: [Alignment] = [], headerRule: Character? = nil) {
        self.rows = rows
        self.alignments = alignments
        self.headerRule = headerRule
    }

    /// The table's lines joined by newlines; "" for no rows.
    public var text: String {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return "" }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        var lines = rows.map { line($0, widths: widths) }
        if let rule = headerRule {
            lines.insert(line(widths.map { String(repeating: rule, count: $0) }, widths: widths), at: 1)
        }
        return lines.joined(separator: "\n")
    }

    /// One row: each cell padded to its column's width (but the last), joined, trailing spaces dropped.
    func line(_ row: [String], widths: [Int]) -> String {
        let cells = widths.indices.map { c -> String in
            let v = c < row.count ? row[c] : ""
            let pad = String(repeating: " ", count: max(0, widths[c] - v.count))
            if c < alignments.count, alignments[c] == .right { return pad + v }
            return c == widths.count - 1 ? v : v + pad
        }
        var out = cells.joined(separator: "  ")
        while let last = out.unicodeScalars.last, CharacterSet.whitespaces.contains(last) {
            out.unicodeScalars.removeLast()
        }
        return out
    }
}
