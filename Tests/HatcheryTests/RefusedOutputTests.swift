import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// A paid output that arrives whole but declares what Hatchery will not take is fetched once,
/// not three times, and ends its task as `refused-output`, listed and paid for.
@Suite struct RefusedOutputTests {
    @Test(
        "a refused output is fetched once and its task fails as refused-output, cost recorded",
        arguments: [HostileOutput.giantHeader, .memoryBomb, .paletteOverflow]
    )
    func refusedOnce(kind: HostileOutput) async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.hostileOutput = kind }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: huge\nprompt: A map of everything"]), to: "catalog.yaml")

        let report = try await api.build(site.url)
        #expect(report.completed == 0 && report.failed == 1 && report.images == 0)
        var stats = await api.simulator.stats()
        #expect(stats.requests["file"] == 1, "output fetched \(stats.requests["file"] ?? 0) times")
        #expect(stats.faults["hostile-output"] == 1)

        // Listed with why, as one that would repeat.
        let failure = try #require(report.failures.first)
        #expect(failure.prompt == "huge")
        #expect(failure.reason.contains("was refused") && failure.reason.contains("[refused-output: not resent"))
        let task = try #require(try await Store(siteDirectory: site.url).tasks().first)
        #expect(task.status == .failed && task.failureKind == .refusedOutput)
        // Paid: the provider's ledger and ours agree.
        #expect(task.costMicros == 10_000)
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && ours == ["nanobanana": 10_000])

        // The next build neither fetches it again nor pays for a new one.
        let again = try await api.build(site.url)
        #expect(again.submitted == 0)
        stats = await api.simulator.stats()
        #expect(stats.requests["file"] == 1 && stats.tasksCreated == 1)
        await api.stop()
    }
}
