import Foundation
import Testing

@testable import Hatchery

/// Issue 10's cases that end in paying twice or losing a paid image, each through the real
/// client against the simulator on 127.0.0.1.
@Suite struct PaidOnceTests {
    @Test func aModeratedPromptIsNotSentAgainUntilItChangesOrIsAskedFor() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.moderationWord = "forbidden" }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            eggCatalog(["id: ok\nprompt: A fox", "id: bad\nprompt: A forbidden thing"]),
            to: "catalog.yaml"
        )

        let first = try await api.build(site.url)
        #expect(first.completed == 1 && first.failed == 1)
        #expect(first.failures.first?.reason.contains("not resent") == true)
        #expect(await api.simulator.stats().tasksCreated == 2)

        // The plan lists it as failed, with the reason, and leaves it out of the estimate.
        let store = try Store(siteDirectory: site.url)
        let catalog = try CatalogLoader().load(from: site.url)
        let plan = Planner().plan(catalog, against: try await store.snapshot())
        let item = try #require(plan.items.first { $0.promptID == "bad" })
        #expect(item.action == .failed && item.lastFailure?.kind == .moderation && item.estimate == .zero)
        #expect(plan.estimatedCost == .zero && plan.toSubmit.isEmpty)

        let second = try await api.build(site.url)
        #expect(second.submitted == 0)
        #expect(await api.simulator.stats().tasksCreated == 2)

        // Asked for, it is sent again; changed, it is new inputs.
        var options = BuildOptions(siteDirectory: site.url, concurrency: 2, pollInterval: .milliseconds(50))
        options.selection = Selection(retryFailed: true)
        let configuration = api.configuration()
        let retried = try await BuildPipeline(options: options) { _ in EggAPIClient(configuration: configuration) }
            .run()
        #expect(retried.submitted == 1)
        #expect(await api.simulator.stats().tasksCreated == 3)
        _ = try site.write(
            eggCatalog(["id: ok\nprompt: A fox", "id: bad\nprompt: A gentle thing"]),
            to: "catalog.yaml"
        )
        let changed = try await api.build(site.url)
        #expect(changed.submitted == 1 && changed.completed == 1)
        await api.stop()
    }

    @Test func aKeyWithALineBreakIsRefusedBeforeAnythingIsRecordedAndNeverShown() async throws {
        let key = "egg_sk_first_line\nsecond_line"
        #expect(throws: ProviderError.invalidAPIKey(variable: "EGGAPI_API_KEY")) {
            try HatcheryEnvironment(["EGGAPI_API_KEY": key]).eggAPIConfiguration()
        }
        let message = ProviderError.invalidAPIKey(variable: "EGGAPI_API_KEY").localizedDescription
        #expect(!message.contains("first_line") && !message.contains("second_line"))

        // Through the real command: nothing is sent, nothing recorded, the key is not printed.
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        let result = await
            (try ChildProcess(
                KilledRunTests.binary,
                ["build", site.url.path, "--quiet"],
                environment: ["EGGAPI_API_KEY": key, "EGGAPI_BASE_URL": "http://127.0.0.1:9"],
                capturingErrors: true
            )).finish()
        #expect(result.status != 0)
        #expect(
            result.output.contains("line break") && !result.output.contains("second_line")
                && !result.output.contains("first_line")
        )
        if FileManager.default.fileExists(atPath: site.url.appendingPathComponent(".hatchery/state.sqlite").path) {
            #expect(try await Store(siteDirectory: site.url).tasks().isEmpty)
        }
    }

    @Test func theKeyGoesOnlyToTheAPIsExactOrigin() {
        let api = Origin(URL(string: "http://127.0.0.1:8080/v1")!)
        #expect(api == Origin(URL(string: "http://127.0.0.1:8080/files/x.png")!))
        #expect(api != Origin(URL(string: "http://127.0.0.1:8081/files/x.png")!))
        #expect(api != Origin(URL(string: "https://127.0.0.1:8080/files/x.png")!))
        #expect(Origin(URL(string: "https://api.eggapi.ai")!) == Origin(URL(string: "https://API.eggapi.ai:443/x")!))
        #expect(Origin(URL(string: "https://api.eggapi.ai")!) != Origin(URL(string: "https://cdn.eggapi.ai/x")!))
    }

    @Test func unknownOutcomesAdoptedLaterAreReportedOnceAndNotAsFailures() async throws {
        // Issue 10, case 8: every POST creates its task and answers 502. Both are adopted from
        // the task list and complete: they are not "failed", and the budget counts $0.02 once.
        let api = try await SimulatedEggAPI.start { $0.faults.serverErrorAfterCreate = 1 }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: a\nprompt: A fox", "id: b\nprompt: A hare"]), to: "catalog.yaml")
        var options = BuildOptions(siteDirectory: site.url, concurrency: 4, pollInterval: .milliseconds(50))
        options.maxSpend = Money(micros: 20_000)
        let configuration = api.configuration()
        let report = try await BuildPipeline(options: options) { _ in EggAPIClient(configuration: configuration) }.run()

        #expect(report.completed == 2 && report.failed == 0 && report.unknown == 0)
        #expect(report.failures.isEmpty && report.unfinished.isEmpty, "\(report.failures) \(report.unfinished)")
        #expect(report.cost == Money(micros: 20_000) && report.possiblyCharged == .zero)
        #expect(report.budget?.spent == Money(micros: 20_000))
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 2 && stats.duplicatedBodies == 0)
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs)
        await api.stop()
    }

    @Test func threeCreateThen502PostsAtConcurrencyFourAreAllSettled() async throws {
        // Issue 10, case 3: with several POSTs of one model in flight at once, their windows
        // overlapped and nothing could be adopted. One POST per model at a time keeps them apart.
        // Each prompt asks for its own shape (outputs × orientation): a task in a later window
        // may be an earlier request's, made late, so what settles each request is its task's
        // shape, never the count of tasks against requests (chaos seed 25).
        let api = try await SimulatedEggAPI.start {
            $0.seed = 7
            $0.faults.serverErrorAfterCreate = 0.5
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            eggCatalog(
                (0..<8).map {
                    "id: c\($0)\nprompt: Concurrent prompt \($0)\nnum_outputs: \(1 + $0 % 4)\n"
                        + "aspect_ratio: \"\($0 < 4 ? "16:9" : "9:16")\""
                }
            ),
            to: "catalog.yaml"
        )
        let report = try await api.build(site.url, concurrency: 4)
        #expect(report.completed == 8 && report.unknown == 0, "\(report.failures)")
        #expect(await api.simulator.stats().faults["5xx-after-create"] ?? 0 >= 3)
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 8 && stats.duplicatedBodies == 0)
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs)
        await api.stop()
    }

    @Test func aTaskThatNeverEndsIsLeftForTheNextBuildAfterItsDeadline() async throws {
        // Issue 10, case 6: a task `processing` forever froze the build. The deadline runs on an
        // injected clock: a poll each second, at 1 … 9 s; at 10 s the build stops waiting.
        let api = try await SimulatedEggAPI.start { $0.latency = .seconds(3600) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: slow\nprompt: A slow fox"]), to: "catalog.yaml")
        var options = BuildOptions(siteDirectory: site.url, concurrency: 1, pollInterval: .seconds(1))
        options.taskTimeout = .seconds(10)
        let configuration = api.configuration()
        let clock = VirtualClock()
        let report = try await BuildPipeline(
            options: options,
            makeProvider: { _ in EggAPIClient(configuration: configuration) },
            clock: clock
        ).run()
        #expect(report.interrupted == 1 && report.completed == 0)
        #expect(report.failures.isEmpty && report.unfinished.first?.reason.contains("--task-timeout") == true)
        #expect(await api.simulator.stats().requests["task"] == 9)
        let store = try Store(siteDirectory: site.url)
        #expect(try await store.tasks().map(\.status) == [.submitted])
        await api.stop()
    }
}

/// A base URL that already ends in /v1 would send every request to /v1/v1/… and mark every
/// prompt as refused.
@Suite struct BaseURLTests {
    @Test func aBaseURLEndingInV1IsTheSameEndpoint() throws {
        for text in ["http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/"] {
            let configuration = try HatcheryEnvironment(["EGGAPI_API_KEY": "egg_sk_x", "EGGAPI_BASE_URL": text])
                .eggAPIConfiguration()
            #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:8080", "\(text)")
        }
    }
}
