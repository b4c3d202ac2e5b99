import Foundation
import GRDB
import Testing

@testable import Hatchery

/// The task lifecycle as a table, and the store applying it only from the expected status.
@Suite struct TaskLifecycleTests {
    /// Every (event, status) pair and where it leads; nil where the event does not apply.
    static let table: [TaskEvent: [TaskRecord.Status: TaskRecord.Status]] = [
        .sent: [.intent: .submitted],
        .outcomeUnknown: [.intent: .unknown],
        .orphaned: [.intent: .unknown],
        .refused: [.intent: .failed],
        .adopted: [.unknown: .submitted, .intent: .submitted],
        .foundNotCreated: [.unknown: .failed, .intent: .failed],
        .completed: [.submitted: .completed],
        .failed: [.submitted: .failed],
        .outputsDeferred: [.submitted: .submitted],
    ]

    @Test(arguments: TaskEvent.allCases)
    func eachEventAppliesOnlyFromItsStatuses(_ event: TaskEvent) {
        for status in TaskRecord.Status.allCases {
            #expect(event.next(from: status) == Self.table[event]?[status], "\(event) from \(status)")
        }
    }

    @Test func finishedTasksNeverChangeAgain() {
        for event in TaskEvent.allCases {
            #expect(event.next(from: .completed) == nil && event.next(from: .failed) == nil)
        }
    }

    func submittedTask(_ store: Store) async throws -> Int64 {
        let run = try await store.startRun(provider: .eggapi)
        try await store.syncPrompts(["fox"])
        let request = GenerationRequest(
            model: "nanobanana",
            prompt: "A fox",
            negativePrompt: nil,
            aspectRatio: .landscape,
            numOutputs: 1,
            resolution: nil,
            imageURLs: nil,
            webhookURL: nil
        )
        let task = try await store.recordIntent(
            promptID: "fox",
            runID: run,
            fingerprint: Fingerprint(provider: .eggapi, request: request),
            provider: .eggapi,
            request: request,
            estimate: Money(micros: 10_000)
        )
        #expect(try await store.recordSubmitted(taskID: task.id!, remoteID: "gen_1"))
        return task.id!
    }

    func image(_ sha: String) -> ImageRecord {
        ImageRecord(
            id: nil,
            taskID: 0,
            outputIndex: 0,
            sha256: sha,
            path: "objects/\(sha).png",
            width: 16,
            height: 9,
            bitDepth: 8,
            colorType: 2,
            bytes: 10,
            sourceURL: nil
        )
    }

    @Test func aTaskSeenCompletedTwiceIsStoredOnce() async throws {
        // Issue 10, case 1: two processes collected one task and the second aborted with
        // "UNIQUE constraint failed: images.task_id, images.output_index".
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let store = try Store(folder: folder.url)
        let id = try await submittedTask(store)
        #expect(try await store.recordCompleted(taskID: id, cost: Money(micros: 10_000), images: [image("aa")]))
        #expect(
            try await store.recordCompleted(taskID: id, cost: Money(micros: 10_000), images: [image("aa")]) == false
        )
        #expect(try await store.recordFailed(taskID: id, reason: "late", kind: .provider) == false)
        let task = try await store.task(id: id)
        #expect(task?.status == .completed && task?.costMicros == 10_000)
    }

    @Test func anAdoptionNeedsAnUnknownTaskAndAFreeRemoteID() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let store = try Store(folder: folder.url)
        let first = try await submittedTask(store)
        // A submitted task is not adopted again.
        #expect(try await store.adopt(taskID: first, remoteID: "gen_9") == false)
        let run = try await store.startRun(provider: .eggapi)
        let request = try #require(try await store.task(id: first)).request()
        let second = try await store.recordIntent(
            promptID: "fox",
            runID: run,
            fingerprint: Fingerprint(provider: .eggapi, request: request),
            provider: .eggapi,
            request: request,
            estimate: Money(micros: 10_000)
        )
        #expect(try await store.recordUnknown(taskID: second.id!, reason: "502"))
        // gen_1 is the first task's: adopting it for the second would pay one task twice over.
        #expect(try await store.adopt(taskID: second.id!, remoteID: "gen_1") == false)
        #expect(try await store.adopt(taskID: second.id!, remoteID: "gen_2"))
        #expect(try await store.adopt(taskID: second.id!, remoteID: "gen_3") == false)
        #expect(try await store.task(id: second.id!)?.remoteID == "gen_2")
    }

    @Test func outputsThatCouldNotBeStoredKeepThePaidTaskOpen() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let store = try Store(folder: folder.url)
        let id = try await submittedTask(store)
        #expect(
            try await store.recordOutputsDeferred(
                taskID: id,
                reason: "truncated",
                failedFetches: 3,
                cost: Money(micros: 10_000)
            )
        )
        #expect(
            try await store.recordOutputsDeferred(
                taskID: id,
                reason: "truncated",
                failedFetches: 3,
                cost: Money(micros: 10_000)
            )
        )
        let task = try await store.task(id: id)
        #expect(task?.status == .submitted && task?.fetchFailures == 6)
        #expect(try await store.unfinishedTasks().map(\.id) == [id])
    }
}

/// An output missing (404) right after completion may appear later: it is fetched again by
/// later builds, and only after every fetch over several builds failed is it paid for again.
@Suite struct MissingOutputTests {
    @Test func aMissingOutputIsFetchedAgainBeforeAnythingIsPaidAgain() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let store = try Store(folder: folder.url)
        let id = try await TaskLifecycleTests().submittedTask(store)
        let request = try #require(try await store.task(id: id)).request()
        let runner = TaskRunner(provider: LocalProvider(), store: store, polling: .immediate, clock: VirtualClock())
        // The local provider answers 404 for an output of a task it does not know.
        let state = ProviderTask(
            id: "gen_1",
            status: .completed,
            outputs: [URL(string: "hatchery-local://gone/0.png")!],
            cost: Money(micros: 10_000)
        )

        let first = try await runner.collect(state, taskID: id, request: request, fetchFailures: 0)
        guard case .outputsPending = first else {
            Issue.record("\(first)")
            return
        }
        #expect(try await store.task(id: id)?.status == .submitted)

        let last = try await runner.collect(
            state,
            taskID: id,
            request: request,
            fetchFailures: runner.maxFetchFailures - 3
        )
        #expect(
            last
                == .failed(
                    reason: try #require(try await store.task(id: id)?.error),
                    cost: Money(micros: 10_000),
                    kind: .outputsExpired
                )
        )
        #expect(try await store.task(id: id)?.failureKind == .outputsExpired)
    }
}
