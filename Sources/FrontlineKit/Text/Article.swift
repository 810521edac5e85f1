import Foundation

/// A sentence of the article body with its position in the original text
/// (offsets count Unicode characters from the start of the file).
public struct Sentence: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    public var paragraph: Int
    /// The sentence's words, split once here for every later stage.
    public let tokens: [Token]

    public init(text: String, start: Int, end: Int, paragraph: Int) {
        self.text = text
        self.start = start
        self.end = end
        self.paragraph = paragraph
        tokens = Tokenizer.tokens(text)
    }
}

/// Where words are in an article: a sentence (an index into `Article.sentences`) and the first and
/// last of its tokens.
public struct TokenSpan: Sendable, Equatable, Codable {
    public var sentence: Int
    public var first: Int
    public var last: Int

    public init(sentence: Int, first: Int, last: Int) {
        self.sentence = sentence
        self.first = first
        self.last = last
    }
}

/// An article reduced to what the later stages read: title, date line if any,
/// body sentences with offsets, the distances they state, and what was set aside as page boilerplate.
public struct Article: Sendable {
    public var name: String
    /// The file it was read from, for messages.
    public var path: String?
    public var text: String
    public var title: String
    /// The article's date, "YYYY-MM-DD" (as written when it cannot be read as a day).
    public var date: String?
    /// The date for a reader: "2 June 2016" (or as written).
    public var displayDate: String? { date.map(DateLine.display) }
    public var source: String?
    public private(set) var sentences: [Sentence]
    /// The distances the sentences state, found once here for every later stage.
    public let distancePhrases: [DistancePhrase]
    /// The distance phrases past `Limits.distancePhrases`, left out (`load` says so in a warning).
    public let distancePhrasesLeftOut: Int
    public var boilerplate: [String]

    /// Reads and parses an article file; errors name the file.
    public static func load(path: String) throws -> Article {
        let data = try readBytes(path)
        let text = try ArticleDecoder.decode(data, file: path)
        var lineNo = 0
        // Line by line, by bytes ("\r\n" is one Character, so a character split would see a CRLF file as one line).
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNo += 1
            if line.count > Limits.lineBytes {
                throw FrontlineError.badInput(
                    file: path,
                    reason:
                        "line \(lineNo) is \(line.count / 1024) KB long; an article's lines are at most "
                        + "\(Limits.lineBytes / 1024) KB"
                )
            }
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var article = Article(name: name, text: text)
        article.path = path
        if article.sentences.isEmpty {
            throw FrontlineError.badInput(file: path, reason: "has no article text (empty or only whitespace)")
        }
        article.warnLimits(file: path)
        return article
    }

    /// One warning for each per-article limit the text went past.
    func warnLimits(file: String) {
        if distancePhrasesLeftOut > 0 {
            Console.message(
                "frontline: warning: \(file): \(distancePhrases.count + distancePhrasesLeftOut) distance phrases, "
                    + "the first \(Limits.distancePhrases) kept, the rest left out")
        }
    }

    /// The article file's bytes, read through `InputFile`: a FIFO or device is refused without blocking,
    /// and the size limit applies to the file opened (after symlinks), as `fstat` gives it.
    static func readBytes(_ path: String) throws -> Data {
        do {
            let file = try InputFile(path: path)
            if file.size > Limits.articleBytes { throw InputFile.Problem.tooLarge(file.size) }
            // (An empty file is not read at all.)
            if file.size == 0 {
                throw FrontlineError.badInput(file: path, reason: "has no article text (empty or only whitespace)")
            }
            return try file.data(limit: Limits.articleBytes)
        } catch let problem as InputFile.Problem {
            let reason: String
            switch problem {
            case .isDirectory: reason = "is a directory, not an article"
            case .tooLarge(let size):
                reason =
                    "is \(size / 1_048_576) MB; the largest article Frontline reads is "
                    + "\(Limits.articleBytes / 1_048_576) MB"
            default: reason = problem.text
            }
            throw FrontlineError.badInput(file: path, reason: reason)
        }
    }

    /// An article from bytes (as a file's content), with the same checks as `load` but the size limits.
    public static func decode(_ data: Data, name: String) throws -> Article {
        let article = Article(name: name, text: try ArticleDecoder.decode(data, file: name))
        if article.sentences.isEmpty {
            throw FrontlineError.badInput(file: name, reason: "has no article text (empty or only whitespace)")
        }
        article.warnLimits(file: name)
        return article
    }

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let parsed = ArticleParser.parse(text)
        title = parsed.title ?? name
        // The date as "YYYY-MM-DD"; a dateline without a year as written ("March 1"): no year is guessed.
        date = parsed.date.map { $0.iso ?? $0.text }
        source = parsed.source
        sentences = parsed.sentences
        let phrases = DistancePhrases.find(in: parsed.sentences)
        distancePhrases = Array(phrases.prefix(Limits.distancePhrases))
        distancePhrasesLeftOut = phrases.count - distancePhrases.count
        boilerplate = parsed.boilerplate
    }
}

/// Turns file bytes into text, refusing what is not an article.
enum ArticleDecoder {
    static func decode(_ data: Data, file: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let enc: String.Encoding = bytes.starts(with: [0xFF, 0xFE]) ? .utf16LittleEndian : .utf16BigEndian
            guard let s = String(data: bytes.dropFirst(2), encoding: enc) else {
                throw FrontlineError.badInput(file: file, reason: "UTF-16 text that does not decode")
            }
            return s
        }
        if bytes.contains(0) {
            throw FrontlineError.badInput(file: file, reason: "contains NUL bytes: binary data, not an article")
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw FrontlineError.badInput(file: file, reason: "is not valid UTF-8 text")
        }
        return s
    }
}
