import Foundation
import Testing

@testable import Hatchery

/// `Store.completedGenerations()` on a real SQLite file: each prompt's completed tasks newest
/// first, each with its own images in output order, and nothing of a task that did not complete.
@Suite struct CompletedGenerationsTests {
    @Test func eachPromptsCompletedTasksNewestFirstWithTheirImagesInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox", "hare", "owl"])
        let png = try Fixtures.png()
        let sha = try store.objects.put(png)

        func task(_ prompt: String, _ text: String) async throws -> Int64 {
            let spec = PromptSpec(id: prompt, prompt: text, model: "nanobanana")
            let task = try await store.recordIntent(of: spec, run: run)
            try await store.recordSubmitted(taskID: task.id!, remoteID: "local_\(task.id!)")
            return task.id!
        }
        func image(_ task: Int64, _ index: Int) -> ImageRecord {
            ImageRecord(
                id: nil,
                taskID: task,
                outputIndex: index,
                sha256: sha,
                path: ObjectStore.relativePath(sha256: sha),
                width: 32 + index,
                height: 16,
                bitDepth: 8,
                colorType: 2,
                bytes: png.count,
                sourceURL: nil
            )
        }

        let first = try await task("fox", "A fox")
        try await store.recordCompleted(
            taskID: first,
            cost: Money(micros: 1_000),
            images: [image(first, 2), image(first, 0), image(first, 1)]
        )
        let failed = try await task("fox", "A fox, failed")
        try await store.recordFailed(taskID: failed, reason: "refused", kind: .moderation)
        let second = try await task("fox", "A fox again")
        try await store.recordCompleted(taskID: second, cost: Money(micros: 2_000), images: [image(second, 0)])
        let empty = try await task("hare", "A hare")
        try await store.recordCompleted(taskID: empty, cost: Money(micros: 3_000), images: [])
        _ = try await task("owl", "An owl, still running")

        let history = try await store.completedGenerations()
        #expect(Set(history.keys) == ["fox", "hare"])
        #expect(history["fox"]?.map(\.taskID) == [second, first])
        #expect(history["fox"]?.last?.images.map(\.outputIndex) == [0, 1, 2])
        #expect(history["fox"]?.last?.images.map(\.width) == [32, 33, 34])
        #expect(history["fox"]?.last?.images.allSatisfy { $0.taskID == first } == true)
        #expect(history["fox"]?.first?.images.map(\.taskID) == [second])
        #expect(history["fox"]?.map(\.cost) == [Money(micros: 2_000), Money(micros: 1_000)])
        #expect(history["fox"]?.first?.request?.prompt == "A fox again")
        #expect(history["hare"]?.map(\.taskID) == [empty])
        #expect(history["hare"]?.first?.images.isEmpty == true)
    }
}
