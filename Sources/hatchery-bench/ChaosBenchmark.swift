import ArgumentParser
import Foundation
import HatcheryChaos

/// The chaos test of issue 10 at any length: seeded fault schedules against the simulator,
/// `kill -9` of real builds, concurrent builds, and the invariants checked after each.
struct ChaosBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Runs N chaos schedules with the hatchery binary beside this one; exits 1 on any violation."
    )

    @Argument(help: "How many schedules.")
    var count = 20

    @Option(help: "The first schedule's seed; the others follow it (default: from the clock).")
    var seed: UInt64?

    @Option(help: "Schedules run at once.")
    var parallel = 2

    @Option(help: "The gallery templates folder (default: ./templates).")
    var templates = "templates"

    func run() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "hatchery"
        )
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("build the hatchery product first: \(binary.path) is missing")
        }
        let first = seed ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_000
        let seeds = (0..<UInt64(max(0, count))).map { first + $0 }
        print("chaos: \(count) schedules from seed \(first), \(parallel) at a time")
        let started = ContinuousClock.now
        let runner = ScheduleRunner(binary: binary, templates: URL(fileURLWithPath: templates).standardizedFileURL)
        let totals = await ChaosRun(runner: runner, parallel: parallel).run(seeds: seeds) { print($0.line) }
        print("\n" + totals.text)
        if !totals.details.isEmpty { print("\nviolations:\n" + totals.details) }
        print(String(format: "wall time %.1f s", (ContinuousClock.now - started).seconds))
        if !totals.failingSeeds.isEmpty { throw ExitCode(1) }
    }
}
