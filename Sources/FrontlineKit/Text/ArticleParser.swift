import Foundation

/// Splits article text into a title, a date line, body sentences and boilerplate.
enum ArticleParser {
    struct Parsed {
        var title: String?
        var date: DateLine.Found?
        var source: String?
        var sentences: [Sentence] = []
        var boilerplate: [String] = []
    }

    /// Lines that belong to the web page around an article, not to the article.
    static let boilerplateMarkers = WordLists.shared.list("boilerplate markers")

    static func parse(_ text: String) -> Parsed {
        var out = Parsed()
        let chars = CharacterText(text)
        // Lines with their character offsets.
        var lines: [(text: String, start: Int, raw: String)] = []
        var lineStart = 0
        for i in 0...chars.count {
            if i == chars.count || chars[i] == "\n" || chars[i] == "\r\n" {
                let raw = chars.string(lineStart..<i)
                lines.append((raw.trimmingWhitespace, lineStart, raw))
                lineStart = i + 1
            }
        }
        var seen = Set<String>()
        var paragraph = 0
        var bodyStarted = false
        var afterBody = false
        for line in lines {
            let t = line.text
            if t.isEmpty { continue }
            let lower = t.lowercased()
            if out.title == nil {
                out.title = t
                continue
            }
            // The date line: before the body, or a line of its own just after a standfirst.
            if out.date == nil, !bodyStarted || paragraph <= 2, let d = DateLine.find(in: t),
                !bodyStarted || d.standsAlone
            {
                out.date = d
                if t.count < 60 || d.standsAlone { continue }
            }
            if lower.hasPrefix("source:") {
                out.source = String(t.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                continue
            }
            let indented = line.raw.hasPrefix("    ") || line.raw.hasPrefix("\t")
            let looksLikeSentence = t.last.map { ".!?\"”’)".contains($0) } ?? false
            let lowerBytes = Array(lower.utf8)
            if boilerplateMarkers.contains(where: { TextSearch.offset(of: $0, in: lowerBytes) != nil })
                || t.filter({ $0 == "|" }).count >= 2
                || (indented && !looksLikeSentence)
                || (afterBody && !looksLikeSentence)
            {
                out.boilerplate.append(t)
                if indented { afterBody = true }
                continue
            }
            if seen.contains(t) {
                out.boilerplate.append(t)
                continue
            }  // a repeated lede
            seen.insert(t)
            if !looksLikeSentence && t.count < 60 { continue }  // a subheading
            bodyStarted = true
            paragraph += 1
            let leading = line.raw.prefix { $0 == " " || $0 == "\t" }.count
            for s in SentenceSplitter.split(t).flatMap(SentenceSplitter.pieces) {
                out.sentences.append(
                    Sentence(
                        text: s.text, start: line.start + leading + s.start,
                        end: line.start + leading + s.end, paragraph: paragraph))
            }
        }
        // "Russian Offensive Campaign Assessment, August 28, 2023": a title may carry the only date.
        if out.date == nil, let t = out.title { out.date = DateLine.find(in: t) }
        return out
    }
}

/// Splits a paragraph into sentences, keeping character offsets within it.
enum SentenceSplitter {
    static let abbreviations: Set<String> = WordLists.shared.set("abbreviations")

    static func split(_ text: String) -> [(text: String, start: Int, end: Int)] {
        let c = CharacterText(text)
        var out: [(String, Int, Int)] = []
        var start = 0
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "." || ch == "!" || ch == "?" {
                var j = i + 1
                while j < c.count, "\"”’')".contains(c[j]) { j += 1 }
                let atEnd = j >= c.count
                let nextIsStart =
                    !atEnd && c[j] == " " && j + 1 < c.count
                    && (c[j + 1].isUppercase || "\"“‘".contains(c[j + 1]) || c[j + 1].isNumber)
                if atEnd || nextIsStart {
                    // Do not split after a known abbreviation or a single initial.
                    var k = i - 1
                    while k >= start, c[k].isLetter || c[k] == "." { k -= 1 }
                    let word = c.string((k + 1)..<i).lowercased()
                    let isAbbrev =
                        ch == "." && (abbreviations.contains(word) || (word.count == 1 && c[i - 1].isUppercase))
                    if !isAbbrev || atEnd {
                        appendTrimmed(c, start, j, &out)
                        start = j
                        i = j
                        continue
                    }
                }
            }
            i += 1
        }
        if start < c.count { appendTrimmed(c, start, c.count, &out) }
        return out
    }

    /// A sentence of more than `Limits.sentenceWords` words (no article's sentence comes near) in pieces
    /// of at most that many, cut between words: the later stages look around each word within its
    /// sentence, and this keeps the look short whatever the text.
    static func pieces(_ s: (text: String, start: Int, end: Int)) -> [(text: String, start: Int, end: Int)] {
        // Fewer bytes than twice the limit cannot hold more words than it (a word and a space each).
        guard s.text.utf8.count > 2 * Limits.sentenceWords else { return [s] }
        let toks = Tokenizer.tokens(s.text)
        guard toks.count > Limits.sentenceWords else { return [s] }
        let c = CharacterText(s.text)
        var out: [(String, Int, Int)] = []
        for first in stride(from: 0, to: toks.count, by: Limits.sentenceWords) {
            let next = first + Limits.sentenceWords
            let from = first == 0 ? 0 : toks[first].start
            appendTrimmed(c, from, next < toks.count ? toks[next].start : c.count, &out)
        }
        return out.map { (text: $0.0, start: s.start + $0.1, end: s.start + $0.2) }
    }

    private static func appendTrimmed(_ c: CharacterText, _ s: Int, _ e: Int, _ out: inout [(String, Int, Int)]) {
        var a = s, b = e
        while a < b, c[a].isWhitespace { a += 1 }
        while b > a, c[b - 1].isWhitespace { b -= 1 }
        if a < b { out.append((c.string(a..<b), a, b)) }
    }
}
