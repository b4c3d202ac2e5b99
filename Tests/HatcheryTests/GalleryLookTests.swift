import Foundation
import Testing

@testable import Hatchery

/// Issue 12's pages as built files: the grid keeps each image's shape, every grid page searches
/// the whole site with thumbnails, every page has a skip link that lands, and the spend charts
/// read at any width.
@Suite struct GalleryLookTests {
    static func build(_ prompts: [String], pageSize: Int = 3) async throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        let catalog = Fixtures.catalog(prompts).replacingOccurrences(
            of: "  title: Test gallery",
            with: "  title: Test gallery\n  page_size: \(pageSize)"
        )
        _ = try site.write(catalog, to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        return site
    }

    static let prompts = (0..<5).map {
        "id: p\($0)\nprompt: Prompt \($0)\ncaption: Caption word\($0)\naspect_ratio: \"\($0 % 2 == 0 ? "16:9" : "9:16")\"\ntags: [shape]"
    }

    @Test func eachCardIsAsWideAsItsImagesShapeAsks() async throws {
        let site = try await Self.build(Self.prompts, pageSize: 10)
        defer { site.cleanup() }
        let index = try String(contentsOf: site.url.appendingPathComponent("public/index.html"), encoding: .utf8)
        // A portrait's card says 9:16 and its image is drawn 9:16: the card's shape comes from
        // the image's own width and height, the same the <img> promises (no crop, no shift).
        let cards = index.components(separatedBy: "<li class=\"card\"").dropFirst()
        #expect(cards.count == 5)
        for card in cards {
            let style = try #require(
                card.firstMatch(of: /style="--ratio: ([0-9.]+); --basis: ([0-9.]+)rem; --cap: ([0-9.]+)rem"/)
            )
            let image = try #require(card.firstMatch(of: /<img [^>]* width="(\d+)" height="(\d+)"/))
            let ratio = try #require(Double(style.output.1))
            let width = try #require(Double(image.output.1))
            let height = try #require(Double(image.output.2))
            #expect(abs(ratio - width / height) < 0.0001)
            #expect(abs((Double(style.output.2) ?? 0) - ratio * 15) < 0.01)
        }
        #expect(index.contains("--ratio: 0.5625;") && index.contains("--ratio: 1.7778;"))
        // A prompt's image is never drawn wider than the original.
        let portrait = try String(
            contentsOf: site.url.appendingPathComponent("public/prompts/p1.html"),
            encoding: .utf8
        )
        #expect(portrait.contains("<figure style=\"max-width: min(100%, 576px)\">"))
    }

    @Test func everyGridPageSearchesTheWholeSiteWithThumbnails() async throws {
        let site = try await Self.build(Self.prompts)
        defer { site.cleanup() }
        let public_ = site.url.appendingPathComponent("public")
        for (path, root) in [
            ("index.html", ""), ("pages/2.html", "../"), ("tags/shape.html", "../"), ("models/nanobanana.html", "../"),
        ] {
            let page = try String(contentsOf: public_.appendingPathComponent(path), encoding: .utf8)
            #expect(page.contains("<form class=\"search\" role=\"search\" data-root=\"\(root)\""), "\(path)")
            #expect(page.contains("<script src=\"\(root)search-index.js\" defer>"), "\(path)")
            #expect(page.contains("<ul class=\"grid\" id=\"grid\">"), "\(path)")
        }
        let script = try String(contentsOf: public_.appendingPathComponent("search-index.js"), encoding: .utf8)
        let json = script.dropFirst("window.HATCHERY_SEARCH = ".count).dropLast(2)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(entries.count == 5)
        #expect(entries.first?["caption"] as? String == "Caption word0", "captions are searched too")
        for entry in entries {
            // The thumbnail is a web image the site holds, the smallest, with its size.
            let thumb = try #require(entry["thumb"] as? String)
            #expect(thumb.hasPrefix("images/") && thumb.hasSuffix(".webp"))
            #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent(thumb).path))
            let width = try #require(entry["width"] as? Int)
            let height = try #require(entry["height"] as? Int)
            #expect(width > 0 && height > 0 && width <= 480)
        }
    }

    @Test func oneUntaggedPromptIsCountedInTheSingularWithNoEmptyTagList() async throws {
        let site = try await Self.build(["id: solo\nprompt: A single prompt"])
        defer { site.cleanup() }
        let index = try String(contentsOf: site.url.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(index.contains("<p class=\"counts\">1 prompt · 1 image</p>"))
        #expect(!index.contains("tag-list"))
        let tagged = try await Self.build(Self.prompts)
        defer { tagged.cleanup() }
        let five = try String(contentsOf: tagged.url.appendingPathComponent("public/tags/shape.html"), encoding: .utf8)
        #expect(five.contains("<p class=\"counts\">5 prompts · 5 images</p>") && five.contains("tag-list"))
    }

    @Test func everyPagesSkipLinkLandsOnTheGridOrTheContent() async throws {
        let site = try await Self.build(Self.prompts)
        defer { site.cleanup() }
        let public_ = site.url.appendingPathComponent("public")
        let pages = try #require(FileManager.default.enumerator(atPath: public_.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".html") }
        #expect(pages.count > 8)
        for path in pages {
            let page = try String(contentsOf: public_.appendingPathComponent(path), encoding: .utf8)
            let link = try #require(page.firstMatch(of: /<a class="skip-link" href="#([a-z]+)">/), "\(path)")
            #expect(page.contains("id=\"\(link.output.1)\""), "\(path)")
            // The grid pages skip past the search and tags to the images.
            #expect((link.output.1 == "grid") == page.contains("<ul class=\"grid\""), "\(path)")
        }
    }

    @Test func oneDaysSpendIsABarAndManyDaysAreLines() {
        let series = [
            (label: "<b>model</b>", perDay: ["2026-11-30": Int64(220_000)]),
            (label: "pro", perDay: ["2026-11-30": Int64(128_000)]),
        ]
        let one = SpendCharts.overTime(days: ["2026-11-30"], series: series)
        #expect(one.caption == "Spend per day and model (UTC).")
        #expect(one.svg.components(separatedBy: "<rect x=").count - 1 == 2 + 2)  // two segments, two swatches
        #expect(!one.svg.contains("<polyline") && !one.svg.contains("<b>"))
        #expect(one.svg.contains("&lt;b&gt;model&lt;/b&gt; ($0.2200)"))
        // The legend's longest line fits the drawing: its width grows with the label.
        let width = try? #require(one.svg.firstMatch(of: /width="(\d+)"/)).output.1
        #expect(Int(width ?? "0") ?? 0 >= 70 + 18 + 8 * ("<b>model</b>".count + 12))

        let days = (1...40).map {
            $0 <= 31 ? String(format: "2026-10-%02d", $0) : String(format: "2026-11-%02d", $0 - 31)
        }
        let many = SpendCharts.overTime(
            days: days,
            series: [(label: "pro", perDay: Dictionary(uniqueKeysWithValues: days.map { ($0, Int64(1000)) }))]
        )
        #expect(many.caption.hasPrefix("Cumulative") && many.svg.contains("<polyline"))
        #expect(SpendCharts.overTime(days: [], series: series).svg.isEmpty)
    }

    @Test func theBarsPerModelAreHTMLThatReflowsWithEscapedNames() {
        let html = SpendCharts.bars([("<i>a</i>", 300_000, false), ("b", 100_000, true)])
        #expect(html.hasPrefix("<ul class=\"bars\">") && !html.contains("<svg") && !html.contains("<i>"))
        #expect(html.contains("width: 100.0%") && html.contains("width: 33.3%"))
        #expect(html.contains("b (estimate)") && html.contains("bar-fill estimate"))
        #expect(SpendCharts.bars([]).isEmpty)
    }
}
