import Foundation
import Testing

@testable import Hatchery

/// A real `hatchery build` child process, killed with SIGKILL part-way, then started again.
@Suite struct KilledRunTests {
    /// The `hatchery` binary built next to this test bundle.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        let beside = bundle.deletingLastPathComponent().appendingPathComponent("hatchery")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/hatchery")
    }

    func startBuild(_ site: URL, api: SimulatedEggAPI) throws -> ChildProcess {
        try ChildProcess(
            Self.binary,
            ["build", site.path, "--concurrency", "4", "--poll-interval", "0.05", "--quiet"],
            environment: ["EGGAPI_API_KEY": api.apiKey, "EGGAPI_BASE_URL": api.simulator.baseURL.absoluteString]
        )
    }

    @Test func aRunKilledPartWayResumesPollingAndPaysForNothingTwice() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build first: swift build")
        // The kill must land after the first four ids are committed and before a slot frees for
        // the fifth. The first tasks take an hour, so no slot frees however loaded the machine
        // is: the kill waits for the event (four ids committed), not for a time. A later kill
        // would leave concurrent unknowns that only a person can tell apart; another test covers it.
        let api = try await SimulatedEggAPI.start { $0.latency = .seconds(3600) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let prompts = (0..<12).map { "id: k\($0)\nprompt: Killed run prompt \($0)" }
        _ = try site.write(eggCatalog(prompts), to: "catalog.yaml")

        let first = try startBuild(site.url, api: api)
        // Wait for the first four tasks to exist at the provider (so the child has made its
        // database), then for their ids to be committed. The clock only guards against a hang.
        let hangGuard = ContinuousClock.now + .seconds(600)
        while await api.simulator.stats().tasksCreated < 4, first.process.isRunning, ContinuousClock.now < hangGuard {
            try await Task.sleep(for: .milliseconds(10))
        }
        var submitted = 0
        while submitted < 4, first.process.isRunning, ContinuousClock.now < hangGuard {
            submitted = (try? await Store(siteDirectory: site.url).tasks(status: .submitted).count) ?? 0
            if submitted < 4 { try await Task.sleep(for: .milliseconds(10)) }
        }
        kill(first.pid, SIGKILL)
        let killed = await first.finish()
        #expect(killed.signalled && killed.status == SIGKILL)
        #expect(submitted >= 4)
        let createdBeforeKill = await api.simulator.stats().tasksCreated
        #expect(createdBeforeKill >= 4 && createdBeforeKill < 12)
        // The rest may now finish: the tasks in flight end at once, new ones soon.
        await api.simulator.setLatency(.milliseconds(200))

        let second = await (try startBuild(site.url, api: api)).finish()
        #expect(second.status == 0, "\(second.output)")

        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 12 && stats.duplicatedBodies == 0)
        // A POST in flight at the kill left an intent: the task list showed it was never
        // created, so it was recorded as such and sent again. Every prompt ends completed.
        let tasks = try await Store(siteDirectory: site.url).tasks()
        #expect(tasks.filter { $0.status == .completed }.count == 12)
        #expect(
            tasks.filter { $0.status != .completed }.allSatisfy { $0.failureKind == .notCreated },
            "\(tasks.map(\.status))"
        )
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && ours == ["nanobanana": 120_000])
        await api.stop()
    }
}
