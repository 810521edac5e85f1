import Foundation

/// One article's part of a report: its map, claims and distance checks.
public struct ReportSection: Sendable {
    public var article: Article
    public var scene: Scene
    public var png: Data
    public var claims: ClaimsDocument
    public var checks: [DistanceCheck]
}

/// Reports for embedding maps in documents: a self-contained HTML file (images inline, no external
/// references), or Markdown with its images written beside it.
public enum Report {

    static func caption(_ s: ReportSection) -> String {
        var c = s.article.title
        if let d = s.article.displayDate { c += ", as reported on \(d)" }
        c += ". Source: \(s.article.source ?? s.article.name)."
        return c
    }

    static func km(_ v: Double?) -> String { v.map(MapText.kmText) ?? "—" }

    public static func html(title: String, sections: [ReportSection]) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escape(title))</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; color: #1d1d1f;
                   margin: 2em auto; max-width: 1100px; line-height: 1.4; }
            figure { margin: 0 0 1.5em 0; }
            figure img { width: 100%; height: auto; border: 1px solid #ccc; }
            figcaption { color: #55555a; font-size: 0.9em; margin-top: 0.4em; }
            table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 1.5em; }
            th, td { border: 1px solid #d0d0d4; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f0f0f2; }
            td.quote { font-style: italic; }
            .consistent { color: #2e7d32; } .inconsistent { color: #b3261e; } .cannot { color: #7a7a80; }
            footer { color: #55555a; font-size: 0.8em; border-top: 1px solid #ccc; padding-top: 0.5em; }
            </style>
            </head>
            <body>
            <h1>\(Markup.escape(title))</h1>

            """
        for s in sections {
            h += "<section>\n<h2>\(Markup.escape(s.article.title))</h2>\n<figure>\n"
            h += "<img src=\"data:image/png;base64,\(s.png.base64EncodedString())\" "
            h += "alt=\"\(Markup.escape(s.scene.description))\">\n"
            h += "<figcaption>\(Markup.escape(caption(s)))</figcaption>\n</figure>\n"
            h += "<p><strong>What the map shows.</strong> \(Markup.escape(s.scene.description))</p>\n"
            h += "<h3>Control claims</h3>\n<table>\n" + htmlHeader(claimColumns)
            for c in s.claims.claims { h += htmlRow(claimCells(c), attributes: [7: "class=\"quote\""]) }
            if s.claims.claims.isEmpty {
                h += "<tr><td colspan=\"8\">No control claims read from this article.</td></tr>\n"
            }
            h += "</table>\n<h3>Distance checks</h3>\n<table>\n" + htmlHeader(checkColumns)
            for (i, c) in s.checks.enumerated() {
                let verdict =
                    c.verdict == .consistent ? "consistent" : c.verdict == .inconsistent ? "inconsistent" : "cannot"
                let attributes = [1: "class=\"quote\"", 8: "class=\"\(verdict)\" title=\"\(Markup.escape(c.note))\""]
                h += htmlRow(checkCells(i + 1, c), attributes: attributes)
            }
            if s.checks.isEmpty { h += "<tr><td colspan=\"9\">The article states no distances.</td></tr>\n" }
            h += "</table>\n</section>\n"
        }
        h += "<footer>\(Markup.escape(MapText.attribution))</footer>\n</body>\n</html>\n"
        return h
    }

    public static func markdown(title: String, sections: [ReportSection], imageNames: [String]) -> String {
        var m = "# \(title)\n\n"
        for (k, s) in sections.enumerated() {
            m += "## \(s.article.title)\n\n![\(cell(s.scene.description))](\(imageNames[k]))\n\n*\(caption(s))*\n\n"
            m += "**What the map shows.** \(s.scene.description)\n\n### Control claims\n\n"
            m += markdownHeader(claimColumns) + s.claims.claims.map { markdownRow(claimCells($0)) }.joined()
            m += "\n### Distance checks\n\n" + markdownHeader(checkColumns)
            m += s.checks.enumerated().map { markdownRow(checkCells($0 + 1, $1)) }.joined() + "\n"
        }
        m += "---\n\n\(MapText.attribution)\n"
        return m
    }

    // MARK: the two tables, shared by both formats

    static let claimColumns = ["#", "Actor", "Action", "Place", "Phase", "When", "Says who", "Evidence"]
    static let checkColumns = [
        "#", "Claim", "Kind", "From → to", "Claimed", "Along", "Straight", "Difference", "Verdict",
    ]

    static func claimCells(_ c: ClaimsDocument.Claim) -> [String] {
        [
            String(c.id), c.actor_label, c.action.rawValue + (c.inferred ? " (inferred)" : ""), c.location,
            c.phase.rawValue, c.time ?? "", c.attribution ?? "", "“\(c.evidence.sentence)”",
        ]
    }

    static func checkCells(_ n: Int, _ c: DistanceCheck) -> [String] {
        [
            String(n), "“\(c.quote)”", c.kind.rawValue + (c.line.map { ", " + $0 } ?? ""),
            "\(c.from ?? "?") → \(c.to ?? "?")", c.claimedText, km(c.alongKm), km(c.straightKm),
            c.differencePercent.map { String(format: "%+.0f%%", $0) } ?? "—", c.verdict.rawValue,
        ]
    }

    static func htmlHeader(_ columns: [String]) -> String {
        "<tr>" + columns.map { "<th>\(Markup.escape($0))</th>" }.joined() + "</tr>\n"
    }

    /// A row of escaped cells; `attributes` (already escaped) go on the cells at those columns.
    static func htmlRow(_ cells: [String], attributes: [Int: String] = [:]) -> String {
        let tds = cells.enumerated().map { i, c in
            "<td\(attributes[i].map { " " + $0 } ?? "")>\(Markup.escape(c))</td>"
        }
        return "<tr>" + tds.joined() + "</tr>\n"
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func markdownHeader(_ columns: [String]) -> String {
        "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: columns.count) + "\n"
    }

    static func markdownRow(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |\n" }
}
