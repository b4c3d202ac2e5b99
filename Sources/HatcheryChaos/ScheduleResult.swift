import Foundation

/// What one schedule did and broke.
public struct ScheduleResult: Sendable {
    public var seed: UInt64
    public var prompts: Int
    public var concurrency: Int
    public var faults: String
    public var kills = 0
    /// Rounds that started two builds at once on the site.
    public var concurrentStarts = 0
    /// Builds started, killed ones included.
    public var builds = 0
    /// Tasks our builds created at the provider.
    public var tasksCreated = 0
    /// Unknown tasks the harness settled by hand as a person would.
    public var manualSettles = 0
    /// Of those, settled on a guess because the simulator did not say which body made which task.
    public var guessedSettles = 0
    /// Bodies sent again after the provider failed them (not a double payment).
    public var resendsAfterFailure = 0
    public var violations: [Violation] = []
    public var elapsed: Duration = .zero

    public var passed: Bool { violations.isEmpty }

    /// One line: the schedule, the counts, and each broken invariant.
    public var line: String {
        let verdict =
            passed
            ? "ok"
            : "FAIL "
                + Dictionary(grouping: violations, by: \.invariant)
                .sorted { $0.key < $1.key }.map { "\($0.key.rawValue)×\($0.value.count)" }.joined(separator: " ")
        return
            "seed \(seed): \(prompts) prompts, c=\(concurrency), kills \(kills), concurrent \(concurrentStarts), builds \(builds), "
            + "tasks \(tasksCreated), settles \(manualSettles)\(guessedSettles > 0 ? " (\(guessedSettles) guessed)" : ""), "
            + "resends \(resendsAfterFailure), \(String(format: "%.1f", elapsed.seconds)) s [\(faults)]: \(verdict)"
    }
}

extension Duration {
    /// In seconds, for printing only.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
