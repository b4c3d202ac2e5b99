import Foundation

/// The client-side search index: a script that sets `window.HATCHERY_SEARCH`, because a page
/// opened from disk may not fetch JSON, but it may load a script beside it.
enum SearchIndex {
    /// One prompt: what the search reads, where its page is, and its first image's smallest web
    /// size for the result's thumbnail (paths relative to the site root; no thumbnail before
    /// the prompt has an image).
    struct Entry: Encodable {
        var title: String
        var caption: String?
        var prompt: String
        var model: String
        var tags: [String]
        var href: String
        var thumb: String?
        var width: Int?
        var height: Int?
    }

    /// Writes `window.HATCHERY_SEARCH = [ … ];` for `content`, a batch of prompts at a time.
    static func write(
        _ content: GalleryContent,
        published: PublishedImages,
        to output: inout StreamedOutput
    ) async throws(RenderError) {
        try output.append("window.HATCHERY_SEARCH = [")
        let batch = 1024
        for start in stride(from: 0, to: content.entries.count, by: batch) {
            let parts = await content.entries.concurrentMap(in: start..<min(start + batch, content.entries.count)) {
                entry in
                escapingLineSeparators(Self.entry(entry, published: published).json.bytes())
            }
            for (offset, part) in parts.enumerated() {
                try output.append(start + offset == 0 ? "\n" : ",\n")
                try output.append(part)
            }
        }
        try output.append("\n];\n")
    }

    static func entry(_ entry: GalleryContent.Entry, published: PublishedImages) -> Entry {
        let thumbnail = entry.generation?.images.first.map { image in
            let files = published[image]
            return files.candidates.min { $0.width < $1.width } ?? files.fallback
        }
        let spec = entry.shownSpec
        return Entry(
            title: entry.spec.displayTitle,
            caption: entry.spec.caption,
            prompt: spec.prompt,
            model: spec.model,
            tags: entry.spec.tags,
            href: SiteNames.promptPage(entry.spec.id),
            thumb: thumbnail?.path,
            width: thumbnail?.width,
            height: thumbnail?.height
        )
    }

    /// JSON is valid JavaScript once the two line separators older engines reject (U+2028 and
    /// U+2029, `E2 80 A8` and `E2 80 A9` in UTF-8) are escaped.
    static func escapingLineSeparators(_ json: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.count)
        var index = json.startIndex
        while index < json.endIndex {
            let byte = json[index]
            if byte == 0xE2, json.index(index, offsetBy: 2) < json.endIndex, json[index + 1] == 0x80,
                json[index + 2] == 0xA8 || json[index + 2] == 0xA9
            {
                bytes.append(contentsOf: Array((json[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return bytes
    }
}
