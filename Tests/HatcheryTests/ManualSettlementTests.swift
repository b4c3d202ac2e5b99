import Foundation
import Testing

@testable import Hatchery

/// Settling by hand through the library, on a real site folder and store: what may be settled,
/// and that a refusal writes nothing.
@Suite struct ManualSettlementTests {
    /// A site whose store holds one task of prompt `fox` in `status` (`unknown` or `completed`).
    static func site(taskIn status: TaskRecord.Status) async throws -> (TemporaryDirectory, Int64) {
        let site = try TemporaryDirectory()
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        let spec = try #require(try CatalogLoader().load(from: site.url).prompts.first)
        let store = try Store(siteDirectory: site.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox"])
        let task = try await store.recordIntent(of: spec, run: run, estimate: Money(micros: 10_000))
        let id = try #require(task.id)
        switch status {
        case .unknown: try await store.recordUnknown(taskID: id, reason: "the answer was lost")
        case .completed:
            try await store.recordSubmitted(taskID: id, remoteID: "local_1")
            try await store.recordCompleted(taskID: id, cost: Money(micros: 10_000), images: [])
        default: break
        }
        return (site, id)
    }

    static let noProvider: ProviderFactories.Factory = { kind in
        Issue.record("a provider was made for \(kind)")
        return LocalProvider()
    }

    @Test func anUnknownTaskSettledAsNotCreatedFailsWithItsKind() async throws {
        let (site, id) = try await Self.site(taskIn: .unknown)
        defer { site.cleanup() }
        let settled = try await ManualSettlement.settle(
            .notCreated,
            taskID: id,
            siteDirectory: site.url,
            makeProvider: Self.noProvider
        )
        #expect(settled == SettledTask(taskID: id, promptID: "fox", settlement: .notCreated))
        let task = try #require(try await Store(siteDirectory: site.url).task(id: id))
        #expect(task.status == .failed && task.failureKind == .notCreated)
    }

    @Test func onlyAnUnknownOrLeftIntentMayBeSettled() async throws {
        let (site, id) = try await Self.site(taskIn: .completed)
        defer { site.cleanup() }
        for settlement in [Settlement.notCreated, .adopt(remoteID: "local_2")] {
            let error = await #expect(throws: SettlementError.self) {
                try await ManualSettlement.settle(
                    settlement,
                    taskID: id,
                    siteDirectory: site.url,
                    makeProvider: ProviderFactories.standard(HatcheryEnvironment())
                )
            }
            #expect(
                error?.errorDescription
                    == "Task #\(id) is completed, not unknown; `hatchery status` lists the ones to settle."
            )
        }
        let missing = await #expect(throws: SettlementError.self) {
            try await ManualSettlement.settle(
                .notCreated,
                taskID: id + 1,
                siteDirectory: site.url,
                makeProvider: Self.noProvider
            )
        }
        #expect(missing?.errorDescription?.hasPrefix("There is no task #\(id + 1) here") == true)
        #expect(try await Store(siteDirectory: site.url).task(id: id)?.status == .completed)
    }

    @Test func aRemoteIDThatIsNoIDIsQuotedShort() {
        // What was typed after --adopt, escaped and cut: not 5,000 characters and a raw line break.
        let text = SettlementError.notAnID(String(repeating: "g", count: 5_000) + "\n").errorDescription ?? ""
        #expect(
            text.hasPrefix("\"ggggg") && text.contains("…") && text.contains("\\n\" is not a provider task id"),
            "\(text)"
        )
        #expect(text.utf8.count < 200 && !text.contains("\n"))
    }

    @Test func anAdoptionIsCheckedBeforeItIsWritten() async throws {
        let (site, id) = try await Self.site(taskIn: .unknown)
        defer { site.cleanup() }
        let make = ProviderFactories.standard(HatcheryEnvironment())
        for (remoteID, start) in [
            ("../etc", "\"../etc\" is not a provider task id"), ("local_none", "The provider has no task local_none"),
        ] {
            let error = await #expect(throws: SettlementError.self) {
                try await ManualSettlement.settle(
                    .adopt(remoteID: remoteID),
                    taskID: id,
                    siteDirectory: site.url,
                    makeProvider: make
                )
            }
            #expect(error?.errorDescription?.hasPrefix(start) == true, "\(String(describing: error))")
        }
        #expect(try await Store(siteDirectory: site.url).task(id: id)?.status == .unknown)
    }
}
