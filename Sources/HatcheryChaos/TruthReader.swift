import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Reads `ProviderTruth` from a running simulator. The `/v1` calls meet the schedule's faults
/// like any client's, so they are retried until they answer.
public struct TruthReader: Sendable {
    public var baseURL: URL
    public var apiKey: String

    public init(baseURL: URL, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    public func read() async throws -> ProviderTruth {
        let stats = try object(try await get("/_sim/stats", authorized: false))
        let usage = try await usageSummary()
        var truth = ProviderTruth(
            tasksCreated: stats["tasks_created"] as? Int ?? 0,
            bodies: stats["bodies"] as? [String: Int] ?? [:],
            tasks: [],
            bodyKnown: false,
            usageMicros: usage,
            foreignSpendMicros: [:],
            foreignTaskIDs: [],
            authorizedOutputRequests: nil,
            authorizedOutputPaths: []
        )
        if let rows = stats["tasks"] as? [[String: Any]] {
            truth.bodyKnown = true
            truth.tasks = rows.map { row in
                ProviderTruth.Task(
                    id: row["id"] as? String ?? "",
                    bodyDigest: row["body_digest"] as? String,
                    model: row["model"] as? String ?? "",
                    numOutputs: row["num_outputs"] as? Int ?? 0,
                    status: row["status"] as? String ?? "",
                    chargeMicros: Self.int64(row["charge_micros"]),
                    foreign: row["foreign"] as? Bool ?? false
                )
            }
        } else {
            truth.tasks = try await listedTasks()
        }
        if let spend = stats["foreign_spend_micros"] as? [String: Any] {
            truth.foreignSpendMicros = spend.mapValues { Self.int64($0) }
        }
        truth.foreignTaskIDs = Set(stats["foreign_task_ids"] as? [String] ?? [])
        if let origin = stats["output_origin"] as? [String: Any] {
            truth.authorizedOutputRequests = origin["authorized_requests"] as? Int ?? 0
            truth.authorizedOutputPaths = origin["authorized_paths"] as? [String] ?? []
        }
        return truth
    }

    /// `GET /v1/usage/summary`: cost per model in micro-dollars, parsed exactly.
    func usageSummary() async throws -> [String: Int64] {
        guard let rows = try envelope(try await get("/v1/usage/summary", authorized: true)) as? [[String: Any]] else {
            throw ChaosError("the usage summary is not an array")
        }
        var micros: [String: Int64] = [:]
        for row in rows {
            guard let model = row["model"] as? String, let cost = row["total_cost"] as? String,
                let value = DecimalMicros.parse(cost)
            else { throw ChaosError("unreadable usage summary row \(row)") }
            micros[model, default: 0] += value
        }
        return micros
    }

    /// Every task from `GET /v1/tasks`, for a simulator whose stats do not list them.
    func listedTasks() async throws -> [ProviderTruth.Task] {
        var tasks: [ProviderTruth.Task] = []
        var page = 1
        while true {
            guard
                let data = try envelope(try await get("/v1/tasks?page=\(page)&per_page=100", authorized: true))
                    as? [String: Any],
                let items = data["items"] as? [[String: Any]]
            else { throw ChaosError("the task list is not {items, pagination}") }
            for item in items {
                let output = item["output"] as? [String: Any]
                let urls = output?["urls"] as? [String] ?? (output?["url"] as? String).map { [$0] } ?? []
                tasks.append(
                    ProviderTruth.Task(
                        id: item["id"] as? String ?? "",
                        bodyDigest: nil,
                        model: item["model"] as? String ?? "",
                        numOutputs: urls.count,
                        status: item["status"] as? String ?? "",
                        chargeMicros: (item["cost"] as? String).flatMap(DecimalMicros.parse) ?? 0,
                        foreign: false
                    )
                )
            }
            let pages = (data["pagination"] as? [String: Any])?["total_pages"] as? Int ?? 1
            if page >= pages || items.isEmpty { return tasks }
            page += 1
        }
    }

    // MARK: HTTP

    /// A GET retried through the schedule's faults (429, 5xx, malformed bodies, slow answers).
    private func get(_ path: String, authorized: Bool) async throws -> Data {
        var lastProblem = ""
        for _ in 0..<60 {
            var request = HTTPClientRequest(url: baseURL.absoluteString + path)
            if authorized { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 64 << 20)
                let data = Data(buffer: body)
                if response.status.code == 200, (try? JSONSerialization.jsonObject(with: data)) != nil { return data }
                lastProblem = "HTTP \(response.status.code)"
            } catch {
                lastProblem = String(describing: error)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ChaosError("GET \(path) kept failing: \(lastProblem)")
    }

    private func object(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChaosError("not a JSON object")
        }
        return object
    }

    private func envelope(_ data: Data) throws -> Any? {
        try object(data)["data"]
    }

    static func int64(_ value: Any?) -> Int64 {
        (value as? NSNumber)?.int64Value ?? 0
    }
}
