import Foundation

/// The sums over a run of schedules, and each invariant's violations.
public struct ChaosTotals: Sendable {
    public var results: [ScheduleResult]

    public init(_ results: [ScheduleResult]) {
        self.results = results
    }

    public var violations: [Violation] { results.flatMap(\.violations) }
    public var failingSeeds: [UInt64] { results.filter { !$0.passed }.map(\.seed) }

    /// The totals block: counts, then each invariant with its violations and the seeds that broke it.
    public var text: String {
        func sum(_ value: (ScheduleResult) -> Int) -> Int { results.map(value).reduce(0, +) }
        var lines = [
            "schedules \(results.count), kills \(sum(\.kills)), concurrent starts \(sum(\.concurrentStarts)), "
                + "builds \(sum(\.builds)), tasks created \(sum(\.tasksCreated)), manual settles \(sum(\.manualSettles))"
                + " (guessed \(sum(\.guessedSettles))), resends after failure \(sum(\.resendsAfterFailure))"
        ]
        for invariant in Invariant.allCases {
            let broken = results.filter { $0.violations.contains { $0.invariant == invariant } }
            let count = violations.filter { $0.invariant == invariant }.count
            lines.append(
                "  \(invariant.rawValue): \(count) violations"
                    + (broken.isEmpty ? "" : " (seeds \(broken.map { String($0.seed) }.joined(separator: ", ")))")
            )
        }
        lines.append(
            failingSeeds.isEmpty ? "all schedules kept every invariant" : "\(failingSeeds.count) schedules failed"
        )
        return lines.joined(separator: "\n")
    }

    /// Every violation with its seed, for finding the one to rerun.
    public var details: String {
        results.filter { !$0.passed }.flatMap { result in result.violations.map { "seed \(result.seed): \($0)" } }
            .joined(separator: "\n")
    }
}
