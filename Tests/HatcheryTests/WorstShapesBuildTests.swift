import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// A whole build through the real client against the worst shapes the contract allows
/// (no faults): every prompt completes, the ledgers match, and the key stays on the API's origin.
@Suite struct WorstShapesBuildTests {
    // Failed before issue 10: the key went to any output on the API's host, whatever the
    // port, so the second origin on 127.0.0.1 received it (7 requests with seed 11).
    @Test
    func aBuildAgainstTheWorstShapesCompletesEveryPromptAndMatchesTheLedger() async throws {
        let api = try await SimulatedEggAPI.start { configuration in
            configuration.seed = 11
            configuration.shapes = .worst
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(EggAPIBuildTests.prompts), to: "catalog.yaml")

        let report = try await api.build(site.url)
        #expect(report.completed == 10 && report.failed == 0 && report.images == 19, "\(report)")
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 10 && stats.duplicatedBodies == 0, "\(stats.bodies)")
        #expect(stats.outputOrigin.authorizedRequests == 0, "the key went to \(stats.outputOrigin.authorizedPaths)")
        #expect(stats.outputOrigin.requests > 0, "no output was served from the second origin")
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && ours == ["nanobanana": 150_000, "nanobanana-pro": 64_000], "\(ours) vs \(theirs)")
        await api.stop()
    }
}
