import Foundation
import GRDB

extension Store {
    /// The fingerprint whose images each prompt showed after the last render.
    public func shownFingerprints() async throws(StoreError) -> PromptTable<Fingerprint> {
        try await reading { db in
            var shown: [PromptTable<Fingerprint>.Entry] = []
            shown.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prompts") ?? 0)
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, current_fingerprint FROM prompts WHERE current_fingerprint IS NOT NULL"
            )
            while let row = try rows.next() { shown.append((row[0], Fingerprint(hex: row[1]))) }
            return PromptTable(shown)
        }
    }

    /// For each prompt, the fingerprints it has a task at that has not ended (recorded, sent,
    /// or of unknown outcome).
    public func fingerprintsInFlight() async throws(StoreError) -> PromptTable<Fingerprint> {
        try await reading { db in
            var inFlight: [PromptTable<Fingerprint>.Entry] = []
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT DISTINCT prompt_id, fingerprint FROM tasks WHERE status IN (?, ?, ?)",
                arguments: [TaskStatus.intent, TaskStatus.submitted, TaskStatus.unknown]
            )
            while let row = try rows.next() { inFlight.append((row[0], Fingerprint(hex: row[1]))) }
            return PromptTable(inFlight)
        }
    }
}
