import Foundation
import Testing

@testable import Hatchery

/// The pages a gallery user expects: regenerations that never unpublish, linked tags and
/// neighbours, a chosen order, tag pages that paginate, spend kept private on request.
@Suite struct GalleryPagesTests {
    /// A catalog like `Fixtures.catalog`, with `gallery` lines added under `gallery:`.
    static func catalog(_ prompts: [String], gallery: String = "", extra: String = "") -> String {
        Fixtures.catalog(prompts, extra: extra).replacingOccurrences(
            of: "  title: Test gallery\n",
            with: "  title: Test gallery\n" + gallery
        )
    }

    static func build(_ site: URL, maxSpend: Money? = nil) async throws -> BuildReport {
        var options = BuildOptions(siteDirectory: site)
        options.maxSpend = maxSpend
        return try await BuildPipeline(options: options).run()
    }

    static func page(_ site: TemporaryDirectory, _ path: String) throws -> String {
        try String(contentsOf: site.url.appendingPathComponent("public/\(path)"), encoding: .utf8)
    }

    /// The `<li class="card">` of `id` in `html`.
    static func card(_ id: String, in html: String) -> String? {
        html.components(separatedBy: "<li class=\"card\"").dropFirst().first { $0.contains("prompts/\(id).html") }
    }

    /// The prompt ids of the cards in `html`, in order.
    static func listed(in html: String) throws -> [String] {
        let card = try Regex(#"class="card-title" href="(?:\.\./)*prompts/([a-z0-9-]+)\.html""#)
        return html.matches(of: card).compactMap { $0.output[1].substring.map(String.init) }
    }

    static func manifestPrompt(_ site: TemporaryDirectory, _ id: String) throws -> [String: Any]? {
        let data = try Data(contentsOf: site.url.appendingPathComponent("public/manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (manifest?["prompts"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func anEditHeldBackByTheBudgetKeepsTheLastImagesEverywhereMarkedPending() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let prompts = (0..<3).map { "id: h\($0)\nprompt: Harbour \($0) at noon\ntags: [sea]" }
        _ = try site.write(Self.catalog(prompts), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        let before = BuildPipelineTests.imageNames(in: try Self.page(site, "prompts/h1.html"))
        #expect(!before.isEmpty)

        var edited = prompts
        // The text, the model and the shape all change: until the new version exists, what the
        // gallery says about the image describes the image, and the new text is shown as pending.
        edited[1] = "id: h1\nprompt: Harbour 1 in a storm\nmodel: nanobanana-pro\naspect_ratio: \"9:16\"\ntags: [sea]"
        _ = try site.write(Self.catalog(edited), to: "catalog.yaml")
        let held = try await Self.build(site.url, maxSpend: Money(micros: 5_000))
        #expect(held.skipped == 1 && held.promptsWithoutImages == 1 && !held.isCompleteAndShown)

        let notice = "A newer version is pending: it is held back by the budget"
        let page = try Self.page(site, "prompts/h1.html")
        #expect(BuildPipelineTests.imageNames(in: page).first == before.first)
        #expect(page.contains(notice) && page.contains("Harbour 1 in a storm"))
        #expect(page.contains("alt=\"Harbour 1 at noon\""), "the images are described as they were made")
        #expect(page.contains("<strong>Newer prompt:</strong> Harbour 1 in a storm"))
        #expect(page.contains("<p class=\"prompt-text\">Harbour 1 at noon</p>"))
        #expect(page.contains("<th scope=\"row\">Model</th><td>nanobanana</td>"))
        #expect(page.contains("<th scope=\"row\">Aspect ratio</th><td>16:9</td>"))
        let index = try #require(Self.card("h1", in: try Self.page(site, "index.html")))
        #expect(index.contains("data-prompt=\"Harbour 1 at noon\"") && index.contains("</a> · 16:9"))
        #expect(index.contains("href=\"models/nanobanana.html\">nanobanana</a>"))
        for listing in ["index.html", "tags/sea.html", "models/nanobanana.html"] {
            let card = try #require(Self.card("h1", in: try Self.page(site, listing)), "\(listing)")
            #expect(!card.contains("No image yet") && card.contains(notice), "\(listing)")
            #expect(before.first.map { card.contains($0) } == true, "\(listing)")
        }
        let manifest = try #require(try Self.manifestPrompt(site, "h1"))
        #expect(manifest["current"] != nil)
        #expect((manifest["newer"] as? [String: Any])?["state"] as? String == "pending")

        // Once generated, the new version replaces it and the notice goes.
        #expect(try await Self.build(site.url).submitted == 1)
        let done = try Self.page(site, "prompts/h1.html")
        #expect(!done.contains("A newer version") && BuildPipelineTests.imageNames(in: done).first != before.first)
        #expect(done.contains("Earlier versions"))
    }

    @Test func aFailedRegenerationKeepsTheLastImagesWithItsReasonEscapedAndShort() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.moderationWord = "green" }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: kite\nprompt: A red kite"]), to: "catalog.yaml")
        #expect(try await api.build(site.url).completed == 1)
        let before = BuildPipelineTests.imageNames(in: try Self.page(site, "prompts/kite.html"))

        _ = try site.write(eggCatalog(["id: kite\nprompt: A green kite"]), to: "catalog.yaml")
        #expect(try await api.build(site.url).failed == 1)
        var page = try Self.page(site, "prompts/kite.html")
        #expect(BuildPipelineTests.imageNames(in: page).first == before.first)
        #expect(page.contains("A newer version failed: ") && !page.contains("Not generated"))
        #expect(
            try #require(Self.card("kite", in: try Self.page(site, "index.html"))).contains("A newer version failed")
        )

        // A reason is catalog-independent text from a provider: escaped, and cut short.
        let store = try Store(siteDirectory: site.url)
        let hostile = "<b>bad</b> & " + String(repeating: "very long reason ", count: 40)
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE tasks SET error = ? WHERE status = ?", arguments: [hostile, TaskStatus.failed])
        }
        _ = try await api.build(site.url)
        page = try Self.page(site, "prompts/kite.html")
        #expect(
            page.contains("A newer version failed: &lt;b&gt;bad&lt;/b&gt; &amp; very long") && !page.contains("<b>bad")
        )
        let shown = try #require(
            page.components(separatedBy: "A newer version failed: ").last?.components(separatedBy: "</p>").first
        )
        #expect(shown.count < 220 && shown.hasSuffix("…"))
        await api.stop()
    }

    @Test func promptPagesLinkTheirTagsAndNeighboursInTheGallerysOrderAndTagPagesPaginate() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let titles = [
            "zebra": "Zebra", "apple": "apple", "mango": "Mango", "banana-10": "Banana 10", "banana-9": "banana 9",
        ]
        let prompts = ["zebra", "apple", "mango", "banana-10", "banana-9"].map {
            "id: \($0)\nprompt: A picture of \($0)\ntitle: \(titles[$0]!)\ntags: [fruit, \"Big & small\"]"
        }
        _ = try site.write(Self.catalog(prompts, gallery: "  sort: title\n  page_size: 2\n"), to: "catalog.yaml")
        _ = try await Self.build(site.url)

        let order = ["apple", "banana-9", "banana-10", "mango", "zebra"]
        let index =
            try Self.page(site, "index.html") + Self.page(site, "pages/2.html") + Self.page(site, "pages/3.html")
        let listed = try Self.listed(in: index)
        #expect(listed == order, "\(listed)")

        for (position, id) in order.enumerated() {
            let page = try Self.page(site, "prompts/\(id).html")
            let previous = position > 0 ? "<a rel=\"prev\" href=\"../prompts/\(order[position - 1]).html\">" : nil
            let next =
                position + 1 < order.count ? "<a rel=\"next\" href=\"../prompts/\(order[position + 1]).html\">" : nil
            #expect(previous.map { page.contains($0) } ?? !page.contains("rel=\"prev\""), "\(id)")
            #expect(next.map { page.contains($0) } ?? !page.contains("rel=\"next\""), "\(id)")
            #expect(page.contains("<li><a href=\"../tags/fruit.html\">fruit</a></li>"), "\(id)")
            let names = SiteNames(tags: ["fruit", "Big & small"], models: [])
            #expect(page.contains("<a href=\"../\(names.tagPage("Big & small"))\">Big &amp; small</a>"), "\(id)")
        }

        // Five prompts tagged, two a page: three pages, linked both ways, in the same order.
        let first = try Self.page(site, "tags/fruit.html")
        let second = try Self.page(site, "tags/fruit/2.html")
        let third = try Self.page(site, "tags/fruit/3.html")
        #expect(first.contains("rel=\"next\" href=\"../tags/fruit/2.html\""))
        #expect(
            second.contains("rel=\"prev\" href=\"../../tags/fruit.html\"")
                && second.contains("href=\"../../assets/style.css\"")
        )
        #expect(Self.card("zebra", in: third) != nil && Self.card("zebra", in: first) == nil)
        #expect(
            !FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/tags/fruit/4.html").path)
        )
    }

    @Test func titlesSortIgnoringCaseAndAccentsWithNumbersByValue() {
        let titles = ["Photo 10", "photo 2", "Éclair", "eclair b", "apple", "Photo 02", "zebra", "Zèbre"]
        let sorted = titles.sorted { GalleryOrder.titleOrder($0, $1) == .orderedAscending }
        #expect(sorted == ["apple", "Éclair", "eclair b", "photo 2", "Photo 02", "Photo 10", "zebra", "Zèbre"])
    }

    @Test func newestFirstFollowsGenerationTimeAndBreaksTiesByCatalogOrder() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let prompts = ["a", "b", "c", "d"].map { "id: \($0)\nprompt: Prompt \($0)" }
        _ = try site.write(Self.catalog(prompts, gallery: "  sort: newest\n"), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        try await Store(siteDirectory: site.url).pool.write { db in
            for (id, day) in [("a", "02"), ("b", "04"), ("c", "02"), ("d", "03")] {
                try db.execute(
                    sql: "UPDATE tasks SET completed_at = ? WHERE prompt_id = ?",
                    arguments: ["2026-01-\(day) 10:00:00.000", id]
                )
            }
        }
        _ = try await Self.build(site.url)
        let index = try Self.page(site, "index.html")
        #expect(try Self.listed(in: index) == ["b", "d", "a", "c"])
    }

    @Test func showSpendFalseKeepsEveryAmountOutOfThePublicSite() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let prompts = ["id: fox\nprompt: A red fox\nnum_outputs: 2\ntags: [animal]", "id: owl\nprompt: An owl"]
        _ = try site.write(Self.catalog(prompts), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        // An earlier version too, so history has a cost to hide.
        var edited = prompts
        edited[1] = "id: owl\nprompt: An owl at dusk"
        _ = try site.write(Self.catalog(edited), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        let published = site.url.appendingPathComponent("public")
        // The same search finds the amounts while spend is shown: it would catch a leak.
        #expect(try !Self.money(in: published).isEmpty)

        _ = try site.write(Self.catalog(edited, gallery: "  show_spend: false\n"), to: "catalog.yaml")
        let report = try await Self.build(site.url)
        #expect(report.submitted == 0)
        #expect(try Self.money(in: published) == [])
        #expect(!FileManager.default.fileExists(atPath: published.appendingPathComponent("cost.html").path))
        #expect(!(try Self.page(site, "index.html")).contains("cost.html"))
        #expect(try Self.page(site, "prompts/owl.html").contains("Earlier versions"))
    }

    /// A model the gallery spent on but no prompt shows any more keeps its spend on the cost
    /// page, named without a link: its page is gone, and the link to it was left dangling.
    @Test func theCostPageLinksOnlyToModelPagesThatExist() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Self.catalog(["id: fox\nprompt: A red fox\nmodel: nanobanana-pro"]), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        #expect(try Self.page(site, "cost.html").contains("href=\"models/nanobanana-pro.html\""))

        _ = try site.write(Self.catalog(["id: fox\nprompt: A red fox\nmodel: nanobanana"]), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        let published = site.url.appendingPathComponent("public")
        #expect(
            !FileManager.default.fileExists(atPath: published.appendingPathComponent("models/nanobanana-pro.html").path)
        )
        let cost = try Self.page(site, "cost.html")
        #expect(cost.contains("<td>nanobanana-pro</td>") && cost.contains("<h3>nanobanana-pro</h3>"))
        #expect(!cost.contains("models/nanobanana-pro.html"))
        #expect(cost.contains("href=\"models/nanobanana.html\""))
    }

    /// The cost page names prompts by id, as `hatchery spend --by prompt` does, so a title edit
    /// leaves it as it was; a prompt that left the catalog keeps its spend, named without a link.
    @Test func theCostPageNamesPromptsByIDAndLinksOnlyToPagesThatExist() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let fox = "id: fox\ntitle: The <fox>\nprompt: A red fox"
        _ = try site.write(Self.catalog([fox, "id: owl\nprompt: An owl"]), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        let cost = try Self.page(site, "cost.html")
        #expect(cost.contains("<a href=\"prompts/fox.html\">fox</a>") && !cost.contains("The &lt;fox&gt;"))

        _ = try site.write(Self.catalog(["id: owl\nprompt: An owl"]), to: "catalog.yaml")
        _ = try await Self.build(site.url)
        let after = try Self.page(site, "cost.html")
        #expect(after.contains("<td>fox (removed)</td>") && !after.contains("prompts/fox.html"))
        #expect(after.contains("<a href=\"prompts/owl.html\">owl</a>"))
    }

    /// Every file under `folder` holding an amount of dollars or a cost field, with what it holds.
    static func money(in folder: URL) throws -> [String] {
        let amount = try Regex(#"\$[0-9]+\.[0-9]{2,}|cost_micros|task_cost|spend_by_model|"cost""#)
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects.compactMap { $0 as? String } ?? []
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                continue
            }
            // Bytes past ASCII as `?`: PNG chunks and WebP files are searched as text too.
            let text = String(decoding: data.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
            if let match = text.firstMatch(of: amount) { found.append("\(file): \(text[match.range])") }
        }
        return found
    }
}
