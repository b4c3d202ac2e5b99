import Foundation
import GRDB

extension Store {
    /// The fingerprint (hex) whose images each prompt showed after the last render.
    public func shownFingerprints() async throws(StoreError) -> [String: String] {
        try await reading { db in
            var shown: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, current_fingerprint FROM prompts WHERE current_fingerprint IS NOT NULL"
            )
            while let row = try rows.next() { shown[row[0]] = row[1] }
            return shown
        }
    }

    /// For each prompt, the fingerprints (hex) it has a task at that has not ended (recorded,
    /// sent, or of unknown outcome).
    public func fingerprintsInFlight() async throws(StoreError) -> [String: Set<String>] {
        try await reading { db in
            var inFlight: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT DISTINCT prompt_id, fingerprint FROM tasks WHERE status IN (?, ?, ?)",
                arguments: [TaskStatus.intent, TaskStatus.submitted, TaskStatus.unknown]
            )
            while let row = try rows.next() { inFlight[row[0], default: []].insert(row[1]) }
            return inFlight
        }
    }
}
