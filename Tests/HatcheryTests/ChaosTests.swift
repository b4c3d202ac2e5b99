import Foundation
import HatcheryChaos
import Testing

/// Issue 10, "Never pay twice, never lose a paid image": fifty seeded fault schedules against
/// the simulator, each with `kill -9` of real `hatchery build` processes and restarts (some
/// with two builds at once on one site), and every invariant checked after each.
/// `HATCHERY_CHAOS_SEED` moves the seeds (the default ones repeat in CI); `scripts/chaos N`
/// runs any number with the release binary.
@Suite struct ChaosTests {
    @Test(.timeLimit(.minutes(10)))
    func fiftySchedulesOfFaultsAndKillsKeepEveryInvariant() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: KilledRunTests.binary.path), "build first: swift build")
        let first = ProcessInfo.processInfo.environment["HATCHERY_CHAOS_SEED"].flatMap { UInt64($0) } ?? 1
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        let runner = ScheduleRunner(binary: KilledRunTests.binary, templates: templates)
        let totals = await ChaosRun(runner: runner, parallel: 3).run(seeds: (0..<50).map { first + $0 }) { result in
            print("chaos " + result.line)
        }
        print(totals.text)
        #expect(totals.results.count == 50)
        #expect(totals.violations.isEmpty, "\(totals.text)\n\(totals.details)")
    }
}
