import Foundation
import GRDB

/// What the planner needs to know of the past, read in one go.
public struct StoreSnapshot: Sendable, Equatable {
    /// Prompt ids the store thinks are in the catalog.
    public var activePromptIDs: Set<String>
    /// Per prompt, the fingerprints that have a completed task: their images can be reused.
    public var completedFingerprints: PromptTable<Fingerprint>
    /// Per prompt, the fingerprints with a task a previous run left unfinished.
    public var unfinishedFingerprints: PromptTable<Fingerprint>
    /// Per prompt, the fingerprint whose images the gallery shows.
    public var currentFingerprints: PromptTable<Fingerprint>
    /// Per prompt and fingerprint, the failure of the latest task when that task failed.
    public var lastFailures: [String: [Fingerprint: LastFailure]] = [:]
    /// Prompt ids a build that did not finish marked removed (after the last complete build
    /// finished): the next plan still counts them removed, as the site still shows them.
    public var removedSinceLastBuild: Set<String> = []

    public init(
        activePromptIDs: Set<String> = [],
        completedFingerprints: PromptTable<Fingerprint> = PromptTable(),
        unfinishedFingerprints: PromptTable<Fingerprint> = PromptTable(),
        currentFingerprints: PromptTable<Fingerprint> = PromptTable()
    ) {
        self.activePromptIDs = activePromptIDs
        self.completedFingerprints = completedFingerprints
        self.unfinishedFingerprints = unfinishedFingerprints
        self.currentFingerprints = currentFingerprints
    }

    public static func == (lhs: StoreSnapshot, rhs: StoreSnapshot) -> Bool {
        lhs.activePromptIDs == rhs.activePromptIDs && lhs.completedFingerprints == rhs.completedFingerprints
            && lhs.unfinishedFingerprints == rhs.unfinishedFingerprints
            && lhs.currentFingerprints == rhs.currentFingerprints
            && lhs.lastFailures == rhs.lastFailures && lhs.removedSinceLastBuild == rhs.removedSinceLastBuild
    }
}

extension Store {
    public func snapshot() async throws(StoreError) -> StoreSnapshot {
        try await reading { db in try Self.snapshot(in: db) }
    }

    /// `snapshot()` within a read the caller holds.
    static func snapshot(in db: Database) throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        // Sized once: grown entry by entry, each array was copied as it doubled, both copies held.
        let promptCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prompts") ?? 0
        var current: [PromptTable<Fingerprint>.Entry] = []
        current.reserveCapacity(promptCount)
        let prompts = try Row.fetchCursor(
            db,
            sql: "SELECT id, removed_at IS NULL, current_fingerprint FROM prompts"
        )
        while let row = try prompts.next() {
            let id: String = row[0]
            if row[1] as Bool { snapshot.activePromptIDs.insert(id) }
            if let hex: String = row[2] { current.append((id, Fingerprint(hex: hex))) }
        }
        snapshot.currentFingerprints = PromptTable(current)
        snapshot.removedSinceLastBuild = Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM prompts WHERE removed_at IS NOT NULL
                    AND removed_at > COALESCE((SELECT MAX(finished_at) FROM runs WHERE status = ?), '')
                    """,
                arguments: [RunStatus.succeeded]
            )
        )
        var completed: [PromptTable<Fingerprint>.Entry] = []
        completed.reserveCapacity(promptCount)
        var unfinished: [PromptTable<Fingerprint>.Entry] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT prompt_id, fingerprint, status FROM tasks
                WHERE status != ? GROUP BY prompt_id, fingerprint, status
                """,
            arguments: [TaskStatus.failed]
        )
        while let row = try rows.next() {
            let entry = (id: row[0] as String, value: Fingerprint(hex: row[1]))
            if (row[2] as String?).flatMap(TaskStatus.init(rawValue:)) == .completed {
                completed.append(entry)
            } else {
                unfinished.append(entry)
            }
        }
        snapshot.completedFingerprints = PromptTable(completed)
        snapshot.unfinishedFingerprints = PromptTable(unfinished)
        // The latest task per (prompt, fingerprint), when it failed: the index on
        // (prompt_id, fingerprint, status) answers the MAX without reading the table.
        let failures = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.prompt_id, t.fingerprint, t.failure_kind, t.error FROM tasks t
                JOIN (SELECT MAX(id) AS id FROM tasks GROUP BY prompt_id, fingerprint) latest ON latest.id = t.id
                WHERE t.status = ?
                """,
            arguments: [TaskStatus.failed]
        )
        while let row = try failures.next() {
            let prompt: String = row[0]
            let fingerprint = Fingerprint(hex: row[1])
            // Read as text: GRDB traps on a word that is not a case, and an old store may hold one.
            let kind = (row[2] as String?).flatMap(FailureKind.init(rawValue:)) ?? .provider
            snapshot.lastFailures[prompt, default: [:]][fingerprint] = LastFailure(
                kind: kind,
                reason: row[3] ?? "no reason recorded"
            )
        }
        return snapshot
    }

    /// Every completed generation of every prompt the store knows, newest first: one read of
    /// the tasks and images, each task's request decoded once. Reads no catalog, so that a
    /// build can make it while it loads one (`StoreReadAhead`).
    public func completedGenerations() async throws(StoreError) -> [String: [Generation]] {
        try await reading { db in
            // The images first, then each task made into its generation as the cursor gives it
            // and let go: every task's row held until all were read was, at 100,000 prompts,
            // the largest table at the start of a build (with the images' rows, 60 MB).
            var images: [Int64: [ImageRecord]] = [:]
            let imageCursor =
                try ImageRecord
                .filter(sql: "task_id IN (SELECT id FROM tasks WHERE status = ?)", arguments: [TaskStatus.completed])
                .order(ImageRecord.Columns.outputIndex).fetchCursor(db)
            while let image = try imageCursor.next() { images[image.taskID, default: []].append(image) }
            var history: [String: [Generation]] = [:]
            let cursor = try TaskRecord.filter(TaskRecord.Columns.status == TaskStatus.completed)
                .order(TaskRecord.Columns.completedAt.desc, TaskRecord.Columns.id.desc).fetchCursor(db)
            while let task = try cursor.next() {
                guard let id = task.id else { continue }
                let generation = Generation(task, images: images.removeValue(forKey: id) ?? [])
                history[task.promptID, default: []].append(generation)
            }
            return history
        }
    }
}

extension Store {
    /// For each prompt and fingerprint with a failed task, the reason the latest one gave.
    public func failureReasons() async throws(StoreError) -> [String: [Fingerprint: String]] {
        try await reading { db in
            var reasons: [String: [Fingerprint: String]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT prompt_id, fingerprint, error FROM tasks WHERE status = ? ORDER BY id
                    """,
                arguments: [TaskStatus.failed]
            )
            while let row = try rows.next() {
                reasons[row[0], default: [:]][Fingerprint(hex: row[1])] = row[2] ?? "no reason recorded"
            }
            return reasons
        }
    }

    /// How many tasks of `provider` have an unknown outcome, and their estimates: what may
    /// have been charged without Hatchery knowing.
    public func openUnknowns(provider: ProviderKind) async throws(StoreError) -> (count: Int, estimate: Money) {
        try await reading { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), COALESCE(SUM(estimated_cost_micros), 0) FROM tasks WHERE provider = ? AND status IN (?, ?)
                    """,
                arguments: [provider, TaskStatus.unknown, TaskStatus.intent]
            )
            let count: Int = row?[0] ?? 0
            let micros: Int64 = row?[1] ?? 0
            return (count, Money(micros: micros))
        }
    }

    /// Everything recorded as spent with `provider`, over all runs.
    public func totalSpend(provider: ProviderKind) async throws(StoreError) -> Money {
        try await reading { db in
            Money(
                micros: try Int64.fetchOne(
                    db,
                    sql: "SELECT COALESCE(SUM(cost_micros), 0) FROM tasks WHERE provider = ?",
                    arguments: [provider]
                ) ?? 0
            )
        }
    }
}
