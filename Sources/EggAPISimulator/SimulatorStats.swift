import Foundation
import Hatchery

/// What the simulator did: served at `/_sim/stats`, outside `/v1`, and by `Simulator.stats()`.
/// Money is in integer micro-dollars ($1 = 1,000,000). Times are read when the stats are taken.
public struct SimulatorStats: Sendable, Codable, Equatable {
    /// Tasks created by `POST /v1/generate` (foreign tasks are not counted here).
    public var tasksCreated: Int
    public var distinctBodies: Int
    /// Request bodies that created more than one task: each is a double payment.
    public var duplicatedBodies: Int
    /// Tasks created per SHA-256 of the raw request body.
    public var bodies: [String: Int]
    /// How often each fault struck (per-task faults are counted when the task is created).
    public var faults: [String: Int]
    /// Requests per endpoint.
    public var requests: [String: Int]
    /// The usage summary as `/v1/usage/summary` gives it now, per model.
    public var ledger: [LedgerRow]
    /// Ids of tasks another client of the account created (never posted by anyone to us).
    public var foreignTaskIDs: [String]
    /// What those tasks have been charged so far, per model: `ours == ledger - foreign`.
    public var foreignSpendMicros: [String: Int64]
    /// Requests to the second origin, and those that carried an `Authorization` header.
    public var outputOrigin: OutputOriginStats
    /// Every task, oldest first.
    public var tasks: [TaskRow]

    public struct LedgerRow: Sendable, Codable, Equatable {
        public var model: String
        public var units: Int
        public var costMicros: Int64
        public var requests: Int

        enum CodingKeys: String, CodingKey {
            case model, units, requests
            case costMicros = "cost_micros"
        }
    }

    public struct OutputOriginStats: Sendable, Codable, Equatable {
        /// `http://127.0.0.1:PORT`, or nil when no second origin listens.
        public var baseURL: String?
        public var requests: Int
        /// Requests that carried an `Authorization` header: a key sent to a non-API origin.
        public var authorizedRequests: Int
        /// Their paths, in order.
        public var authorizedPaths: [String]

        enum CodingKeys: String, CodingKey {
            case requests
            case baseURL = "base_url"
            case authorizedRequests = "authorized_requests"
            case authorizedPaths = "authorized_paths"
        }
    }

    public struct TaskRow: Sendable, Codable, Equatable {
        public var id: String
        /// SHA-256 of the body that created it; nil for a foreign task.
        public var bodyDigest: String?
        public var model: String
        public var numOutputs: Int
        /// The status `GET /v1/tasks/{id}` would report now (`queued` and `canceled` included).
        public var status: String
        /// Charged so far (at completion only).
        public var chargeMicros: Int64
        public var foreign: Bool
        /// The `PNGVariant` its outputs are served as (`rgb8`, `grey16`, `palette4-adam7`, …).
        public var pngVariant: String

        enum CodingKeys: String, CodingKey {
            case id, model, status, foreign
            case pngVariant = "png_variant"
            case bodyDigest = "body_digest"
            case numOutputs = "num_outputs"
            case chargeMicros = "charge_micros"
        }
    }

    enum CodingKeys: String, CodingKey {
        case bodies, faults, requests, ledger, tasks
        case tasksCreated = "tasks_created"
        case distinctBodies = "distinct_bodies"
        case duplicatedBodies = "duplicated_bodies"
        case foreignTaskIDs = "foreign_task_ids"
        case foreignSpendMicros = "foreign_spend_micros"
        case outputOrigin = "output_origin"
    }

    /// Charges per model of the tasks our clients created: the ledger less the foreign spend.
    public var ownSpendMicros: [String: Int64] {
        var spend: [String: Int64] = [:]
        for row in tasks where !row.foreign && row.chargeMicros > 0 { spend[row.model, default: 0] += row.chargeMicros }
        return spend
    }
}

extension SimulatorState {
    /// What `/_sim/stats` reports, as of `now`.
    func stats(at now: Date = Date(), outputBase: String?) -> SimulatorStats {
        let all = order.compactMap { tasks[$0] }
        let foreign = all.filter(\.isForeign)
        var foreignSpend: [String: Int64] = [:]
        for task in foreign where task.charged(at: now).micros > 0 {
            foreignSpend[task.request.model, default: 0] += task.charged(at: now).micros
        }
        return SimulatorStats(
            tasksCreated: all.count - foreign.count,
            distinctBodies: bodies.count,
            duplicatedBodies: bodies.values.filter { $0 > 1 }.count,
            bodies: bodies,
            faults: Dictionary(uniqueKeysWithValues: faultCounts.map { ($0.key.rawValue, $0.value) }),
            requests: requestCounts,
            ledger: usageSummary(at: now).map {
                .init(model: $0.model, units: $0.units, costMicros: $0.cost.micros, requests: $0.requests)
            },
            foreignTaskIDs: foreign.map(\.id),
            foreignSpendMicros: foreignSpend,
            outputOrigin: .init(
                baseURL: outputBase,
                requests: outputOriginRequests,
                authorizedRequests: authorizedOutputPaths.count,
                authorizedPaths: authorizedOutputPaths
            ),
            tasks: all.map { task in
                .init(
                    id: task.id,
                    bodyDigest: task.bodyDigest,
                    model: task.request.model,
                    numOutputs: task.request.numOutputs,
                    status: task.status(at: now).rawValue,
                    chargeMicros: task.charged(at: now).micros,
                    foreign: task.isForeign,
                    pngVariant: task.shape.png.description
                )
            }
        )
    }
}
