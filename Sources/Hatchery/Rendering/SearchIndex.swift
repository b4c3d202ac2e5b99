import Foundation

/// The client-side search index: a script that sets `window.HATCHERY_SEARCH`, because a page
/// opened from disk may not fetch JSON, but it may load a script beside it.
enum SearchIndex {
    struct Entry: Encodable {
        var title: String
        var prompt: String
        var model: String
        var tags: [String]
        var href: String
    }

    static func script(for content: GalleryContent) -> Data {
        let entries = content.entries.map {
            Entry(
                title: $0.spec.displayTitle,
                prompt: $0.spec.prompt,
                model: $0.spec.model,
                tags: $0.spec.tags,
                href: SiteNames.promptPage($0.spec.id)
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
