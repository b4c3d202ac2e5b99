import Foundation
import GRDB

extension Store {
    /// Commits the intent to generate, before anything is sent: if the process dies after
    /// this, the next run knows a request may be out there. `sent_at` is the intent's moment:
    /// the request goes out right after.
    public func recordIntent(
        promptID: String,
        runID: Int64,
        fingerprint: Fingerprint,
        provider: ProviderKind,
        request: GenerationRequest,
        estimate: Money,
        at date: Date = Date()
    ) async throws(StoreError) -> TaskRecord {
        let body = String(decoding: try encodeRequest(request), as: UTF8.self)
        return try await writing { db in
            var task = TaskRecord(
                id: nil,
                promptID: promptID,
                runID: runID,
                fingerprint: fingerprint.hex,
                provider: provider,
                model: request.model,
                requestJSON: body,
                remoteID: nil,
                status: .intent,
                costMicros: 0,
                estimatedCostMicros: estimate.micros,
                error: nil,
                failureKind: nil,
                createdAt: date,
                sentAt: date
            )
            try task.insert(db)
            return task
        }
    }

    /// Records the provider's id the moment it is known, with when the request was sent and answered.
    @discardableResult
    public func recordSubmitted(
        taskID: Int64,
        remoteID: String,
        sentAt: Date? = nil,
        at date: Date = Date()
    ) async throws(StoreError) -> Bool {
        try await apply(
            .sent,
            to: taskID,
            set: "remote_id = ?, sent_at = COALESCE(?, sent_at), submitted_at = ?",
            [remoteID, sentAt, date]
        )
    }

    /// Records a completed task, its real cost and its stored images, in one transaction. A
    /// task that is no longer `submitted` (another process stored it) is left as it is.
    @discardableResult
    public func recordCompleted(
        taskID: Int64,
        cost: Money,
        images: [ImageRecord],
        note: String? = nil,
        at date: Date = Date()
    ) async throws(StoreError) -> Bool {
        try await writing { db in
            guard
                try Self.apply(
                    .completed,
                    to: taskID,
                    in: db,
                    set: "cost_micros = ?, completed_at = ?, error = ?, failure_kind = NULL, candidates = NULL",
                    [cost.micros, date, note]
                )
            else { return false }
            for image in images {
                var image = image
                image.taskID = taskID
                try image.insert(db)
            }
            return true
        }
    }

    /// Records a failure with its reason and kind: failed tasks are kept, never dropped. `event`
    /// says from where: `.failed` (a submitted task), `.refused` (an intent the provider turned
    /// down) or `.foundNotCreated` (an unknown outcome that created nothing).
    @discardableResult
    public func recordFailed(
        taskID: Int64,
        reason: String,
        kind: FailureKind,
        cost: Money = .zero,
        event: TaskEvent = .failed,
        at date: Date = Date()
    ) async throws(StoreError) -> Bool {
        try await apply(
            event,
            to: taskID,
            set: "error = ?, failure_kind = ?, cost_micros = ?, completed_at = ?, candidates = NULL",
            [reason, kind, cost.micros, date]
        )
    }

    /// Marks a task whose request may or may not have reached the provider. `date` closes the
    /// window in which a task it created would have been made (kept in `submitted_at`).
    @discardableResult
    public func recordUnknown(
        taskID: Int64,
        reason: String,
        sentAt: Date? = nil,
        event: TaskEvent = .outcomeUnknown,
        at date: Date = Date()
    ) async throws(StoreError) -> Bool {
        try await apply(
            event,
            to: taskID,
            set: "error = ?, failure_kind = NULL, sent_at = COALESCE(?, sent_at), submitted_at = ?",
            [reason, sentAt, date]
        )
    }

    /// Keeps a completed task whose outputs could not be stored `submitted`, with why and one
    /// more failed fetch counted: the next build fetches them again, paying nothing.
    @discardableResult
    public func recordOutputsDeferred(
        taskID: Int64,
        reason: String,
        failedFetches: Int,
        cost: Money
    ) async throws(StoreError) -> Bool {
        // The task is paid: its cost is recorded now, so that spend and reconcile count it.
        try await apply(
            .outputsDeferred,
            to: taskID,
            set: "error = ?, fetch_failures = fetch_failures + ?, cost_micros = ?",
            [reason, failedFetches, cost.micros]
        )
    }

    /// Settles an unknown task as the provider's task `remoteID`, which will then be followed.
    /// False when the task was not unknown (already settled) or the remote task is another's.
    @discardableResult
    public func adopt(taskID: Int64, remoteID: String, at date: Date = Date()) async throws(StoreError) -> Bool {
        try await writing { db in
            let taken =
                try Bool.fetchOne(
                    db,
                    sql:
                        "SELECT EXISTS (SELECT 1 FROM tasks t JOIN tasks me ON me.id = ? WHERE t.provider = me.provider AND t.remote_id = ?)",
                    arguments: [taskID, remoteID]
                ) ?? false
            guard !taken else { return false }
            return try Self.apply(
                .adopted,
                to: taskID,
                in: db,
                set: "remote_id = ?, adopted_at = ?, error = NULL, failure_kind = NULL, candidates = NULL",
                [remoteID, date]
            )
        }
    }

    /// Records, for an unknown task that stays unknown, the provider tasks that could be it.
    public func recordCandidates(taskID: Int64, _ candidates: [UnknownCandidate]) async throws(StoreError) {
        let json: String? =
            candidates.isEmpty
            ? nil : String(decoding: (try? JSONEncoder().encode(candidates)) ?? Data("[]".utf8), as: UTF8.self)
        try await writing { db in
            try db.execute(
                sql: "UPDATE tasks SET candidates = ? WHERE id = ? AND status = ? AND candidates IS NOT ?",
                arguments: [json, taskID, TaskStatus.unknown, json]
            )
        }
    }

    /// Applies `event` to a task if its status allows; false (and nothing written) otherwise.
    func apply(
        _ event: TaskEvent,
        to taskID: Int64,
        set assignments: String,
        _ arguments: [(any DatabaseValueConvertible)?]
    ) async throws(StoreError) -> Bool {
        let values = StatementArguments(arguments)
        return try await writing { db in try Self.apply(event, to: taskID, in: db, set: assignments, values) }
    }

    static func apply(
        _ event: TaskEvent,
        to taskID: Int64,
        in db: Database,
        set assignments: String,
        _ arguments: StatementArguments
    ) throws -> Bool {
        let from = event.from.sorted { $0.rawValue < $1.rawValue }
        let placeholders = Array(repeating: "?", count: from.count).joined(separator: ", ")
        try db.execute(
            sql: "UPDATE tasks SET status = ?, \(assignments) WHERE id = ? AND status IN (\(placeholders))",
            arguments: [event.to] + arguments + [taskID] + StatementArguments(from)
        )
        return db.changesCount == 1
    }

    /// Every remote id recorded for `provider`, with its model, when its request was sent and
    /// answered, and whether the answer named it (not so for an adopted one).
    public func knownSubmissions(provider: ProviderKind) async throws(StoreError) -> [String: KnownSubmission] {
        try await reading { db in
            var known: [String: KnownSubmission] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT remote_id, model, COALESCE(sent_at, created_at), submitted_at, adopted_at IS NULL FROM tasks
                    WHERE provider = ? AND remote_id IS NOT NULL
                    """,
                arguments: [provider]
            )
            while let row = try rows.next() {
                let sent: Date = row[2]
                known[row[0]] = KnownSubmission(
                    model: row[1],
                    sent: sent,
                    answered: row[3] ?? sent,
                    answeredWithID: row[4]
                )
            }
            return known
        }
    }

    public func task(id: Int64) async throws(StoreError) -> TaskRecord? {
        try await reading { db in try TaskRecord.fetchOne(db, key: id) }
    }

    /// Tasks a previous run left unfinished: to be resumed (polled), never resubmitted blindly.
    public func unfinishedTasks() async throws(StoreError) -> [TaskRecord] {
        try await reading { db in
            try TaskRecord.filter([TaskStatus.intent, .submitted, .unknown].contains(TaskRecord.Columns.status))
                .order(TaskRecord.Columns.id).fetchAll(db)
        }
    }

    public func tasks(status: TaskStatus? = nil) async throws(StoreError) -> [TaskRecord] {
        try await reading { db in
            let query = status.map { TaskRecord.filter(TaskRecord.Columns.status == $0) } ?? TaskRecord.all()
            return try query.order(TaskRecord.Columns.id).fetchAll(db)
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
