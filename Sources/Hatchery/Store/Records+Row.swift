import GRDB

// The rows a build reads by the tens of thousands, decoded by column name. Through Codable,
// GRDB's decoder converted each column's name to a property name (`ColumnNaming`) on every
// row: loading a 10,000-prompt gallery spent a tenth of its time there. A value that does not
// convert (a status this version does not know) throws, as Codable did; nothing traps.

extension TaskRecord {
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        promptID = try row.decode(forColumn: "prompt_id")
        runID = try row.decode(forColumn: "run_id")
        fingerprint = try row.decode(forColumn: "fingerprint")
        provider = try row.decode(forColumn: "provider")
        model = try row.decode(forColumn: "model")
        requestJSON = try row.decode(forColumn: "request_json")
        remoteID = try row.decode(forColumn: "remote_id")
        status = try row.decode(forColumn: "status")
        costMicros = try row.decode(forColumn: "cost_micros")
        estimatedCostMicros = try row.decode(forColumn: "estimated_cost_micros")
        error = try row.decode(forColumn: "error")
        failureKind = try row.decode(forColumn: "failure_kind")
        createdAt = try row.decode(forColumn: "created_at")
        sentAt = try row.decode(forColumn: "sent_at")
        submittedAt = try row.decode(forColumn: "submitted_at")
        completedAt = try row.decode(forColumn: "completed_at")
        fetchFailures = try row.decode(forColumn: "fetch_failures")
        candidates = try row.decode(forColumn: "candidates")
    }
}

extension ImageRecord {
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        taskID = try row.decode(forColumn: "task_id")
        outputIndex = try row.decode(forColumn: "output_index")
        sha256 = try row.decode(forColumn: "sha256")
        path = try row.decode(forColumn: "path")
        width = try row.decode(forColumn: "width")
        height = try row.decode(forColumn: "height")
        bitDepth = try row.decode(forColumn: "bit_depth")
        colorType = try row.decode(forColumn: "color_type")
        bytes = try row.decode(forColumn: "bytes")
        sourceURL = try row.decode(forColumn: "source_url")
    }
}

extension DerivedImageRecord {
    init(row: Row) throws {
        file = try row.decode(forColumn: "file")
        originalSha256 = try row.decode(forColumn: "original_sha256")
        recipe = try row.decode(forColumn: "recipe")
        role = try row.decode(forColumn: "role")
        width = try row.decode(forColumn: "width")
        height = try row.decode(forColumn: "height")
        bytes = try row.decode(forColumn: "bytes")
    }
}

extension PromptRecord {
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        firstSeenAt = try row.decode(forColumn: "first_seen_at")
        removedAt = try row.decode(forColumn: "removed_at")
        currentFingerprint = try row.decode(forColumn: "current_fingerprint")
    }
}
