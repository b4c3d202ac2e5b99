import Foundation

/// Short pieces of long text, for a notice or a page's description.
enum Elision {
    /// `text` on one line (runs of white space, line breaks included, become one space), at
    /// most `limit` characters, cut at a word where one is near and ended with `…` when cut.
    static func oneLine(_ text: String, limit: Int) -> String {
        isOneShortLine(text, limit: limit) ? text : byWords(text, limit: limit)
    }

    /// `oneLine` the long way, word by word, for any text.
    static func byWords(_ text: String, limit: Int) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard line.count > limit, limit > 1 else { return line }
        var cut = line.prefix(limit - 1)
        // Back to the last space when it is in the last fifth: no half word, and never too short.
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < limit / 5 {
            cut = cut[..<space]
        }
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }

    /// Whether `text` is already what `oneLine` makes of it: ASCII words with single spaces
    /// between them, no longer than `limit`, so nothing is to be split, joined or cut. Any other
    /// byte (another script's space, a line break) takes the full path.
    private static func isOneShortLine(_ text: String, limit: Int) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= limit, utf8.first != 32, utf8.last != 32 else { return false }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte >= 0x80 || byte < 32 || byte == 127 || (byte == 32 && previous == 32) { return false }
            previous = byte
        }
        return true
    }
}
