import Foundation
import Testing

@testable import Hatchery

/// The report's own rules, on reports made by hand.
@Suite struct BuildReportTests {
    @Test func anyTaskFailedUnknownAmbiguousRunningOrWaitingOrAPromptSkippedLeavesTheBuildIncomplete() {
        let counters: [WritableKeyPath<BuildReport, Int>] = [
            \.failed, \.unknown, \.ambiguous, \.interrupted, \.outputsPending, \.skipped,
        ]
        for counter in counters {
            var report = BuildReport(
                plan: Plan(provider: .local, items: []),
                output: URL(fileURLWithPath: "/tmp/public")
            )
            report.submitted = 3
            report.completed = 3
            #expect(report.isComplete)
            report[keyPath: counter] = 1
            #expect(!report.isComplete, "\(counter)")
        }
    }
}
