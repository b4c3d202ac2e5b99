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

    static func script(for content: GalleryContent, published: PublishedImages) -> Data {
        let entries = content.entries.map { entry in
            let thumbnail = entry.generation?.images.first.map { image in
                let files = published[image]
                return files.candidates.min { $0.width < $1.width } ?? files.fallback
            }
            return Entry(
                title: entry.spec.displayTitle,
                caption: entry.spec.caption,
                prompt: entry.shownSpec.prompt,
                model: entry.shownSpec.model,
                tags: entry.spec.tags,
                href: SiteNames.promptPage(entry.spec.id),
                thumb: thumbnail?.path,
                width: thumbnail?.width,
                height: thumbnail?.height
            )
        }
        var json = String(decoding: SiteManifest.encode(entries), as: UTF8.self)
        // JSON is valid JavaScript once the two line separators older engines reject are escaped.
        json = json.replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(
            of: "\u{2029}",
            with: "\\u2029"
        )
        return Data("window.HATCHERY_SEARCH = \(json);\n".utf8)
    }
}
