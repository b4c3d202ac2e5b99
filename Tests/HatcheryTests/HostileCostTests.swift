import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// Issue 11, case 1: a provider cost that is not money (`"$0.0100\u{301}"`, a digit with a
/// combining mark) crashed every build and `spend --reconcile`. It is now recorded on the task,
/// never guessed silently, and the paid images are kept.
@Suite struct HostileCostTests {
    @Test func aCostThatIsNotMoneyIsRecordedOnTheTaskAndNothingCrashes() async throws {
        let api = try await SimulatedEggAPI.start {
            $0.shapes.costStyles = [.garbled(4, suffix: "\u{301}")]
            $0.shapes.summaryCostStyle = .garbled(6, suffix: "\u{301}")
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            eggCatalog(["id: c0\nprompt: Cost zero", "id: c1\nprompt: Cost one\nnum_outputs: 2"]),
            to: "catalog.yaml"
        )

        let first = try await api.build(site.url)
        #expect(first.failed == 0)
        #expect(first.images == 3)
        let store = try Store(siteDirectory: site.url)
        let tasks = try await store.tasks()
        #expect(tasks.count == 2)
        for task in tasks {
            #expect(task.status == .completed)
            #expect(task.error?.contains("is not money") == true)
            #expect(task.error?.contains("\\u{301}") == true)
        }
        // The price list's figure stands in, and is said to: $0.01 per image for nanobanana.
        #expect(
            try await store.spend(by: [.model], filter: SpendFilter(provider: .eggapi)).rows.map(\.costMicros) == [
                30_000
            ]
        )

        // Later builds and the reconciliation read the same store and the same provider.
        let second = try await api.build(site.url)
        #expect(second.submitted == 0)
        let configuration = api.configuration()
        let reconciler = Reconciler(store: store) { EggAPIClient(configuration: configuration) }
        let error = await #expect(throws: ProviderError.self) { try await reconciler.reconcile() }
        let message = error?.localizedDescription ?? ""
        #expect(message.contains("the total_cost of \"nanobanana\": \"$0.030000\\u{301}\" is not an amount of dollars"))
    }
}
