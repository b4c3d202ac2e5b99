import Foundation
import Testing

@testable import Hatchery

/// Spend reports, budgets and regeneration against the simulator's own ledger.
@Suite struct SpendTests {
    func run(_ arguments: [String], api: SimulatedEggAPI) async throws -> (status: Int32, output: String) {
        let child = try ChildProcess(
            KilledRunTests.binary,
            arguments,
            environment: [
                "EGGAPI_API_KEY": api.apiKey, "EGGAPI_BASE_URL": api.simulator.baseURL.absoluteString,
            ]
        )
        let result = await child.finish()
        return (result.status, result.output)
    }

    @Test func maxSpendHoldsUnderConcurrencySixteenByTheProvidersLedger() async throws {
        let api = try await SimulatedEggAPI.start { $0.latency = .milliseconds(150) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog((0..<40).map { "id: m\($0)\nprompt: Budget prompt \($0)" }), to: "catalog.yaml")
        var options = BuildOptions(siteDirectory: site.url, concurrency: 16, pollInterval: .milliseconds(30))
        options.maxSpend = Money(parsing: "0.155")
        let configuration = api.configuration()
        let report = try await BuildPipeline(options: options) { _ in EggAPIClient(configuration: configuration) }.run()

        let budget = try #require(report.budget)
        #expect(budget.highWater <= budget.cap)
        #expect(report.submitted == 15 && budget.skipped.count == 25 && budget.skippedCost == Money(micros: 250_000))
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && theirs.values.reduce(0, +) <= 155_000)
        #expect(await api.simulator.stats().tasksCreated == 15)
        await api.stop()
    }

    @Test func theCLIsJSONAndCSVAndTheHTMLReportAgreeWithTheProvider() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.moderationWord = "forbidden" }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            eggCatalog([
                "id: a\nprompt: A fox\nnum_outputs: 3", "id: b\nprompt: A hare\nmodel: nanobanana-pro\nresolution: 4k",
                "id: c\nprompt: A forbidden thing", "id: d\nprompt: An owl\nmodel: nanobanana-pro\nnum_outputs: 2",
            ]),
            to: "catalog.yaml"
        )
        _ = try await api.build(site.url)

        let json = try await run(["spend", site.url.path, "--format", "json"], api: api)
        #expect(json.status == 0)
        let report = try JSONDecoder().decode(SpendReport.self, from: Data(json.output.utf8))
        let fromJSON = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.model!, $0.costMicros) })
        #expect(fromJSON == ["nanobanana": 30_000, "nanobanana-pro": 64_000])
        #expect(report.rows.first { $0.model == "nanobanana" }?.failedTasks == 1)
        #expect(report.totalRealMicros == 94_000 && report.totalEstimateMicros == 0)

        let csv = try await run(["spend", site.url.path, "--format", "csv"], api: api)
        let lines = csv.output.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(lines.first == ["model", "provider", "images", "tasks", "failed_tasks", "cost_micros", "cost"])
        let fromCSV = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], Int64($0[5])!) })
        #expect(fromCSV == fromJSON)

        let html = try String(contentsOf: site.url.appendingPathComponent("public/cost.html"), encoding: .utf8)
        for row in report.rows {
            #expect(
                html.contains(
                    "\(row.model!)</a></td><td>eggapi</td><td>\(row.tasks)</td><td>\(row.failedTasks)</td><td>\(row.images)</td><td>\(row.cost)</td>"
                )
            )
        }
        // One day of spend: a bar per day (lines only past a month of days).
        #expect(html.contains("<svg") && html.contains("<rect") && html.contains("Spend per day and model"))

        let (_, theirs) = try await api.ledgers(site.url)
        #expect(theirs == fromJSON)
        let reconcile = try await run(["spend", site.url.path, "--reconcile"], api: api)
        #expect(reconcile.status == 0 && reconcile.output.contains("agree to the micro-dollar"))

        // A task Hatchery does not know of makes the figures differ, and the exit status says so.
        _ = try await api.withClient(clock: ContinuousClock()) {
            try await $0.submit(GenerationRequest(model: "nanobanana", prompt: "made elsewhere"))
        }
        try await Task.sleep(for: .milliseconds(400))
        let differs = try await run(["spend", site.url.path, "--reconcile"], api: api)
        #expect(differs.status == 1 && differs.output.contains("-$0.0100"))
        await api.stop()
    }

    @Test func editingOnePromptOfFiftySubmitsOneTaskToTheProvider() async throws {
        let api = try await SimulatedEggAPI.start { $0.latency = .milliseconds(50) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(RegenerationTests.prompts(count: 50)), to: "catalog.yaml")
        _ = try await api.build(site.url, concurrency: 16)
        _ = try site.write(
            eggCatalog(RegenerationTests.prompts(count: 50, editing: [9: "Now a lighthouse"])),
            to: "catalog.yaml"
        )
        let check = try await run(["plan", site.url.path, "--check"], api: api)
        #expect(check.status == 1 && check.output.contains("prompt: \"Prompt 9 of fifty"))
        let report = try await api.build(site.url, concurrency: 16)
        #expect(report.submitted == 1)
        #expect(await api.simulator.stats().tasksCreated == 51)
        #expect(try await run(["plan", site.url.path, "--check"], api: api).status == 0)
        await api.stop()
    }

    @Test func spendFiltersByDayProviderAndGroupsByRunAndPrompt() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: a\nprompt: A fox\nnum_outputs: 2", "id: b\nprompt: A hare"]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let store = try Store(siteDirectory: site.url)
        let today = String(Timestamp.format(Date()).prefix(10))
        #expect(try await store.spend(by: [.day]).rows.map(\.day) == [today])
        #expect(try await store.spend(by: [.day], filter: SpendFilter(since: "2999-01-01")).rows.isEmpty)
        #expect(try await store.spend(by: [.model], filter: SpendFilter(provider: .eggapi)).rows.isEmpty)
        #expect(try await store.spend(by: [.run]).rows.map(\.run) == [1])
        let byPrompt = try await store.spend(by: [.prompt])
        #expect(byPrompt.rows.map(\.prompt) == ["a", "b"] && byPrompt.rows.map(\.images) == [2, 1])
        #expect(byPrompt.totalEstimate == "$0.0300" && byPrompt.totalReal == "$0.0000")
    }

    @Test func spendByDayReadsOldestDayFirstWhateverEachDayCost() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: a\nprompt: A fox", "id: b\nprompt: A hare\nnum_outputs: 3"]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let store = try Store(siteDirectory: site.url)
        // The cheaper prompt on the earlier day: ordered by cost, the later day would come first.
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE tasks SET completed_at = '2026-03-01 10:00:00.000' WHERE prompt_id = 'a'")
            try db.execute(sql: "UPDATE tasks SET completed_at = '2026-03-02 10:00:00.000' WHERE prompt_id = 'b'")
        }
        #expect(try await store.spend(by: [.day]).rows.map(\.day) == ["2026-03-01", "2026-03-02"])
        #expect(try await store.spend(by: [.model]).rows.count == 1)
    }
}
