import ArgumentParser

/// Benchmarks that print figures; performance targets live here, never in tests.
@main
struct HatcheryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hatchery-bench",
        abstract: "Hatchery's benchmarks.",
        subcommands: [DeriveBenchmark.self, NoOpBenchmark.self, ChaosBenchmark.self, SetupBuild.self]
    )
}
