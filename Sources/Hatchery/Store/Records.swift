import Foundation
import GRDB

/// A row of `runs`: one `hatchery build`.
public struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    public var provider: String
    /// `running`, `succeeded` or `failed`.
    public var status: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `prompts`: every prompt id the catalog has ever had.
public struct PromptRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "prompts"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Where a task is. Stored as these exact strings, which reports group by.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Written before the request is sent: a crash after this may or may not have created it.
        case intent
        /// The provider accepted it and gave the remote id.
        case submitted
        case completed
        case failed
        /// The request may have created a task; it must be settled before anything is resent.
        case unknown
    }

    public var id: Int64?
    public var promptId: String
    public var runId: Int64
    public var fingerprint: String
    public var provider: String
    public var model: String
    /// The exact JSON body sent (or to be sent).
    public var requestJson: String
    public var remoteId: String?
    public var status: Status
    public var costMicros: Int64
    public var estimatedCostMicros: Int64
    public var error: String?
    /// A stable label for grouping failures: a `FailureKind` raw value (see `failure`).
    public var failureKind: String?
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

    /// Why it failed, when it did.
    public var failure: FailureKind? { failureKind.flatMap(FailureKind.init(rawValue:)) }

    /// The provider tasks recorded as possibly this one's, for an unknown outcome.
    public var candidateTasks: [UnknownCandidate] {
        guard let candidates else { return [] }
        return (try? JSONDecoder().decode([UnknownCandidate].self, from: Data(candidates.utf8))) ?? []
    }

    public var cost: Money { Money(micros: costMicros) }
    public var estimatedCost: Money { Money(micros: estimatedCostMicros) }

    public func request() throws -> GenerationRequest {
        try JSONDecoder().decode(GenerationRequest.self, from: Data(requestJson.utf8))
    }
}

/// A row of `images`: one stored output of a completed task.
public struct ImageRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "images"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var taskId: Int64
    public var outputIndex: Int
    public var sha256: String
    /// Relative to the state folder: `objects/ab/abcdef….png`.
    public var path: String
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    public var colorType: Int
    public var bytes: Int
    public var sourceUrl: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public var facts: PNGFacts {
        PNGFacts(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
    }
}
