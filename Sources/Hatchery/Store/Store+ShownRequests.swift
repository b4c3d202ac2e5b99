import Foundation
import GRDB

/// The provider and request of the generation a prompt's gallery page shows: what the plan
/// compares a changed prompt with (`Plan.Item.changes`).
public struct ShownRequest: Sendable, Equatable {
    public var provider: ProviderKind
    public var request: GenerationRequest

    public init(provider: ProviderKind, request: GenerationRequest) {
        self.provider = provider
        self.request = request
    }
}

extension Store {
    /// How many prompt ids one statement binds (each twice): well under SQLite's limit on variables.
    static let promptIDsPerStatement = 250

    /// Per prompt of `promptIDs` that the gallery shows a completed generation of, that
    /// generation's provider and request, as stored. A prompt whose stored request cannot be
    /// read back (an old or hand-edited store) is left out, as is one that shows nothing.
    ///
    /// Read for the few prompts a plan finds changed, not with the snapshot: every prompt's
    /// request was most of the snapshot, and held through the whole build.
    public func shownRequests(of promptIDs: some Collection<String>) async throws(StoreError) -> [String: ShownRequest]
    {
        guard !promptIDs.isEmpty else { return [:] }
        let ids = Array(promptIDs)
        return try await reading { db in try Self.shownRequests(in: db, of: ids) }
    }

    /// `shownRequests(of:)` within a read the caller holds.
    static func shownRequests(in db: Database, of ids: [String]) throws -> [String: ShownRequest] {
        var shown: [String: ShownRequest] = [:]
        let decoder = JSONDecoder()
        for start in stride(from: 0, to: ids.count, by: promptIDsPerStatement) {
            let batch = ids[start..<min(start + promptIDsPerStatement, ids.count)]
            // Each id as text and as a blob: SQLite never finds text equal to a blob, and a
            // store edited by hand may hold an id as either (the snapshot reads both as text).
            var arguments: [any DatabaseValueConvertible] = [TaskStatus.completed.rawValue]
            for id in batch { arguments += [id, Data(id.utf8)] }
            // By task id: when one fingerprint has two completed tasks, the later one's
            // request is the one kept, as the gallery shows its images.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT p.id, t.provider, t.request_json FROM prompts p
                    JOIN tasks t ON t.prompt_id = p.id AND t.fingerprint = p.current_fingerprint AND t.status = ?
                    WHERE p.removed_at IS NULL AND p.id IN (\(databaseQuestionMarks(count: batch.count * 2)))
                    ORDER BY t.id
                    """,
                arguments: StatementArguments(arguments)
            )
            while let row = try rows.next() {
                guard let id = row[0] as String?,
                    let provider = (row[1] as String?).flatMap(ProviderKind.init(rawValue:)),
                    let json = row[2] as String?,
                    let request = try? decoder.decode(GenerationRequest.self, from: Data(json.utf8))
                else { continue }
                shown[id] = ShownRequest(provider: provider, request: request)
            }
        }
        return shown
    }
}
