import Foundation
import Hatchery

/// The simulator's shared mutable state: tasks, the ledger, the fault generator and the
/// counts tests read to prove nothing was submitted twice.
actor SimulatorState {
    enum Fault: String, Sendable, CaseIterable {
        case rateLimited = "429-retry-after", rateLimitedBare = "429-bare", serverError = "5xx"
        case serverErrorAfterCreate = "5xx-after-create", slow = "slow", malformedJSON = "malformed-json"
        case truncatedDownload = "truncated-download", duplicateWebhook = "duplicate-webhook"
        case insufficientBalance = "insufficient-balance", moderation = "moderation"
    }

    let configuration: SimulatorConfiguration
    private var random: SeededGenerator
    private var tasks: [String: SimulatedTask] = [:]
    private var order: [String] = []
    private var bodies: [String: Int] = [:]
    private var faultCounts: [Fault: Int] = [:]
    private var requestCounts: [String: Int] = [:]
    private var nextID = 1

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        random = SeededGenerator(seed: configuration.seed)
    }

    /// Draws whether a fault with probability `rate` happens now, and counts it.
    func roll(_ fault: Fault, rate: Double) -> Bool {
        guard rate > 0 else { return false }
        let hit = Double(random.unit()) < rate
        if hit { faultCounts[fault, default: 0] += 1 }
        return hit
    }

    func count(_ fault: Fault) {
        faultCounts[fault, default: 0] += 1
    }

    func countRequest(_ endpoint: String) {
        requestCounts[endpoint, default: 0] += 1
    }

    func unit() -> Double {
        Double(random.unit())
    }

    /// Creates a task for a validated request; the raw body is counted by its digest.
    func create(_ request: GenerationRequest, rawBody: Data, unitPrice: Money, now: Date) -> SimulatedTask {
        let jitter = 1 + configuration.jitter * (2 * Double(random.unit()) - 1)
        let seconds = Double(configuration.latency.components.seconds) + Double(configuration.latency.components.attoseconds) / 1e18
        let failure = configuration.faults.moderationWord.flatMap { word in
            request.prompt.lowercased().contains(word.lowercased()) ? "Content blocked by moderation: the prompt was flagged" : nil
        }
        if failure != nil { faultCounts[.moderation, default: 0] += 1 }
        let suffix = String(format: "%06d", nextID)
        nextID += 1
        let task = SimulatedTask(id: "gen_\(suffix)_\(UUID().uuidString.prefix(8).lowercased())", request: request,
                                 createdAt: now, latency: max(0.001, seconds * jitter), failure: failure, unitPrice: unitPrice)
        tasks[task.id] = task
        order.append(task.id)
        bodies[SHA256Digest.hex(of: rawBody), default: 0] += 1
        return task
    }

    func task(id: String) -> SimulatedTask? {
        tasks[id]
    }

    /// Newest first, as `GET /v1/tasks` lists them.
    func page(_ page: Int, perPage: Int) -> (items: [SimulatedTask], total: Int) {
        let newestFirst = order.reversed()
        let start = (page - 1) * perPage
        guard start < newestFirst.count, start >= 0 else { return ([], newestFirst.count) }
        let slice = Array(newestFirst)[start..<min(start + perPage, newestFirst.count)]
        return (slice.compactMap { tasks[$0] }, newestFirst.count)
    }

    /// Spent (ended tasks) plus reserved (running tasks at their full price), for the balance fault.
    func committedSpend() -> Money {
        tasks.values.map(\.charge).sum()
    }

    /// The ledger: what ended by `now`, per model.
    func usageSummary(at now: Date) -> [(model: String, units: Int, cost: Money, requests: Int)] {
        var rows: [String: (units: Int, cost: Money, requests: Int)] = [:]
        for task in tasks.values {
            var row = rows[task.request.model] ?? (0, .zero, 0)
            row.requests += 1
            if task.status(at: now) == .completed {
                row.units += task.request.numOutputs
                row.cost += task.charge
            }
            rows[task.request.model] = row
        }
        return rows.keys.sorted().map { ($0, rows[$0]!.units, rows[$0]!.cost, rows[$0]!.requests) }
    }

    /// Usage records: one per ended, charged task, newest first.
    func usageRecords(at now: Date) -> [SimulatedTask] {
        order.reversed().compactMap { tasks[$0] }.filter { $0.status(at: now) == .completed }
    }

    /// What `/_sim/stats` reports.
    func stats() -> SimulatorStats {
        SimulatorStats(
            tasksCreated: order.count, distinctBodies: bodies.count,
            duplicatedBodies: bodies.values.filter { $0 > 1 }.count, bodies: bodies,
            faults: Dictionary(uniqueKeysWithValues: faultCounts.map { ($0.key.rawValue, $0.value) }),
            requests: requestCounts)
    }
}

/// What the simulator did: served at `/_sim/stats`, outside `/v1`.
public struct SimulatorStats: Sendable, Codable, Equatable {
    public var tasksCreated: Int
    public var distinctBodies: Int
    /// Request bodies that created more than one task: each is a double payment.
    public var duplicatedBodies: Int
    /// Tasks created per SHA-256 of the raw request body.
    public var bodies: [String: Int]
    public var faults: [String: Int]
    public var requests: [String: Int]

    enum CodingKeys: String, CodingKey {
        case bodies, faults, requests
        case tasksCreated = "tasks_created"
        case distinctBodies = "distinct_bodies"
        case duplicatedBodies = "duplicated_bodies"
    }
}
