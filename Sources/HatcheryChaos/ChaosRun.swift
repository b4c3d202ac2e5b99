import Foundation

/// Runs many schedules, a few at a time, and totals them.
public struct ChaosRun: Sendable {
    public var runner: ScheduleRunner
    /// Schedules run at once (each has its own simulator and site).
    public var parallel: Int

    public init(runner: ScheduleRunner, parallel: Int = 2) {
        self.runner = runner
        self.parallel = parallel
    }

    /// Runs the schedules of `seeds`, calling `report` with each result as it ends (in
    /// completion order); returns them in seed order. A schedule the harness itself could not
    /// run is reported as stuck with the harness's error.
    public func run(seeds: [UInt64], report: @Sendable (ScheduleResult) -> Void = { _ in }) async -> ChaosTotals {
        var results: [ScheduleResult] = []
        await withTaskGroup(of: ScheduleResult.self) { group in
            var next = seeds.makeIterator()
            func startNext() {
                guard let seed = next.next() else { return }
                group.addTask { await runner.runReportingErrors(ChaosSchedule(seed: seed)) }
            }
            for _ in 0..<max(1, parallel) { startNext() }
            for await result in group {
                report(result)
                results.append(result)
                startNext()
            }
        }
        return ChaosTotals(results.sorted { $0.seed < $1.seed })
    }
}

extension ScheduleRunner {
    /// `run`, with a harness failure turned into a result that says so.
    func runReportingErrors(_ schedule: ChaosSchedule) async -> ScheduleResult {
        do {
            return try await run(schedule)
        } catch {
            var result = ScheduleResult(
                seed: schedule.seed,
                prompts: schedule.prompts.count,
                concurrency: schedule.concurrency,
                faults: schedule.faultSummary
            )
            result.violations = [Violation(.stuck, "the harness could not finish: \(error)")]
            return result
        }
    }
}
