import Foundation

/// Short pieces of long text, for a notice or a page's description.
enum Elision {
    /// `text` on one line (runs of white space, line breaks included, become one space), at
    /// most `limit` characters, cut at a word where one is near and ended with `…` when cut.
    static func oneLine(_ text: String, limit: Int) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard line.count > limit, limit > 1 else { return line }
        var cut = line.prefix(limit - 1)
        // Back to the last space when it is in the last fifth: no half word, and never too short.
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < limit / 5 {
            cut = cut[..<space]
        }
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }
}
