import Foundation
import Testing

@testable import Hatchery

/// Regenerating exactly what changed, restoring what comes back, keeping history.
@Suite struct RegenerationTests {
    static func prompts(count: Int, editing edits: [Int: String] = [:], titles: [Int: String] = [:]) -> [String] {
        (0..<count).map { i in
            "id: r\(i)\nprompt: \(edits[i] ?? "Prompt \(i) of fifty, a quiet harbour")\ntitle: \(titles[i] ?? "Title \(i)")"
        }
    }

    func build(_ site: URL, selection: Selection = .all, maxSpend: Money? = nil) async throws -> BuildReport {
        var options = BuildOptions(siteDirectory: site)
        options.selection = selection
        options.maxSpend = maxSpend
        return try await BuildPipeline(options: options).run()
    }

    /// As `hatchery plan` makes it, in one read of the store.
    func plan(_ site: URL, selection: Selection = .all) async throws -> Plan {
        try await Planner().plan(
            try CatalogLoader().load(from: site),
            in: Store(siteDirectory: site),
            selection: selection
        )
    }

    @Test func oneEditedPromptInFiftyIsTheOnlyOneSubmitted() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 50)), to: "catalog.yaml")
        #expect(try await build(site.url).submitted == 50)

        _ = try site.write(
            Fixtures.catalog(Self.prompts(count: 50, editing: [17: "Prompt 17 of fifty, a stormy harbour"])),
            to: "catalog.yaml"
        )
        let plan = try await plan(site.url)
        #expect(plan.count(.changed) == 1 && plan.count(.unchanged) == 49 && plan.count(.new) == 0)
        let changed = try #require(plan.toSubmit.first)
        #expect(changed.promptID == "r17")
        #expect(
            changed.changes == [
                Plan.FieldChange(
                    field: "prompt",
                    old: "Prompt 17 of fifty, a quiet harbour",
                    new: "Prompt 17 of fifty, a stormy harbour"
                )
            ]
        )
        let report = try await build(site.url)
        #expect(report.submitted == 1)
        // The build's plan, made from its early read of the store, says the same.
        #expect(report.plan.toSubmit.map(\.changes) == [changed.changes])
        #expect(try await Store(siteDirectory: site.url).tasks().count == 51)
    }

    @Test func editingOnlyTitlesSubmitsNothingAndRewritesThosePages() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 5)), to: "catalog.yaml")
        _ = try await build(site.url)
        let untouched = site.url.appendingPathComponent("public/prompts/r1.html").path
        let before = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date

        _ = try site.write(
            Fixtures.catalog(Self.prompts(count: 5, titles: [3: "A brand new title"])),
            to: "catalog.yaml"
        )
        #expect(try await plan(site.url).toSubmit.isEmpty)
        let report = try await build(site.url)
        #expect(report.submitted == 0)
        #expect(
            try String(contentsOf: site.url.appendingPathComponent("public/prompts/r3.html"), encoding: .utf8).contains(
                "A brand new title"
            )
        )
        #expect(try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date == before)
    }

    @Test func revertingAnEditRestoresItsImagesAtNoCostAndKeepsHistory() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let original = Fixtures.catalog(Self.prompts(count: 3))
        _ = try site.write(original, to: "catalog.yaml")
        _ = try await build(site.url)
        let page = site.url.appendingPathComponent("public/prompts/r0.html")
        let originalImages = BuildPipelineTests.imageNames(in: try String(contentsOf: page, encoding: .utf8)).first

        _ = try site.write(
            Fixtures.catalog(Self.prompts(count: 3, editing: [0: "A different picture altogether"])),
            to: "catalog.yaml"
        )
        #expect(try await build(site.url).submitted == 1)
        let edited = try String(contentsOf: page, encoding: .utf8)
        #expect(edited.contains("Earlier versions") && edited.contains("a quiet harbour"))

        _ = try site.write(original, to: "catalog.yaml")
        let plan = try await plan(site.url)
        #expect(plan.count(.restorable) == 1 && plan.toSubmit.isEmpty && plan.estimatedCost == .zero)
        #expect(
            plan.items.first { $0.action == .restorable }?.changes == [
                Plan.FieldChange(
                    field: "prompt",
                    old: "A different picture altogether",
                    new: "Prompt 0 of fifty, a quiet harbour"
                )
            ]
        )
        #expect(plan.items.allSatisfy { $0.action == .restorable || $0.changes.isEmpty })
        #expect(try await build(site.url).submitted == 0)
        let restored = try String(contentsOf: page, encoding: .utf8)
        #expect(BuildPipelineTests.imageNames(in: restored).first == originalImages)
        #expect(restored.contains("A different picture altogether"), "the edited version is now history")
        #expect(try await self.plan(site.url).count(.unchanged) == 3)
    }

    @Test func forceAndOnlySelectWhatIsSubmittedAndThePlanPricesItFirst() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 4)), to: "catalog.yaml")
        #expect(try await build(site.url, selection: Selection(only: ["r1", "r2"])).submitted == 2)
        #expect(try await plan(site.url).count(.new) == 2)

        let forced = try await plan(site.url, selection: Selection(only: ["r1"], force: ["r1"]))
        #expect(forced.toSubmit.map(\.promptID) == ["r1"])
        #expect(forced.count(.deferred) == 2 && forced.estimatedCost == Money(micros: 10_000))
        #expect(try await build(site.url, selection: Selection(force: ["r1"])).submitted == 3)

        await #expect(throws: BuildError.self) { _ = try await build(site.url, selection: Selection(only: ["nope"])) }
    }

    @Test func aMaxSpendSkipsWhatDoesNotFitAndSaysWhatItWouldCost() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 10)), to: "catalog.yaml")
        let report = try await build(site.url, maxSpend: Money(parsing: "0.045")!)
        #expect(report.submitted == 4)
        let budget = try #require(report.budget)
        #expect(budget.spent == Money(micros: 40_000) && budget.highWater <= budget.cap)
        #expect(budget.skipped.count == 6 && budget.skippedCost == Money(micros: 60_000))
    }

    @Test func theCatalogBudgetCountsEveryBuild() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 3), extra: "budget: 0.05"), to: "catalog.yaml")
        #expect(try await build(site.url).submitted == 3)
        _ = try site.write(Fixtures.catalog(Self.prompts(count: 8), extra: "budget: 0.05"), to: "catalog.yaml")
        // $0.03 spent already: two more fit.
        #expect(try await build(site.url).submitted == 2)
        #expect(try await Store(siteDirectory: site.url).totalSpend(provider: .local) == Money(micros: 50_000))
    }
}
