import Foundation
import GRDB
import Testing

@testable import Hatchery

@Suite struct BuildPipelineTests {
    let prompts = [
        "id: fox\nprompt: A red fox in fresh snow\ntitle: Fox",
        "id: whale\nprompt: A blue whale under a calm sea\nmodel: nanobanana-pro\naspect_ratio: \"9:16\"\nnum_outputs: 2",
        "id: tower\nprompt: A lighthouse at dusk",
    ]

    func build(_ site: URL) async throws -> BuildReport {
        try await BuildPipeline(options: BuildOptions(siteDirectory: site)).run()
    }

    func page(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent("public/\(path)"), encoding: .utf8)
    }

    @Test func buildsTheWholeGalleryOfflineThenRebuildsNothing() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")

        let first = try await build(site.url)
        #expect(first.submitted == 3 && first.completed == 3 && first.failed == 0 && first.images == 4)
        // nanobanana $0.0100 × 2 prompts + nanobanana-pro $0.016 × 2 images.
        #expect(first.cost == Money(micros: 52_000))

        let index = try page(site.url, "index.html")
        #expect(index.contains("href=\"prompts/fox.html\""))
        // Cards show the 720-pixel web size; the portrait original is narrower, so it keeps its size.
        #expect(index.contains("width=\"720\" height=\"405\""))
        #expect(index.contains("width=\"576\" height=\"1024\""))
        #expect(index.contains("data-width=\"1024\" data-height=\"576\""))
        let whale = try page(site.url, "prompts/whale.html")
        #expect(whale.contains("href=\"../assets/style.css\""))
        #expect(whale.components(separatedBy: "<figure style=").count == 3)
        #expect(whale.contains("8-bit RGB"))
        #expect(try page(site.url, "models/nanobanana-pro.html").contains("$0.0320"))
        let cost = try page(site.url, "cost.html")
        #expect(cost.contains("$0.0520") && cost.contains("estimate"))
        // Every image the pages refer to exists: originals are whole PNGs, web sizes are WebP.
        let names = Set(Self.imageNames(in: index + whale))
        #expect(names.filter { $0.hasSuffix(".png") }.count == 4 && names.filter { $0.hasSuffix(".webp") }.count == 12)
        for name in names {
            let url = site.url.appendingPathComponent("public/images/\(name)")
            if name.hasSuffix(".png") {
                #expect(try PNGReader().facts(ofFileAt: url, verifyingPixels: true).width > 0)
            } else {
                #expect(try Data(contentsOf: url).prefix(12).suffix(4) == Data("WEBP".utf8))
            }
        }

        let indexFile = site.url.appendingPathComponent("public/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: indexFile)[.modificationDate] as? Date
        let second = try await build(site.url)
        #expect(second.submitted == 0 && second.resumed == 0)
        #expect(second.render.filesWritten == 0 && second.render.filesRemoved == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: indexFile)[.modificationDate] as? Date == before)

        let store = try Store(siteDirectory: site.url)
        let plan = Planner().plan(try CatalogLoader().load(from: site.url), against: try await store.snapshot())
        #expect(plan.count(.new) == 0 && plan.count(.changed) == 0 && plan.count(.unchanged) == 3)
        #expect(try await store.tasks().count == 3)
    }

    @Test func regeneratesOnlyWhatChanged() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
        _ = try await build(site.url)

        // A title edit re-renders without submitting; a prompt edit submits exactly one task.
        var edited = prompts
        edited[0] = "id: fox\nprompt: A red fox in fresh snow\ntitle: Arctic visitor"
        edited[2] = "id: tower\nprompt: A lighthouse at dawn"
        _ = try site.write(Fixtures.catalog(edited), to: "catalog.yaml")
        let store = try Store(siteDirectory: site.url)
        let plan = Planner().plan(try CatalogLoader().load(from: site.url), against: try await store.snapshot())
        #expect(plan.toSubmit.map(\.promptID) == ["tower"])
        #expect(plan.count(.changed) == 1 && plan.estimatedCost == Money(micros: 10_000))

        let report = try await build(site.url)
        #expect(report.submitted == 1)
        #expect(try page(site.url, "prompts/fox.html").contains("Arctic visitor"))
        #expect(try page(site.url, "prompts/tower.html").contains("A lighthouse at dawn"))
    }

    /// A build killed after its plan step had marked the dropped prompt removed; the next one
    /// said "removed 0" (found by the attack). Removed counts from the last complete build.
    @Test func aPromptDroppedByABuildThatDidNotFinishIsCountedRemovedOnce() async throws {
        let site = try await siteBuiltWithThePromptTowerDropped()
        defer { site.cleanup() }
        // What the killed build left: its run still running, the prompt marked removed.
        let store = try Store(siteDirectory: site.url)
        _ = try await store.startRun(provider: .local)
        try await store.syncPrompts(try CatalogLoader().load(from: site.url).prompts.map(\.id))

        let report = try await build(site.url)
        #expect(report.plan.count(.removed) == 1 && report.plan.items.last?.promptID == "tower")
        #expect(
            !FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/prompts/tower.html").path)
        )
        _ = try site.write(Fixtures.catalog(Array(prompts.prefix(2))) + "\n# edited\n", to: "catalog.yaml")
        #expect(try await build(site.url).plan.count(.removed) == 0)
    }

    /// A site built from `prompts`, whose catalog then drops the last one, `tower`.
    func siteBuiltWithThePromptTowerDropped() async throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        do {
            _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
            _ = try await build(site.url)
            _ = try site.write(Fixtures.catalog(Array(prompts.prefix(2))), to: "catalog.yaml")
            return site
        } catch {
            site.cleanup()
            throw error
        }
    }

    @Test func aRemovedPromptLeavesTheSiteButNotTheStore() async throws {
        let site = try await siteBuiltWithThePromptTowerDropped()
        defer { site.cleanup() }

        let store = try Store(siteDirectory: site.url)
        let plan = Planner().plan(try CatalogLoader().load(from: site.url), against: try await store.snapshot())
        #expect(plan.count(.removed) == 1)
        let report = try await build(site.url)
        // The build's own plan says so too (it marked the prompt removed before planning, and
        // reported "removed 0").
        #expect(report.plan.count(.removed) == 1 && report.plan.items.last?.promptID == "tower")
        #expect(report.submitted == 0 && report.render.filesRemoved >= 2)
        #expect(
            !FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/prompts/tower.html").path)
        )
        #expect(try await store.tasks().count == 3)
        #expect(try await store.spend(by: [.model]).rows.map(\.tasks).reduce(0, +) == 3)
    }

    @Test func resumesAnUnfinishedTaskInsteadOfLosingIt() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog([prompts[0]]), to: "catalog.yaml")
        // A previous run died after the local provider accepted the task: its id is gone with it.
        let store = try Store(siteDirectory: site.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox"])
        let spec = try CatalogLoader().load(from: site.url).prompts[0]
        let task = try await store.recordIntent(of: spec, run: run, estimate: Money(micros: 10_000))
        try await store.recordSubmitted(taskID: task.id!, remoteID: "local_from_a_dead_run")

        let report = try await build(site.url)
        #expect(report.resumed == 1)
        #expect(report.submitted == 1 && report.completed == 1)
        let statuses = try await store.tasks().map(\.status)
        #expect(statuses == [.failed, .completed])
        #expect(try await store.tasks(status: .failed).first?.failureKind == .lost)
    }

    @Test func aBadCatalogStopsBeforeAnythingIsGenerated() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox\nnum_outputs: 7"]), to: "catalog.yaml")
        do {
            _ = try await build(site.url)
            Issue.record("the build should have failed")
        } catch {
            let text = error.localizedDescription
            #expect(text.contains("Load catalog failed"))
            #expect(text.contains("catalog.yaml:12:18: prompts[fox].num_outputs"), "\(text)")
        }
        // Only the site's lock, taken before the catalog is read. (It is never deleted: a
        // deleted lock file would let a waiter and a newcomer each lock a different file.)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.url.appendingPathComponent(".hatchery").path) == [
                "build.lock"
            ]
        )
    }

    @Test func aMissingPartialIsAnErrorNotAnEmptyPage() async throws {
        let templates = try TemporaryDirectory()
        defer { templates.cleanup() }
        for name in TemplateSet.required {
            _ = try templates.write("{{> partials/missing}}", to: "\(name).mustache")
        }
        await #expect(throws: RenderError.self) { _ = try await TemplateSet(folder: templates.url) }
    }

    static func imageNames(in html: String) -> [String] {
        html.components(separatedBy: "images/").dropFirst().compactMap { rest in
            rest.split(whereSeparator: { $0 == "\"" || $0 == " " }).first.map(String.init)
        }
    }
}
