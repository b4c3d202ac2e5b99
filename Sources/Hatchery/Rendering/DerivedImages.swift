import Algorithms

/// The web images of each original, narrowest first, as the renderer looks them up.
public struct DerivedImages: Sendable {
    /// Every record, by original and, within one, by width: one array looked up by binary
    /// search. A table of arrays by original was 47 MB at 100,000 prompts while it was made
    /// (grouped, then each group copied sorted), the most of the web-image step.
    public private(set) var records: [WebImage]

    /// `records` put in order in place: handed over, not copied.
    public init(_ records: consuming [WebImage] = []) {
        self.records = records
        // Ties (an original narrower than two of the recipe's widths) stay in the order given:
        // the standard library's sort is stable.
        self.records.sort {
            $0.originalSha256 != $1.originalSha256 ? $0.originalSha256 < $1.originalSha256 : $0.width < $1.width
        }
    }

    /// The web images made from `sha256`, narrowest first; empty when there are none.
    public subscript(original sha256: String) -> ArraySlice<WebImage> {
        let low = records.partitioningIndex { $0.originalSha256 >= sha256 }
        var end = low
        while end < records.count, records[end].originalSha256 == sha256 { end += 1 }
        return records[low..<end]
    }

    public var count: Int { records.count }

    /// Every record's file name in the derived folder.
    public var files: [String] {
        records.map(\.file)
    }
}
