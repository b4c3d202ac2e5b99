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

    /// The prompts, of those asked for, with a task at the asked fingerprint that has not ended
    /// (recorded, sent, or of unknown outcome).
    public func promptsInFlight(for wanted: [String: Fingerprint]) async throws(StoreError) -> Set<String> {
        try await reading { db in
            var prompts = Set<String>()
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT DISTINCT prompt_id, fingerprint FROM tasks WHERE status IN (?, ?, ?)",
                arguments: [TaskStatus.intent, TaskStatus.submitted, TaskStatus.unknown]
            )
            while let row = try rows.next() {
                let prompt: String = row[0]
                if wanted[prompt]?.hex == (row[1] as String) { prompts.insert(prompt) }
            }
            return prompts
        }
    }
}
