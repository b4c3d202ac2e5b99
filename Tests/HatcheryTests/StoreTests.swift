import Foundation
import GRDB
import Testing

@testable import Hatchery

@Suite struct StoreTests {
    /// A size limit or a full disk fails the open with "disk I/O error": the advice must not be
    /// to move the file aside, which would make the next build pay again for every image.
    @Test func aStoreThatCannotOpenIsToBeKept() {
        let text =
            StoreError.cannotOpen(path: "site/.hatchery/state.sqlite", reason: "disk I/O error")
            .errorDescription ?? ""
        #expect(text.contains("Keep the file") && text.contains("ulimit -f"))
        #expect(!text.contains("aside"))
    }

    @Test func migratesARealFileAndReopens() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        #expect(
            try await store.appliedMigrations() == [
                "v1: runs, prompts, tasks, images", "v2: the fingerprint each prompt shows",
                "v3: an index for planning",
                "v4: when each request was sent", "v5: derived web images",
                "v6: a revision and a stamp for no-op builds",
                "v7: paid outputs fetched again, candidates of unknown outcomes",
                "v8: which remote ids came from the task list",
                "v9: what each site file was made from",
                "v10: a digest of the recorded site files",
                "v11: any change of the site records drops their digest",
            ]
        )
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("state.sqlite").path))
        // Reopening applies nothing twice.
        let again = try Store(folder: directory.url)
        #expect(try await again.appliedMigrations().count == 11)
        let (journal, foreignKeys) = try await again.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
    }

    @Test func upgradesAVersionOneDatabaseKeepingItsRows() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.url.appendingPathComponent("state.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(old, upTo: "v1: runs, prompts, tasks, images")
            try await old.write { db in
                try db.execute(sql: "INSERT INTO prompts (id, first_seen_at) VALUES ('fox', '2026-01-01 00:00:00.000')")
            }
        }
        let store = try Store(folder: directory.url)
        #expect(try await store.appliedMigrations().count == 11)
        #expect(try await store.snapshot().activePromptIDs == ["fox"])
        try await store.setCurrentFingerprints(["fox": Fingerprint(hex: "abc")])
        #expect(try await store.snapshot().currentFingerprints == PromptTable(["fox": Fingerprint(hex: "abc")]))
        // The same fingerprints again change no row: the revision, which no-op builds and the
        // reads made ahead of a build go by, stays.
        let revision = try await store.revision()
        try await store.setCurrentFingerprints(["fox": Fingerprint(hex: "abc")])
        #expect(try await store.revision() == revision)
        try await store.setCurrentFingerprints(["fox": Fingerprint(hex: "def")])
        #expect(try await store.snapshot().currentFingerprints == PromptTable(["fox": Fingerprint(hex: "def")]))
        #expect(try await store.revision() > revision)
    }

    /// Another program holding the database (a `sqlite3` shell in a transaction) got "SQLite
    /// error 5: database is locked" and advice about disk room and permissions.
    @Test func aDatabaseLockedByAnotherProgramIsNamedAsSuch() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        _ = try Store(folder: directory.url)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(
            path: directory.url.appendingPathComponent(SiteFolder.Names.database).path,
            configuration: configuration
        )
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let error = #expect(throws: StoreError.self) {
            try Store(folder: directory.url, migrating: true, readOnly: false, busyTimeout: 0.05)
        }
        guard case .busy(let path) = error else {
            Issue.record("expected .busy, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix(SiteFolder.Names.database))
        let message = error?.errorDescription ?? ""
        #expect(message.contains("locked by another program") && !message.contains("disk has room"), "\(message)")
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        let store = try Store(folder: directory.url)
        try await store.syncPrompts(["fox"])
        #expect(try await store.snapshot().activePromptIDs == ["fox"])
    }

    @Test func keepsATaskFromIntentToCompletionWithExactCost() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox"])
        let spec = PromptSpec(id: "fox", prompt: "A fox", model: "nanobanana")
        let task = try await store.recordIntent(of: spec, run: run, estimate: Money(micros: 10_000))
        #expect(try await store.unfinishedTasks().map(\.status) == [.intent])
        try await store.recordSubmitted(taskID: task.id!, remoteID: "gen_1")
        #expect(try await store.unfinishedTasks().first?.remoteID == "gen_1")

        let data = try Fixtures.png()
        let sha = try store.objects.put(data)
        let image = ImageRecord(
            id: nil,
            taskID: task.id!,
            outputIndex: 0,
            sha256: sha,
            path: ObjectStore.relativePath(sha256: sha),
            width: 32,
            height: 16,
            bitDepth: 8,
            colorType: 2,
            bytes: data.count,
            sourceURL: nil
        )
        try await store.recordCompleted(taskID: task.id!, cost: Money(parsing: "$0.0100")!, images: [image])
        #expect(try await store.unfinishedTasks().isEmpty)
        let spend = try await store.spend(by: [.model])
        #expect(
            spend.rows == [
                SpendReport.Row(
                    model: "nanobanana",
                    day: nil,
                    run: nil,
                    prompt: nil,
                    provider: "local",
                    images: 1,
                    tasks: 1,
                    failedTasks: 0,
                    costMicros: 10_000,
                    cost: "$0.0100"
                )
            ]
        )
        #expect(spend.totalEstimateMicros == 10_000 && spend.totalRealMicros == 0)
        let stored = try await store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT cost_micros FROM tasks") }
        #expect(stored == 10_000)
        #expect(store.objects.contains(sha256: sha))
        #expect(try PNGReader().facts(ofFileAt: store.objects.url(sha256: sha)).width == 32)
    }

    @Test func recordsFailuresWithTheirReason() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        try await store.syncPrompts(["fox"])
        let spec = PromptSpec(id: "fox", prompt: "A fox", model: "nanobanana")
        let fingerprint = Fingerprint(spec, provider: .local)
        let task = try await store.recordIntent(
            promptID: "fox",
            runID: run,
            fingerprint: fingerprint,
            provider: .local,
            request: GenerationRequest(spec),
            estimate: .zero
        )
        try await store.recordSubmitted(taskID: task.id!, remoteID: "local_1")
        try await store.recordFailed(taskID: task.id!, reason: "blocked by moderation", kind: .moderation)
        #expect(try await store.failureReasons() == ["fox": [fingerprint: "blocked by moderation"]])
        #expect(try await store.spend(by: [.model]).rows.first?.failedTasks == 1)
    }

    @Test func marksPromptsThatLeaveAndReturn() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        try await store.syncPrompts(["a", "b"])
        try await store.syncPrompts(["a"])
        #expect(try await store.snapshot().activePromptIDs == ["a"])
        try await store.syncPrompts(["a", "b"])
        #expect(try await store.snapshot().activePromptIDs == ["a", "b"])
    }

    @Test func refusesATaskForAnUnknownPrompt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        let spec = PromptSpec(id: "ghost", prompt: "x", model: "nanobanana")
        await #expect(throws: StoreError.self) {
            _ = try await store.recordIntent(of: spec, run: run, estimate: .zero)
        }
    }
}
