import Foundation
import Testing

@testable import Hatchery

/// `Store.shownRequests(of:)` on a real SQLite file: the request of the generation each asked
/// prompt shows, and nothing for prompts not asked, not shown, removed or unreadable.
@Suite struct ShownRequestsTests {
    /// A completed task of `id` asking for `text`, with no images: its fingerprint and task id.
    static func complete(
        _ id: String,
        _ text: String,
        in store: Store,
        run: Int64
    ) async throws -> (fingerprint: Fingerprint, task: Int64) {
        let spec = PromptSpec(id: id, prompt: text, model: "nanobanana")
        let fingerprint = Fingerprint(spec, provider: .local)
        let task = try await store.recordIntent(of: spec, run: run)
        let taskID = try #require(task.id)
        try await store.recordSubmitted(taskID: taskID, remoteID: "local_\(taskID)")
        try await store.recordCompleted(taskID: taskID, cost: Money(micros: 1_000), images: [])
        return (fingerprint, taskID)
    }

    @Test func readsTheShownRequestOfEachAskedPromptAcrossStatements() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        // More prompts than one statement binds, so that the ids go in several batches.
        let count = Store.promptIDsPerStatement * 2 + 7
        let ids = (0..<count).map { String(format: "p%04d", $0) } + ["gone", "never-shown"]
        try await store.syncPrompts(ids)

        var shown: [String: Fingerprint] = [:]
        for id in ids.dropLast() {
            shown[id] = try await Self.complete(id, "Shown \(id)", in: store, run: run).fingerprint
            // A later generation the gallery does not show: not what the plan compares with.
            _ = try await Self.complete(id, "Not shown \(id)", in: store, run: run)
        }
        try await store.setCurrentFingerprints(shown)
        try await store.syncPrompts(ids.filter { $0 != "gone" })

        let asked = ids.filter { $0 != "p0003" }
        let requests = try await store.shownRequests(of: asked)
        let expected = Set(ids.dropLast()).subtracting(["p0003", "gone"])
        #expect(Set(requests.keys) == expected)
        for id in expected {
            #expect(requests[id]?.request.prompt == "Shown \(id)")
            #expect(requests[id]?.provider == .local)
        }
        #expect(try await store.shownRequests(of: [String]()).isEmpty)
    }

    @Test func aStoredRequestThatCannotBeReadIsLeftOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox"])
        let (fingerprint, task) = try await Self.complete("fox", "A fox", in: store, run: run)
        try await store.setCurrentFingerprints(["fox": fingerprint])
        try await store.writing { db in
            try db.execute(sql: "UPDATE tasks SET request_json = '{not json' WHERE id = ?", arguments: [task])
        }
        #expect(try await store.shownRequests(of: ["fox"]).isEmpty)
    }

    /// A store edited by hand may hold a prompt's id as a blob, which the snapshot reads as
    /// text: its shown request is found all the same.
    @Test func anIdStoredAsABlobIsFound() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox", "hare"])
        var shown: [String: Fingerprint] = [:]
        for id in ["fox", "hare"] {
            shown[id] = try await Self.complete(id, "A \(id)", in: store, run: run).fingerprint
        }
        try await store.setCurrentFingerprints(shown)
        try await store.writing { db in
            // Checked at the commit, when the two tables agree again.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try db.execute(sql: "UPDATE tasks SET prompt_id = CAST(prompt_id AS BLOB) WHERE prompt_id = 'fox'")
            try db.execute(sql: "UPDATE prompts SET id = CAST(id AS BLOB) WHERE id = 'fox'")
        }
        let requests = try await store.shownRequests(of: ["fox", "hare"])
        #expect(requests["fox"]?.request.prompt == "A fox")
        #expect(requests["hare"]?.request.prompt == "A hare")
    }
}
