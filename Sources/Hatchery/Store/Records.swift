import Foundation
import GRDB

/// A row of `runs`: one `hatchery build`.
public struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    public var provider: ProviderKind
    public var status: RunStatus

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `prompts`: every prompt id the catalog has ever had.
public struct PromptRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "prompts"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    public var id: String
    public var firstSeenAt: Date
    /// When it left the catalog; nil while it is in it. Its tasks and images stay.
    public var removedAt: Date?
    /// The fingerprint whose images the gallery shows for it.
    public var currentFingerprint: String?
}

/// A row of `tasks`: one generation request, from intent to outcome.
public struct TaskRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "tasks"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    /// Where a task is: `TaskStatus`, by the name the lifecycle's table uses.
    public typealias Status = TaskStatus

    /// The columns queries filter and order by.
    public enum Columns {
        public static let id = Column("id")
        public static let status = Column("status")
        public static let completedAt = Column("completed_at")
    }

    public var id: Int64?
    public var promptID: String
    public var runID: Int64
    public var fingerprint: String
    public var provider: ProviderKind
    public var model: String
    /// The exact JSON body sent (or to be sent).
    public var requestJSON: String
    public var remoteID: String?
    public var status: Status
    public var costMicros: Int64
    public var estimatedCostMicros: Int64
    public var error: String?
    /// Why it failed, when it did: a stable label reports group by.
    public var failureKind: FailureKind?
    public var createdAt: Date
    /// Just before the request went out; nil if it never did (or the run died first).
    public var sentAt: Date?
    /// When the answer came (or, for an unknown outcome, when waiting for it ended).
    public var submittedAt: Date?
    public var completedAt: Date?
    /// Fetches of this task's paid outputs that failed, over every build.
    public var fetchFailures: Int = 0
    /// For an unknown outcome left to the person: the provider's tasks that could be it (JSON).
    public var candidates: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The provider tasks recorded as possibly this one's, for an unknown outcome.
    public var candidateTasks: [UnknownCandidate] {
        guard let candidates else { return [] }
        return (try? JSONDecoder().decode([UnknownCandidate].self, from: Data(candidates.utf8))) ?? []
    }

    public var cost: Money { Money(micros: costMicros) }
    public var estimatedCost: Money { Money(micros: estimatedCostMicros) }

    public func request() throws -> GenerationRequest {
        try JSONDecoder().decode(GenerationRequest.self, from: Data(requestJSON.utf8))
    }
}

/// A row of `images`: one stored output of a completed task.
public struct ImageRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "images"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    public var id: Int64?
    public var taskID: Int64
    public var outputIndex: Int
    public var sha256: String
    /// Relative to the state folder: `objects/ab/abcdef….png`.
    public var path: String
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    public var colorType: Int
    public var bytes: Int
    public var sourceURL: String?

    /// The columns queries filter and order by.
    public enum Columns {
        public static let taskID = Column("task_id")
        public static let outputIndex = Column("output_index")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public var facts: PNGFacts {
        PNGFacts(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
    }
}
