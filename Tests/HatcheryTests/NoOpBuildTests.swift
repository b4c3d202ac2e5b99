import Foundation
import GRDB
import Testing

@testable import Hatchery

/// A build with nothing changed is answered from the last build's stamp; any change to what a
/// site is made from (catalog, templates, store, the site's own files) builds for real again.
@Suite struct NoOpBuildTests {
    func build(_ site: URL, _ configure: (inout BuildOptions) -> Void = { _ in }) async throws -> BuildReport {
        var options = BuildOptions(siteDirectory: site)
        configure(&options)
        return try await BuildPipeline(options: options).run()
    }

    @Test func nothingChangedIsAnsweredFromTheStampAndAnyChangeBuildsAgain() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let templates = site.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixtures.templates, to: templates)
        let catalog = Fixtures.catalog(["id: fox\nprompt: A red fox", "id: owl\nprompt: An owl"])
            .replacingOccurrences(of: Fixtures.templates.path, with: templates.path)
        _ = try site.write(catalog, to: "catalog.yaml")

        let first = try await build(site.url)
        #expect(first.unchangedSince == nil && first.submitted == 2)
        let second = try await build(site.url)
        #expect(second.unchangedSince?.prompts == 2 && second.unchangedSince?.images == 2)

        // The catalog: a new title is rendered.
        _ = try site.write(
            catalog.replacingOccurrences(of: "prompt: An owl", with: "prompt: An owl\n    title: Night owl"),
            to: "catalog.yaml"
        )
        let retitled = try await build(site.url)
        #expect(retitled.unchangedSince == nil && retitled.submitted == 0 && retitled.render.filesWritten > 0)
        #expect(try await build(site.url).unchangedSince != nil)

        // A template.
        let layout = templates.appendingPathComponent("layout.mustache")
        try (try String(contentsOf: layout, encoding: .utf8)).replacingOccurrences(
            of: "Made with Hatchery.",
            with: "Made here."
        )
        .write(to: layout, atomically: true, encoding: .utf8)
        let restyled = try await build(site.url)
        #expect(restyled.unchangedSince == nil)
        #expect(
            try String(contentsOf: site.url.appendingPathComponent("public/index.html"), encoding: .utf8).contains(
                "Made here."
            )
        )
        #expect(try await build(site.url).unchangedSince != nil)

        // A file of the site, edited or deleted by hand, is put back.
        let page = site.url.appendingPathComponent("public/prompts/fox.html")
        let original = try Data(contentsOf: page)
        try Data("edited".utf8).write(to: page)
        #expect(try await build(site.url).unchangedSince == nil)
        #expect(try Data(contentsOf: page) == original)
        try FileManager.default.removeItem(at: page)
        #expect(try await build(site.url).unchangedSince == nil)
        #expect(try Data(contentsOf: page) == original)

        // The store: any write to prompts, tasks or images is a new revision.
        let store = try Store(siteDirectory: site.url)
        try await store.pool.write { db in try db.execute(sql: "UPDATE tasks SET error = NULL") }
        #expect(try await build(site.url).unchangedSince == nil)

        // `--force` always builds, and submits.
        let forced = try await build(site.url) { $0.selection = Selection(force: ["fox"]) }
        #expect(forced.unchangedSince == nil && forced.submitted == 1)
        #expect(try await build(site.url).unchangedSince != nil)
    }

    /// The stamp answers only when the site has as many files as it counted: a digest alone is
    /// a sum that crafted names could meet (the attack's point about the sum's lanes).
    @Test func theStampCountsTheSiteFilesToo() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A red fox"]), to: "catalog.yaml")
        _ = try await build(site.url)
        #expect(try await build(site.url).unchangedSince != nil)
        let store = try Store(siteDirectory: site.url)
        try await store.pool.write { db in try db.execute(sql: "UPDATE build_stamp SET files = files + 1") }
        #expect(try await build(site.url).unchangedSince == nil)
    }

    @Test func aBuildThatLeftWorkUndoneIsNotStamped() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: fox\nprompt: A red fox", "id: owl\nprompt: An owl"]),
            to: "catalog.yaml"
        )
        // A budget too small for both prompts: one is skipped, so the next build must plan again.
        let capped = try await build(site.url) { $0.maxSpend = Money(micros: 10_000) }
        #expect(capped.skipped == 1)
        let store = try Store(siteDirectory: site.url)
        #expect(try await store.buildStamp() == nil)
        let next = try await build(site.url)
        #expect(next.unchangedSince == nil && next.submitted == 1)
        #expect(try await store.buildStamp() != nil)
    }
}
