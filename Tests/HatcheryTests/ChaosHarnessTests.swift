import Foundation
import Testing

@testable import HatcheryChaos

/// The chaos harness's own parts: how it reads `hatchery status`, money and a schedule.
@Suite struct ChaosHarnessTests {
    @Test func statusListingReadsTasksAndTheirCandidates() {
        let listing = StatusListing(
            """
            tasks: intent: 0, submitted: 1, completed: 3, failed: 0, unknown: 1
              #4 submitted p2 (eggapi, nanobanana) remote gen_000004_ab since 2026-11-30 08:00:00 +0000
              #7 unknown p5 (eggapi, nanobanana-pro) since 2026-11-30 08:00:01 +0000
                  the POST timed out
                  could be: gen_000009_cd (completed, created 2026-11-30T08:00:01Z, 2 outputs); gen_000010_ef (processing, created ?)
            """
        )
        #expect(listing.entries.map(\.taskID) == [4, 7])
        #expect(listing.unknown.map(\.promptID) == ["p5"])
        #expect(listing.unknown.first?.candidates == ["gen_000009_cd", "gen_000010_ef"])
        #expect(listing.mentions("gen_000004_ab"))
    }

    @Test func costStringsOfEveryShapeBecomeExactMicroDollars() {
        #expect(DecimalMicros.parse("$0.0100") == 10_000)
        #expect(DecimalMicros.parse("0.016000") == 16_000)
        #expect(DecimalMicros.parse("$0.03") == 30_000)
        #expect(DecimalMicros.parse("$12") == 12_000_000)
        #expect(DecimalMicros.parse("$0.0000001") == nil)
        #expect(DecimalMicros.parse("abc") == nil)
    }

    @Test func aSeedAlwaysDrawsTheSameSchedule() {
        let one = ChaosSchedule(seed: 42)
        let again = ChaosSchedule(seed: 42)
        let other = ChaosSchedule(seed: 43)
        #expect(one.prompts == again.prompts && one.faults == again.faults && one.killDelays == again.killDelays)
        #expect(one.prompts != other.prompts)
        #expect((4...12).contains(one.prompts.count) && (1...8).contains(one.concurrency) && one.killDelays.count <= 3)
    }
}
