import Foundation
import GRDB

extension Store {
    /// Commits the intent to generate, before anything is sent: if the process dies after
    /// this, the next run knows a request may be out there.
    public func recordIntent(promptID: String, runID: Int64, fingerprint: Fingerprint, provider: ProviderKind,
                             request: GenerationRequest, estimate: Money, at date: Date = Date()) async throws(StoreError) -> TaskRecord {
        let body = String(decoding: try encodeRequest(request), as: UTF8.self)
        return try await writing { db in
            var task = TaskRecord(
                id: nil, promptId: promptID, runId: runID, fingerprint: fingerprint.hex, provider: provider.rawValue,
                model: request.model, requestJson: body, remoteId: nil, status: .intent, costMicros: 0,
                estimatedCostMicros: estimate.micros, error: nil, failureKind: nil, createdAt: date)
            try task.insert(db)
            return task
        }
    }

    /// Records the provider's id the moment it is known, with when the request was sent and answered.
    public func recordSubmitted(taskID: Int64, remoteID: String, sentAt: Date? = nil, at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            try db.execute(sql: "UPDATE tasks SET status = 'submitted', remote_id = ?, sent_at = ?, submitted_at = ? WHERE id = ?",
                           arguments: [remoteID, sentAt, date, taskID])
        }
    }

    /// Records a completed task, its real cost and its stored images, in one transaction.
    public func recordCompleted(taskID: Int64, cost: Money, images: [ImageRecord], at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            for image in images {
                var image = image
                image.taskId = taskID
                try image.insert(db)
            }
            try db.execute(sql: """
                UPDATE tasks SET status = 'completed', cost_micros = ?, completed_at = ?, error = NULL, failure_kind = NULL
                WHERE id = ?
                """, arguments: [cost.micros, date, taskID])
        }
    }

    /// Records a failure with its reason: failed tasks are kept, never dropped.
    public func recordFailed(taskID: Int64, reason: String, kind: String, cost: Money = .zero,
                             at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            try db.execute(sql: """
                UPDATE tasks SET status = 'failed', error = ?, failure_kind = ?, cost_micros = ?, completed_at = ?
                WHERE id = ?
                """, arguments: [reason, kind, cost.micros, date, taskID])
        }
    }

    /// Marks a task whose request may or may not have reached the provider. `date` closes the
    /// window in which a task it created would have been made (kept in `submitted_at`).
    public func recordUnknown(taskID: Int64, reason: String, sentAt: Date? = nil, at date: Date = Date()) async throws(StoreError) {
        try await writing { db in
            try db.execute(sql: """
                UPDATE tasks SET status = 'unknown', error = ?, failure_kind = 'unknown', sent_at = COALESCE(?, sent_at), submitted_at = ?
                WHERE id = ?
                """, arguments: [reason, sentAt, date, taskID])
        }
    }

    /// Settles an unknown task as the provider's task `remoteID`, which will then be followed.
    public func adopt(taskID: Int64, remoteID: String) async throws(StoreError) {
        try await writing { db in
            try db.execute(sql: """
                UPDATE tasks SET status = 'submitted', remote_id = ?, error = NULL, failure_kind = NULL
                WHERE id = ? AND status IN ('unknown', 'intent')
                """, arguments: [remoteID, taskID])
        }
    }

    /// Every remote id recorded for `provider`, with when its request was sent and answered.
    public func submissionTimes(provider: ProviderKind) async throws(StoreError) -> [String: (sent: Date, answered: Date)] {
        try await reading { db in
            var times: [String: (sent: Date, answered: Date)] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT remote_id, COALESCE(sent_at, created_at), submitted_at FROM tasks WHERE provider = ? AND remote_id IS NOT NULL
                """, arguments: [provider.rawValue])
            while let row = try rows.next() {
                let sent: Date = row[1]
                times[row[0]] = (sent, row[2] ?? sent)
            }
            return times
        }
    }

    public func task(id: Int64) async throws(StoreError) -> TaskRecord? {
        try await reading { db in try TaskRecord.fetchOne(db, key: id) }
    }

    /// Tasks a previous run left unfinished: to be resumed (polled), never resubmitted blindly.
    public func unfinishedTasks() async throws(StoreError) -> [TaskRecord] {
        try await reading { db in
            try TaskRecord.filter(sql: "status IN ('intent', 'submitted', 'unknown')").order(Column("id")).fetchAll(db)
        }
    }

    public func tasks(status: TaskRecord.Status? = nil) async throws(StoreError) -> [TaskRecord] {
        try await reading { db in
            let query = status.map { TaskRecord.filter(Column("status") == $0.rawValue) } ?? TaskRecord.all()
            return try query.order(Column("id")).fetchAll(db)
        }
    }

    func encodeRequest(_ request: GenerationRequest) throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(request)
        } catch {
            throw .database("could not encode a request: \(error)")
        }
    }
}
