import Foundation
import GRDB
import Hatchery

/// What a site's store holds, read straight from SQLite (read-only, once no build runs), and
/// Hatchery's own spend per model as `hatchery spend` computes it.
public struct StoreAudit: Sendable {
    /// One row of `tasks`, with its stored image count.
    public struct Task: Sendable {
        public var id: Int64
        public var promptID: String
        public var provider: String
        public var model: String
        public var remoteID: String?
        /// Nil for a word that is not a `TaskStatus` (a broken store).
        public var status: TaskStatus?
        public var error: String?
        public var failureKind: FailureKind?
        /// What Hatchery recorded as charged (a paid task whose outputs are still to fetch has it).
        public var costMicros: Int64 = 0
        /// SHA-256 of `request_json`: the exact body Hatchery sent.
        public var bodyDigest: String
        /// `num_outputs` of the request (1 when it leaves it out).
        public var numOutputs: Int
        public var images: Int
    }

    public var tasks: [Task]
    /// `Store.spend(by: [.model], filter: provider eggapi)`, in micro-dollars.
    public var spendMicros: [String: Int64]

    /// Reads `site`'s store; empty when no build ever made it.
    public static func read(site: URL) async throws -> StoreAudit {
        let path = site.appendingPathComponent(".hatchery/state.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return StoreAudit(tasks: [], spendMicros: [:]) }
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let tasks = try await queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.prompt_id, t.provider, t.model, t.remote_id, t.status, t.error, t.failure_kind, t.cost_micros,
                           t.request_json, (SELECT COUNT(*) FROM images i WHERE i.task_id = t.id) AS images
                    FROM tasks t ORDER BY t.id
                    """
            ).map { row in
                Task(
                    id: row["id"],
                    promptID: row["prompt_id"],
                    provider: row["provider"],
                    model: row["model"],
                    remoteID: row["remote_id"],
                    status: (row["status"] as String?).flatMap(TaskStatus.init(rawValue:)),
                    error: row["error"],
                    failureKind: (row["failure_kind"] as String?).flatMap(FailureKind.init(rawValue:)),
                    costMicros: row["cost_micros"],
                    bodyDigest: SHA256Digest.hex(of: row["request_json"] as String),
                    numOutputs: Self.outputs(of: row["request_json"]),
                    images: row["images"]
                )
            }
        }
        let report = try await Store(siteDirectory: site).spend(by: [.model], filter: SpendFilter(provider: .eggapi))
        var spend: [String: Int64] = [:]
        for row in report.rows where row.costMicros != 0 { spend[row.model ?? "", default: 0] += row.costMicros }
        return StoreAudit(tasks: tasks, spendMicros: spend)
    }

    /// `num_outputs` of a stored request body.
    static func outputs(of json: String) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["num_outputs"] as? Int ?? 1
    }

    public func task(remoteID: String) -> Task? {
        tasks.first { $0.remoteID == remoteID }
    }

    public func task(id: Int64) -> Task? {
        tasks.first { $0.id == id }
    }
}
