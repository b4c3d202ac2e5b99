import Foundation
import GRDB

extension Store {
    /// Records the start of a build and returns its id.
    public func startRun(provider: ProviderKind, at date: Date = Date()) async throws(StoreError) -> Int64 {
        try await writing { db in
            var run = RunRecord(id: nil, startedAt: date, finishedAt: nil, provider: provider, status: .running)
            try run.insert(db)
            return run.id!
        }
    }

    public func finishRun(_ id: Int64, succeeded: Bool, at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            try db.execute(
                sql: "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?",
                arguments: [date, succeeded ? RunStatus.succeeded : RunStatus.failed, id]
            )
        }
    }

    /// Makes the `prompts` table match the catalog: new ids are added, ids that came back are
    /// no longer removed, ids that left are marked removed (their history stays).
    public func syncPrompts(_ ids: [String], at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            let known = try PromptRecord.fetchAll(db)
            let current = Set(ids)
            let knownIDs = Set(known.map(\.id))
            for id in ids where !knownIDs.contains(id) {
                try PromptRecord(id: id, firstSeenAt: date, removedAt: nil, currentFingerprint: nil).insert(db)
            }
            for record in known {
                if current.contains(record.id), record.removedAt != nil {
                    try db.execute(sql: "UPDATE prompts SET removed_at = NULL WHERE id = ?", arguments: [record.id])
                } else if !current.contains(record.id), record.removedAt == nil {
                    try db.execute(sql: "UPDATE prompts SET removed_at = ? WHERE id = ?", arguments: [date, record.id])
                }
            }
        }
    }

    /// Records which generation each prompt now shows, updating only the rows that differ: one
    /// read of the column costs less than ten thousand updates that change nothing.
    public func setCurrentFingerprints(_ fingerprints: [String: Fingerprint]) async throws(StoreError) {
        try await writing { db in
            var recorded: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, current_fingerprint FROM prompts")
            while let row = try rows.next() { recorded[row[0]] = row[1] }
            let statement = try db.makeStatement(sql: "UPDATE prompts SET current_fingerprint = ? WHERE id = ?")
            for (id, fingerprint) in fingerprints where recorded[id] != fingerprint.hex {
                try statement.execute(arguments: [fingerprint.hex, id])
            }
        }
    }
}
