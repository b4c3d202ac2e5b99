import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// A provider that acts on a request after the client has given up on it: the task exists and
/// is charged, but its time lies after every window the settler allows. Through the real client,
/// the real store and the simulator on 127.0.0.1. (Chaos seed 3 on a loaded machine paid twice
/// for one prompt this way.)
@Suite struct LateCreationTests {
    @Test func aTaskCreatedAfterThe502AnsweredIsNeverPaidForAgain() async throws {
        // Every POST answers 502 and its task is recorded as created 90 s after the request was
        // read: past the window of a 5xx (which closes at the answer) and the 30 s allowed for
        // the provider's clock while no task of ours measures it. The task was declared never
        // created, and sent again in each of the build's five rounds.
        let api = try await SimulatedEggAPI.start {
            $0.faults.serverErrorAfterCreate = 1
            $0.faults.lateCreation = 1
            $0.faults.lateCreationDelay = .seconds(90)
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")

        let report = try await api.build(site.url)
        var stats = await api.simulator.stats()
        #expect(
            stats.tasksCreated == 1 && stats.duplicatedBodies == 0,
            "paid \(stats.tasksCreated) times for one prompt"
        )
        // Left to the person, with the late task named.
        #expect(report.unknown == 1 && report.submitted == 1)
        let store = try Store(siteDirectory: site.url)
        let unknown = try await store.tasks(status: .unknown)
        let remoteID = try #require(stats.tasks.first?.id)
        #expect(unknown.count == 1 && unknown.first?.candidateTasks.map(\.remoteID) == [remoteID])

        // The next build sends nothing either.
        _ = try await api.build(site.url)
        stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 1)

        // Adopted by hand, the task is known, but not as one answered in its window: the provider
        // made it after we stopped waiting, so its times bound neither its clock nor the list.
        let taskID = try #require(unknown.first?.id)
        let provider = EggAPIClient(configuration: api.configuration())
        try await ManualSettlement(store: store).adopt(taskID: taskID, remoteID: remoteID, provider: provider)
        await provider.shutdown()
        let known = try await store.knownSubmissions(provider: .eggapi)
        #expect(known[remoteID]?.answeredWithID == false)
        await api.stop()
    }

    @Test func anIntentLeftWhileItsPostWasSentAgainAfterA429IsNotResent() async throws {
        // A run committed an intent 85 s ago; its POST met 429s and went out again (this client
        // makes up to 8 attempts of up to 10 s each), created its task just now, and the run was
        // killed before the answer. Its window used to close one timeout and a grace after the
        // intent, 65 s ago, and the task is past even the 30 s allowed for the provider's clock:
        // it was declared never created.
        let api = try await SimulatedEggAPI.start()
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        let spec = try #require(try CatalogLoader().load(from: site.url).prompts.first)
        let store = try Store(siteDirectory: site.url)
        let run = try await store.startRun(provider: .eggapi)
        try await store.syncPrompts(["fox"])
        let request = GenerationRequest(spec)
        let intent = try await store.recordIntent(
            promptID: "fox",
            runID: run,
            fingerprint: Fingerprint(spec, provider: .eggapi),
            provider: .eggapi,
            request: request,
            estimate: Money(micros: 10_000),
            at: Date().addingTimeInterval(-85)
        )
        let taskID = try #require(intent.id)
        let remoteID = try await api.withClient(clock: ContinuousClock()) { try await $0.submit(request) }

        let provider = EggAPIClient(configuration: api.configuration())
        let outcome = try await UnknownTaskSettler(provider: provider, store: store).settle(now: Date())
        await provider.shutdown()
        #expect(outcome.notCreated.isEmpty)
        // The run can have sent it until it died, which was before this settle: the task is in
        // its window, alone, and adopted.
        #expect(outcome.adopted == [taskID: remoteID])
        await api.stop()
    }
}
