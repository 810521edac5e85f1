import Foundation

/// Sentences as JSON rows repeat them, bounded: a sentence of at most `Limits.excerptCharacters`
/// characters is given whole, a longer one as that many characters around the part a row is about,
/// marked "…" where cut. A 1 MB sentence stating 100,000 distances would otherwise be repeated in each
/// of its 100,000 rows. The characters of each long sentence are read once (by its key), as a row's
/// offsets count characters.
public final class Excerpts {
    private var characters: [Int: [Character]] = [:]

    public init() {}

    /// `text` (the sentence keyed `key`) itself, or the excerpt around character `offset` of it.
    public func excerpt(of text: String, key: Int, at offset: Int) -> String {
        let limit = Limits.excerptCharacters
        guard text.utf8.count > limit else { return text }
        let chars = characters[key] ?? Array(text)
        characters[key] = chars
        guard chars.count > limit else { return text }
        // Up to a third of the excerpt before the part, the rest after it; each cut marked "…".
        let room = limit - 2
        let start = max(0, min(min(max(offset, 0), chars.count) - room / 3, chars.count - room))
        let end = min(chars.count, start + room)
        return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
    }
}
