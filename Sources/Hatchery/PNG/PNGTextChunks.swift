import Foundation

/// Writes Hatchery's text chunks into an existing PNG without touching its pixels: the chunks
/// go just before IEND, so the image data, and every decoder's view of it, stays byte for byte
/// the same.
public enum PNGTextChunks {
    /// `png` with one uncompressed iTXt chunk per entry (keyword → UTF-8 text), in order, in
    /// place of every tEXt, zTXt or iTXt chunk it already had under one of those keywords or
    /// under any `hatchery:` keyword: an earlier Hatchery output sent back as an edit input
    /// returns carrying its own, stale ones, and a reader takes the first it meets.
    public static func replacing(_ entries: [(key: String, value: String)], in png: Data) throws(PNGError) -> Data {
        let ours = Set(entries.map { String(decoding: $0.key.utf8.prefix(79), as: UTF8.self) })
        var chunks = try PNGChunk.chunks(of: png).filter { chunk in
            guard let keyword = chunk.textKeyword else { return true }
            return !ours.contains(keyword) && !isHatcheryKeyword(keyword)
        }
        // chunks(of:) ends with IEND.
        chunks.insert(contentsOf: entries.map { PNGChunk.iTXt($0.key, $0.value) }, at: chunks.count - 1)
        return PNGChunk.file(of: chunks)
    }

    /// Keywords in Hatchery's namespace, in any case: `hatchery:provenance` and any later one.
    static func isHatcheryKeyword(_ keyword: String) -> Bool {
        keyword.lowercased().hasPrefix("hatchery:")
    }
}
