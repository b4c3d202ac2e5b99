import Foundation
import Testing

@testable import Hatchery

/// A build makes only the files whose inputs changed (issue 13): each page's digest covers its
/// template and page data; files no page owns any more leave.
@Suite struct IncrementalRenderTests {
    /// Six prompts, two a page; a, c and e tagged `x`; a to d on one model, e and f on another.
    static func catalog(
        titleOfC: String = "Prompt c",
        textOfD: String = "A drawing of d",
        dropping: Set<String> = [],
        templates: URL? = nil
    ) -> String {
        let prompts = ["a", "b", "c", "d", "e", "f"].enumerated().filter { !dropping.contains($0.element) }.map {
            index,
            id in
            var lines = [
                "id: \(id)", "prompt: \(id == "d" ? textOfD : "A drawing of \(id)")",
                "title: \(id == "c" ? titleOfC : "Prompt \(id)")",
            ]
            lines.append("tags: [\(index % 2 == 0 ? "x" : "y"), only-\(id)]")
            if index >= 4 { lines.append("model: nanobanana-pro") }
            return lines.joined(separator: "\n")
        }
        var text = Fixtures.catalog(prompts).replacingOccurrences(
            of: "  title: Test gallery",
            with: "  title: Test gallery\n  page_size: 2"
        )
        if let templates {
            text = text.replacingOccurrences(of: Fixtures.templates.path, with: templates.path)
        }
        return text
    }

    /// Builds `site` and returns the files of its `public/` whose size or modification time
    /// changed, appeared or went away since `before`, with the states after.
    static func build(
        _ site: URL,
        since before: [String: FileState]
    ) async throws -> (changed: Set<String>, after: [String: FileState], report: BuildReport) {
        let report = try await BuildPipeline(options: BuildOptions(siteDirectory: site)).run()
        let after = FolderScan.states(site.appendingPathComponent("public"))
        let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }
        return (changed, after, report)
    }

    @Test func aTitleEditRewritesExactlyThePagesThatShowTheTitle() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Self.catalog(), to: "catalog.yaml")
        let first = try await Self.build(site.url, since: [:])

        _ = try site.write(Self.catalog(titleOfC: "A new title"), to: "catalog.yaml")
        let edit = try await Self.build(site.url, since: first.after)
        #expect(
            edit.changed == [
                "prompts/c.html", "prompts/c.json",
                // Its neighbours link to it by title.
                "prompts/b.html", "prompts/d.html",
                // The grid page it is on, its tags' pages and its model's page.
                "pages/2.html", "tags/x.html", "tags/only-c.html", "models/nanobanana/2.html",
                "manifest.json", "search-index.js",
                // Not the cost page: it lists every prompt by id.
            ]
        )
        #expect(edit.report.render.filesWritten == edit.changed.count)
        #expect(edit.report.render.filesRemoved == 0)
        let page = try String(contentsOf: site.url.appendingPathComponent("public/prompts/c.html"), encoding: .utf8)
        #expect(page.contains("A new title"))

        // Nothing changed: the no-op answers without rendering; a render that finds nothing
        // changed (the stamp forgotten) writes nothing either.
        let again = try await Self.build(site.url, since: edit.after)
        #expect(again.changed.isEmpty)
        try await Store(siteDirectory: site.url).saveBuildStamp(nil)
        let rendered = try await Self.build(site.url, since: edit.after)
        #expect(rendered.changed.isEmpty && rendered.report.render.filesWritten == 0)
        #expect(rendered.report.render.filesUnchanged == rendered.after.count)
    }

    @Test func aRegeneratedPromptRewritesItsPagesAndTheSpendOnlyWhereShown() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Self.catalog(), to: "catalog.yaml")
        let first = try await Self.build(site.url, since: [:])

        _ = try site.write(Self.catalog(textOfD: "A painting of d"), to: "catalog.yaml")
        let edit = try await Self.build(site.url, since: first.after)
        #expect(edit.report.completed == 1)
        #expect(
            Set(edit.changed.filter { !$0.hasPrefix("images/") }) == [
                "prompts/d.html", "prompts/d.json",
                // The grid page, tag pages and model page it is on.
                "pages/2.html", "tags/y.html", "tags/only-d.html", "models/nanobanana/2.html",
                // The model's spend, on its first page; the cost page.
                "models/nanobanana.html", "cost.html",
                "manifest.json", "search-index.js",
            ]
        )
        // Its new original and web sizes; the earlier ones stay, shown as its history.
        let images = edit.changed.filter { $0.hasPrefix("images/") }
        #expect(!images.isEmpty && images.allSatisfy { edit.after[$0] != nil && first.after[$0] == nil })
    }

    @Test func aTemplateEditRemakesEveryPageUsingItAndOnlyThose() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let templates = site.url.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Fixtures.templates, to: templates)
        _ = try site.write(Self.catalog(templates: templates), to: "catalog.yaml")
        let first = try await Self.build(site.url, since: [:])
        let promptPages = Set(first.after.keys.filter { $0.hasPrefix("prompts/") && $0.hasSuffix(".html") })
        #expect(promptPages.count == 6)

        // The prompt page's own template: every prompt page, and nothing else.
        let prompt = templates.appendingPathComponent("prompt.mustache")
        try (try String(contentsOf: prompt, encoding: .utf8) + "<!-- edited -->\n").write(
            to: prompt,
            atomically: true,
            encoding: .utf8
        )
        let promptEdit = try await Self.build(site.url, since: first.after)
        #expect(promptEdit.changed == promptPages)

        // The layout every page extends: every page.
        let layout = templates.appendingPathComponent("layout.mustache")
        try (try String(contentsOf: layout, encoding: .utf8) + "<!-- edited -->\n").write(
            to: layout,
            atomically: true,
            encoding: .utf8
        )
        let layoutEdit = try await Self.build(site.url, since: promptEdit.after)
        let allPages = Set(first.after.keys.filter { $0.hasSuffix(".html") })
        #expect(layoutEdit.changed == allPages)

        // A comment changes the template but no page's bytes: the pages are made again and
        // compared, and none is written.
        try (try String(contentsOf: layout, encoding: .utf8) + "{{! a comment }}").write(
            to: layout,
            atomically: true,
            encoding: .utf8
        )
        let commentEdit = try await Self.build(site.url, since: layoutEdit.after)
        #expect(commentEdit.changed.isEmpty)
    }

    @Test func pagesOfDeletedPromptsAndTagsGoAway() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Self.catalog(), to: "catalog.yaml")
        let first = try await Self.build(site.url, since: [:])
        #expect(first.after["tags/only-f.html"] != nil && first.after["models/nanobanana-pro.html"] != nil)

        _ = try site.write(Self.catalog(dropping: ["e", "f"]), to: "catalog.yaml")
        let removal = try await Self.build(site.url, since: first.after)
        let gone = Set(first.after.keys).subtracting(removal.after.keys)
        for path in [
            "prompts/e.html", "prompts/e.json", "prompts/f.html", "prompts/f.json", "tags/only-e.html",
            "tags/only-f.html", "models/nanobanana-pro.html", "pages/3.html",
        ] {
            #expect(gone.contains(path), "\(path)")
        }
        #expect(removal.report.render.filesRemoved == gone.count)
        // Their images leave with them; the folder of a model with no page left goes too.
        #expect(gone.contains { $0.hasPrefix("images/") })
        #expect(
            !FileManager.default.fileExists(
                atPath: site.url.appendingPathComponent("public/models/nanobanana-pro").path
            )
        )
    }

    /// A prompt page is skipped by a digest of what it is made from, not of the page itself:
    /// each input beyond the prompt's own text must still reach the pages that show it.
    @Test func everyInputOfAPromptPageRemakesIt() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        var catalog = Self.catalog()
        _ = try site.write(catalog, to: "catalog.yaml")
        var last = try await Self.build(site.url, since: [:])
        func edit(_ old: String, _ new: String) async throws -> Set<String> {
            #expect(catalog.contains(old), "\(old)")
            catalog = catalog.replacingOccurrences(of: old, with: new)
            _ = try site.write(catalog, to: "catalog.yaml")
            last = try await Self.build(site.url, since: last.after)
            return last.changed
        }
        func page(_ path: String) throws -> String {
            try String(contentsOf: site.url.appendingPathComponent("public/" + path), encoding: .utf8)
        }

        // A caption: on its page only (cards and sidecars do not show it).
        let caption = try await edit("    title: Prompt c\n", "    title: Prompt c\n    caption: Seen at dusk\n")
        #expect(
            caption.contains("prompts/c.html")
                && !caption.contains { $0.hasPrefix("prompts/") && $0 != "prompts/c.html" }
        )
        #expect(try page("prompts/c.html").contains("Seen at dusk"))

        // A tag no prompt had: the page links to the new tag's page.
        let tag = try await edit("tags: [x, only-c]", "tags: [x, brand-new]")
        #expect(tag.isSuperset(of: ["prompts/c.html", "prompts/c.json", "tags/brand-new.html"]))
        #expect(try page("prompts/c.html").contains("tags/brand-new.html"))
        #expect(!tag.contains("prompts/a.html"))

        // Costs hidden: every sidecar and prompt page drops them.
        let spend = try await edit("  page_size: 2\n", "  page_size: 2\n  show_spend: false\n")
        for id in ["a", "b", "c", "d", "e", "f"] {
            #expect(spend.isSuperset(of: ["prompts/\(id).html", "prompts/\(id).json"]), "\(id)")
        }
        #expect(try !page("prompts/c.json").contains("cost"))

        // The gallery's title, in every page's header.
        let title = try await edit("  title: Test gallery\n", "  title: Another gallery\n")
        let pages = Set(last.after.keys.filter { $0.hasSuffix(".html") })
        #expect(title.isSuperset(of: pages))
        #expect(try page("prompts/f.html").contains("Another gallery"))
    }

    @Test func aPageEditedByHandIsMadeAgain() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Self.catalog(), to: "catalog.yaml")
        let first = try await Self.build(site.url, since: [:])
        let page = site.url.appendingPathComponent("public/prompts/a.html")
        let made = try Data(contentsOf: page)
        // The same length, other bytes: only the modification time tells.
        var edited = made
        edited[edited.count - 2] = edited[edited.count - 2] == 65 ? 66 : 65
        try edited.write(to: page)

        let repair = try await Self.build(site.url, since: first.after)
        #expect(try Data(contentsOf: page) == made)
        #expect(repair.report.render.filesWritten == 1)
    }
}
