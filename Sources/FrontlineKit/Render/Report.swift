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
        if let d = s.article.date { c += ", as reported on \(d)" }
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
        body { font-family: "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 2em auto; max-width: 1100px; line-height: 1.4; }
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
            h += "<section>\n<h2>\(Markup.escape(s.article.title))</h2>\n"
            h += "<figure>\n<img src=\"data:image/png;base64,\(s.png.base64EncodedString())\" alt=\"\(Markup.escape(s.scene.description))\">\n"
            h += "<figcaption>\(Markup.escape(caption(s)))</figcaption>\n</figure>\n"
            h += "<p><strong>What the map shows.</strong> \(Markup.escape(s.scene.description))</p>\n"
            h += "<h3>Control claims</h3>\n<table>\n<tr><th>#</th><th>Actor</th><th>Action</th><th>Place</th><th>Phase</th><th>When</th><th>Says who</th><th>Evidence</th></tr>\n"
            for c in s.claims.claims {
                h += "<tr><td>\(c.id)</td><td>\(Markup.escape(c.actor_label))</td><td>\(Markup.escape(c.action.rawValue))\(c.inferred ? " (inferred)" : "")</td><td>\(Markup.escape(c.location))</td>"
                h += "<td>\(c.phase.rawValue)</td><td>\(Markup.escape(c.time ?? ""))</td><td>\(Markup.escape(c.attribution ?? ""))</td><td class=\"quote\">“\(Markup.escape(c.evidence.sentence))”</td></tr>\n"
            }
            if s.claims.claims.isEmpty { h += "<tr><td colspan=\"8\">No control claims read from this article.</td></tr>\n" }
            h += "</table>\n<h3>Distance checks</h3>\n<table>\n<tr><th>#</th><th>Claim</th><th>Kind</th><th>From → to</th><th>Claimed</th><th>Along</th><th>Straight</th><th>Difference</th><th>Verdict</th></tr>\n"
            for (i, c) in s.checks.enumerated() {
                let cls = c.verdict == .consistent ? "consistent" : c.verdict == .inconsistent ? "inconsistent" : "cannot"
                h += "<tr><td>\(i + 1)</td><td class=\"quote\">“\(Markup.escape(c.quote))”</td><td>\(c.kind.rawValue)\(c.line.map { ", " + Markup.escape($0) } ?? "")</td>"
                h += "<td>\(Markup.escape(c.from ?? "?")) → \(Markup.escape(c.to ?? "?"))</td><td>\(Markup.escape(c.claimedText))</td><td>\(km(c.alongKm))</td><td>\(km(c.straightKm))</td>"
                h += "<td>\(c.differencePercent.map { String(format: "%+.0f%%", $0) } ?? "—")</td><td class=\"\(cls)\" title=\"\(Markup.escape(c.note))\">\(c.verdict.rawValue)</td></tr>\n"
            }
            if s.checks.isEmpty { h += "<tr><td colspan=\"9\">The article states no distances.</td></tr>\n" }
            h += "</table>\n</section>\n"
        }
        h += "<footer>\(Markup.escape(MapText.attribution))</footer>\n</body>\n</html>\n"
        return h
    }

    public static func markdown(title: String, sections: [ReportSection], imageNames: [String]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var m = "# \(title)\n\n"
        for (k, s) in sections.enumerated() {
            m += "## \(s.article.title)\n\n![\(cell(s.scene.description))](\(imageNames[k]))\n\n*\(caption(s))*\n\n"
            m += "**What the map shows.** \(s.scene.description)\n\n### Control claims\n\n"
            m += "| # | Actor | Action | Place | Phase | When | Says who | Evidence |\n|---|---|---|---|---|---|---|---|\n"
            for c in s.claims.claims {
                m += "| \(c.id) | \(cell(c.actor_label)) | \(c.action.rawValue)\(c.inferred ? " (inferred)" : "") | \(cell(c.location)) | \(c.phase.rawValue) | \(cell(c.time ?? "")) | \(cell(c.attribution ?? "")) | “\(cell(c.evidence.sentence))” |\n"
            }
            m += "\n### Distance checks\n\n| # | Claim | Kind | From → to | Claimed | Along | Straight | Difference | Verdict |\n|---|---|---|---|---|---|---|---|---|\n"
            for (i, c) in s.checks.enumerated() {
                m += "| \(i + 1) | “\(cell(c.quote))” | \(c.kind.rawValue) | \(cell(c.from ?? "?")) → \(cell(c.to ?? "?")) | \(c.claimedText) | \(km(c.alongKm)) | \(km(c.straightKm)) | \(c.differencePercent.map { String(format: "%+.0f%%", $0) } ?? "—") | \(c.verdict.rawValue) |\n"
            }
            m += "\n"
        }
        m += "---\n\n\(MapText.attribution)\n"
        return m
    }
}
