import Foundation

/// `feed.xml`: an Atom feed (RFC 4287) of the prompts generated most recently, for a site with
/// a base URL (Atom's ids and links must be absolute).
enum AtomFeed {
    /// How many prompts the feed lists.
    static let limit = 20

    /// The prompts with images, newest generation first (ties by id), at most `limit`.
    static func newest(_ entries: [GalleryContent.Entry]) -> [(entry: GalleryContent.Entry, generation: Generation)] {
        var shown: [(entry: GalleryContent.Entry, generation: Generation)] = []
        for entry in entries {
            if let generation = entry.generation { shown.append((entry, generation)) }
        }
        shown.sort { a, b in
            let (x, y) = (a.generation.completedAt, b.generation.completedAt)
            return x != y ? x > y : a.entry.spec.id < b.entry.spec.id
        }
        return Array(shown.prefix(limit))
    }

    /// The feed of `content`, whose images `published` names; `heads` gives the addresses.
    static func document(_ content: GalleryContent, published: PublishedImages, base: String) -> String {
        let newest = newest(content.entries)
        // A feed with no entries still needs a date: the epoch says "nothing yet" and never changes.
        let updated = newest.first?.generation.completedAt ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(XMLText.escaped(content.gallery.title))</title>

            """
        if let description = content.gallery.description {
            xml += "  <subtitle>\(XMLText.escaped(description))</subtitle>\n"
        }
        xml += """
              <id>\(XMLText.escaped(base))</id>
              <link rel="self" type="application/atom+xml" href="\(XMLText.escaped(base + SiteNames.feed))"/>
              <link rel="alternate" type="text/html" href="\(XMLText.escaped(base + SiteNames.indexPage(1)))"/>
              <updated>\(Timestamp.format(updated))</updated>
              <author><name>\(XMLText.escaped(content.gallery.title))</name></author>
              <generator>Hatchery</generator>

            """
        for (entry, generation) in newest {
            xml += self.entry(entry, generation: generation, published: published, base: base)
        }
        return xml + "</feed>\n"
    }

    private static func entry(
        _ entry: GalleryContent.Entry,
        generation: Generation,
        published: PublishedImages,
        base: String
    ) -> String {
        let spec = entry.spec
        let page = XMLText.escaped(base + SiteNames.promptPage(spec.id))
        // The entry's HTML, escaped once more to sit in the feed as `type="html"` text.
        var html = ""
        if let image = generation.images.first {
            let file = published[image].large
            html +=
                "<p><img src=\"\(XMLText.escaped(base + file.path))\" width=\"\(file.width)\" height=\"\(file.height)\" alt=\"\(XMLText.escaped(spec.prompt))\"></p>"
        }
        html += "<p>\(XMLText.escaped(spec.prompt))</p>"
        if let caption = spec.caption { html += "<p>\(XMLText.escaped(caption))</p>" }
        var xml = """
              <entry>
                <title>\(XMLText.escaped(spec.displayTitle))</title>
                <id>\(page)</id>
                <link rel="alternate" type="text/html" href="\(page)"/>
                <updated>\(Timestamp.format(generation.completedAt))</updated>
                <summary>\(XMLText.escaped(spec.prompt))</summary>
                <content type="html">\(XMLText.escaped(html))</content>

            """
        for tag in spec.tags {
            xml += "    <category term=\"\(XMLText.escaped(tag))\"/>\n"
        }
        return xml + "  </entry>\n"
    }
}
