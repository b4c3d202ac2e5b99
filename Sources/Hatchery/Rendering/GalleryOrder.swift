import Foundation

/// Puts a gallery's prompts in the order `gallery.sort` asks for: the order of the index, tag
/// and model pages, of the prompt pages' previous and next links, and of the manifest.
enum GalleryOrder {
    static func sorted(_ entries: [GalleryContent.Entry], by sort: GallerySort) -> [GalleryContent.Entry] {
        // Catalog order breaks every tie, so the order is the same on every machine and build.
        // Positions are sorted, not the entries: each copy of an entry retains every field.
        let order: [Int]
        switch sort {
        case .catalog:
            return entries
        case .newest:
            order = entries.indices.sorted { a, b in
                switch (entries[a].generation?.completedAt, entries[b].generation?.completedAt) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a < b
                }
            }
        case .title:
            order = entries.indices.sorted { a, b in
                switch titleOrder(entries[a].spec.displayTitle, entries[b].spec.displayTitle) {
                case .orderedAscending: return true
                case .orderedDescending: return false
                case .orderedSame: return a < b
                }
            }
        }
        return order.map { entries[$0] }
    }

    /// Case and accents aside, numbers by value (`Photo 2` before `Photo 10`); the same on
    /// every machine, whatever its locale (Foundation's `.numeric` and `.caseInsensitive` do
    /// not hold on Linux).
    static func titleOrder(_ a: String, _ b: String) -> ComparisonResult {
        let (x, y) = (chunks(a), chunks(b))
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case (.number(let m), .number(let n)):
                // Digits without leading zeros: the longer is the larger, else by digit.
                return m.count != n.count
                    ? (m.count < n.count ? .orderedAscending : .orderedDescending)
                    : (m < n ? .orderedAscending : .orderedDescending)
            case (.number, .text): return .orderedAscending
            case (.text, .number): return .orderedDescending
            case (.text(let m), .text(let n)):
                return m.unicodeScalars.lexicographicallyPrecedes(n.unicodeScalars)
                    ? .orderedAscending : .orderedDescending
            }
        }
        return x.count == y.count ? .orderedSame : (x.count < y.count ? .orderedAscending : .orderedDescending)
    }

    private enum Chunk: Equatable {
        case text(String)
        /// ASCII digits, leading zeros dropped.
        case number(String)
    }

    /// `text` folded (case, accents, width) and cut into runs of digits and of the rest.
    private static func chunks(_ text: String) -> [Chunk] {
        let folded = text.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
            locale: Locale(identifier: "en_US_POSIX")
        ).lowercased()
        var chunks: [Chunk] = []
        var run = ""
        var inDigits = false
        func flush() {
            guard !run.isEmpty else { return }
            if inDigits {
                let value = String(run.drop { $0 == "0" })
                chunks.append(.number(value.isEmpty ? "0" : value))
            } else {
                chunks.append(.text(run))
            }
            run = ""
        }
        for character in folded {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != inDigits {
                flush()
                inDigits = isDigit
            }
            run.append(character)
        }
        flush()
        return chunks
    }
}
