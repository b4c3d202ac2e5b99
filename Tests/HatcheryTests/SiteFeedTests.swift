import Foundation
import Testing

@testable import Hatchery

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a site published at `gallery.base_url` gives crawlers, feed readers and link previews,
/// and what every page's head says with or without it.
@Suite struct SiteFeedTests {
    /// Every element of an XML document, as `name` and text, in document order; nil when the
    /// document is not well-formed.
    final class XMLElements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        private var open: [Int] = []

        static func parse(_ data: Data) -> [(name: String, attributes: [String: String], text: String)]? {
            let parser = XMLParser(data: data)
            let collector = XMLElements()
            parser.delegate = collector
            return parser.parse() ? collector.elements : nil
        }

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append((name, attributes, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }
    }

    static func htmlPages(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".html") }.sorted()
    }

    static let prompts = [
        "id: fox\nprompt: A red fox in the snow, \"quoted\" & <b>bold</b>\ntitle: Fox <i>&</i> snow\ntags: [animal]",
        "id: owl\nprompt: An owl at night\naspect_ratio: \"9:16\"\ntags: [animal]",
        "id: sea\nprompt: A calm sea\ncaption: \(String(repeating: "A very long caption. ", count: 20))",
    ]

    @Test func aBaseURLGivesCanonicalLinksASitemapAFeedAndSocialCards() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            GalleryPagesTests.catalog(Self.prompts, gallery: "  base_url: https://example.com/art\n  page_size: 2\n"),
            to: "catalog.yaml"
        )
        _ = try await GalleryPagesTests.build(site.url)
        try await Store(siteDirectory: site.url).pool.write { db in
            for (id, day) in [("fox", "03"), ("owl", "01"), ("sea", "02")] {
                try db.execute(
                    sql: "UPDATE tasks SET completed_at = ? WHERE prompt_id = ?",
                    arguments: ["2026-02-\(day) 10:00:00.000", id]
                )
            }
        }
        _ = try await GalleryPagesTests.build(site.url)
        let published = site.url.appendingPathComponent("public")
        let base = "https://example.com/art/"

        let pages = Self.htmlPages(published)
        #expect(pages.contains("pages/2.html") && pages.contains("cost.html") && pages.contains("tags/animal.html"))
        for path in pages {
            let html = try GalleryPagesTests.page(site, path)
            #expect(html.contains("<link rel=\"canonical\" href=\"\(base)\(path)\">"), "\(path)")
            #expect(html.contains("<meta property=\"og:url\" content=\"\(base)\(path)\">"), "\(path)")
            #expect(html.contains("<meta name=\"description\" content=\""), "\(path)")
            #expect(html.contains("feed.xml\">") && html.contains("assets/favicon.svg"), "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: published.appendingPathComponent("assets/favicon.svg").path))

        // The card of a prompt page: its first image, absolute, with its size.
        let owl = try GalleryPagesTests.page(site, "prompts/owl.html")
        let image = try #require(
            owl.firstMatch(of: try Regex(#"<meta property="og:image" content="([^"]+)">"#))?.output[1].substring
        )
        #expect(image.hasPrefix(base + "images/") && image.hasSuffix(".webp"))
        #expect(owl.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(owl.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let width = try #require(
            owl.firstMatch(of: try Regex(#"og:image:width" content="([0-9]+)""#))?.output[1].substring
        )
        let height = try #require(
            owl.firstMatch(of: try Regex(#"og:image:height" content="([0-9]+)""#))?.output[1].substring
        )
        #expect(Int(width)! < Int(height)!, "a portrait's card image is a portrait: \(width)×\(height)")
        // Escaped and elided: the description is a short piece of the caption.
        let sea = try GalleryPagesTests.page(site, "prompts/sea.html")
        let description = try #require(
            sea.firstMatch(of: try Regex(#"<meta name="description" content="([^"]*)">"#))?.output[1].substring
        )
        #expect(description.count <= PageHead.descriptionLimit && description.hasSuffix("…"))
        let fox = try GalleryPagesTests.page(site, "prompts/fox.html")
        #expect(fox.contains("content=\"A red fox in the snow, &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;\""))

        // The sitemap lists every page, and only pages.
        let sitemap = try #require(
            XMLElements.parse(try Data(contentsOf: published.appendingPathComponent("sitemap.xml")))
        )
        #expect(sitemap.filter { $0.name == "loc" }.map(\.text).sorted() == pages.map { base + $0 }.sorted())

        // The feed: valid Atom, newest first, catalog text read back exactly as written.
        let feed = try #require(XMLElements.parse(try Data(contentsOf: published.appendingPathComponent("feed.xml"))))
        #expect(feed.first?.name == "feed")
        let entries = feed.filter { $0.name == "entry" }.count
        let ids = feed.filter { $0.name == "id" }.map(\.text)
        #expect(
            entries == 3
                && ids == [base, base + "prompts/fox.html", base + "prompts/sea.html", base + "prompts/owl.html"]
        )
        let titles = feed.filter { $0.name == "title" }.map(\.text)
        #expect(titles.dropFirst().first == "Fox <i>&</i> snow")
        #expect(feed.filter { $0.name == "updated" }.map(\.text).first?.hasPrefix("2026-02-03T10:00:00") == true)
        #expect(
            feed.contains {
                $0.name == "link" && $0.attributes["rel"] == "self" && $0.attributes["href"] == base + "feed.xml"
            }
        )
    }

    @Test func withoutABaseURLThereIsNoAbsoluteAddressButEveryPageIsDescribed() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(GalleryPagesTests.catalog(Self.prompts), to: "catalog.yaml")
        _ = try await GalleryPagesTests.build(site.url)
        let published = site.url.appendingPathComponent("public")
        for file in ["sitemap.xml", "feed.xml"] {
            #expect(!FileManager.default.fileExists(atPath: published.appendingPathComponent(file).path))
        }
        for path in Self.htmlPages(published) {
            let html = try GalleryPagesTests.page(site, path)
            #expect(!html.contains("canonical") && !html.contains("og:") && !html.contains("feed.xml"), "\(path)")
            #expect(html.contains("<meta name=\"description\" content=\"") && html.contains("favicon.svg"), "\(path)")
        }
    }

    @Test func theFeedTakesTheTwentyNewestPromptsWithImages() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let entries = (0..<25).map { index in
            let spec = PromptSpec(id: "p\(index)", prompt: "Prompt \(index)", model: "nanobanana")
            return GalleryContent.Entry(
                spec: spec,
                fingerprint: Fingerprint(spec, provider: .local),
                generation: index == 24
                    ? nil
                    : Generation(
                        taskID: Int64(index),
                        provider: .local,
                        model: "nanobanana",
                        fingerprint: Fingerprint(hex: ""),
                        cost: .zero,
                        // Two prompts a minute: ties are broken by id.
                        completedAt: start.addingTimeInterval(Double(index / 2) * 60),
                        request: nil,
                        images: []
                    ),
                history: [],
                failure: nil
            )
        }
        let newest = AtomFeed.newest(entries).map(\.entry.spec.id)
        #expect(newest.count == AtomFeed.limit)
        #expect(Array(newest.prefix(4)) == ["p22", "p23", "p20", "p21"])
        #expect(!newest.contains("p24") && !newest.contains("p0"))
    }

    @Test func elisionKeepsOneShortLineCutAtAWord() {
        #expect(Elision.oneLine("a\n  b\tc", limit: 10) == "a b c")
        let cut = Elision.oneLine(String(repeating: "word ", count: 100), limit: 40)
        #expect(cut.count <= 40 && cut.hasSuffix("word…"))
        #expect(
            NewerVersion(.failed, reason: String(repeating: "x", count: 500)).reason.count == NewerVersion.reasonLimit
        )
    }
}
