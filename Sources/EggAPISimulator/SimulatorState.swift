import Foundation
import Hatchery

/// The simulator's shared mutable state: tasks, the ledger, the fault generator and the
/// counts tests read to prove nothing was submitted twice.
actor SimulatorState {
    enum Fault: String, Sendable, CaseIterable {
        case rateLimited = "429-retry-after"
        case rateLimitedBare = "429-bare"
        case serverError = "5xx"
        case serverErrorAfterCreate = "5xx-after-create"
        case slow = "slow"
        case malformedJSON = "malformed-json"
        case truncatedDownload = "truncated-download"
        case duplicateWebhook = "duplicate-webhook"
        case insufficientBalance = "insufficient-balance"
        case moderation = "moderation"
        case taskServerError = "task-5xx"
        case taskServerErrorScheduled = "task-5xx-scheduled"
        case canceled = "canceled"
        case queuedFirst = "queued-first"
        case neverFinish = "never-finish"
        case truncatedThenWhole = "truncated-then-whole"
        case foreignTask = "foreign-task"
        case hostileOutput = "hostile-output"
        case lateCreation = "late-creation"
    }

    let configuration: SimulatorConfiguration
    /// Replaces `configuration.latency` once a test has changed it (`Simulator.setLatency`).
    private var latencyOverride: Duration?
    private var random: SeededGenerator
    var tasks: [String: SimulatedTask] = [:]
    var order: [String] = []
    var bodies: [String: Int] = [:]
    var faultCounts: [Fault: Int] = [:]
    var requestCounts: [String: Int] = [:]
    /// `GET /v1/tasks/{id}` per task, for scheduled faults.
    private var taskGets: [String: Int] = [:]
    /// Fetches per output (task id, index), for truncated-then-whole.
    private var outputFetches: [String: Int] = [:]
    /// Second-origin file name → (task id, output index).
    private var outputNames: [String: (id: String, index: Int)] = [:]
    var outputOriginRequests = 0
    var authorizedOutputPaths: [String] = []
    private var nextID = 1

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        random = SeededGenerator(seed: configuration.seed)
    }

    /// Draws whether a fault with probability `rate` happens now (always, the first time, under
    /// `FaultPlan.firstDrawStrikes`), and counts it.
    func roll(_ fault: Fault, rate: Double) -> Bool {
        guard rate > 0 else { return false }
        let drawn = Double(random.unit()) < rate
        let hit = drawn || (configuration.faults.firstDrawStrikes && faultCounts[fault] == nil)
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

    /// Creates a task for a validated request; the raw body is counted by its digest. With
    /// `FaultPlan.foreignTask`, another client's task may be created at the same instant.
    func create(_ request: GenerationRequest, rawBody: Data, unitPrice: Money, now: Date) -> SimulatedTask {
        let failure = configuration.faults.moderationWord.flatMap { word in
            request.prompt.lowercased().contains(word.lowercased())
                ? "Content blocked by moderation: the prompt was flagged" : nil
        }
        if failure != nil { faultCounts[.moderation, default: 0] += 1 }
        let digest = SHA256Digest.hex(of: rawBody)
        bodies[digest, default: 0] += 1
        let task = insert(request, bodyDigest: digest, failure: failure, unitPrice: unitPrice, now: now)
        if roll(.foreignTask, rate: configuration.faults.foreignTask) {
            insertForeign(like: request, unitPrice: unitPrice, now: now)
        }
        return task
    }

    /// A task whose POST is answered with a 5xx may, per `lateCreation`, be recorded as created
    /// later (its whole timeline moved): the work went on behind the error. Returns it as kept.
    func maybeCreatedLate(_ id: String) -> SimulatedTask? {
        guard var task = tasks[id] else { return nil }
        if roll(.lateCreation, rate: configuration.faults.lateCreation) {
            task.createdAt = task.createdAt.addingTimeInterval(configuration.faults.lateCreationDelay.seconds)
            tasks[id] = task
        }
        return task
    }

    /// Another machine with the same key: the same model and `num_outputs`, its own prompt,
    /// the same aspect ratio half the time, created at the same instant. Its fate is a clean one.
    private func insertForeign(like request: GenerationRequest, unitPrice: Money, now: Date) {
        var other = request
        other.prompt = "Another client's prompt \(nextID)"
        other.negativePrompt = nil
        other.webhookURL = nil
        if random.unit() < 0.5 { other.aspectRatio = request.aspectRatio == .landscape ? .portrait : .landscape }
        insert(other, bodyDigest: nil, failure: nil, unitPrice: unitPrice, now: now, fates: false)
    }

    /// Draws the task's latency, shape and fate, and files it. Shape and fate come from
    /// generators seeded by the seed and the task's number alone, so a task's draw does not
    /// depend on how many fault rolls other requests made before it.
    @discardableResult
    private func insert(
        _ request: GenerationRequest,
        bodyDigest: String?,
        failure: String?,
        unitPrice: Money,
        now: Date,
        fates: Bool = true
    ) -> SimulatedTask {
        let number = UInt64(nextID)
        nextID += 1
        let jitter = 1 + configuration.jitter * (2 * Double(random.unit()) - 1)
        let latency = latencyOverride ?? configuration.latency
        let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
        var task = SimulatedTask(
            id: "gen_\(String(format: "%06d", number))_\(UUID().uuidString.prefix(8).lowercased())",
            request: request,
            createdAt: now,
            latency: max(0.001, seconds * jitter),
            failure: failure,
            unitPrice: unitPrice,
            bodyDigest: bodyDigest
        )
        var shapes = SeededGenerator(seed: configuration.seed ^ (number &* 0xD1B5_4A32_D192_ED03))
        task.shape = TaskShape(plan: configuration.shapes, numOutputs: request.numOutputs, random: &shapes)
        if fates {
            var fateRandom = SeededGenerator(seed: configuration.seed ^ (number &* 0x8CB9_2BA7_2F3D_8DD7) ^ 0x5EED)
            task.fate = TaskFate(plan: configuration.faults, numOutputs: request.numOutputs, random: &fateRandom)
            countFate(task.fate)
        }
        if task.shape.origin == .cdn {
            task.outputNames = (0..<request.numOutputs).map { index in
                // Opaque: nothing in the path says which task or output it is.
                let name = String(
                    SHA256Digest.hex(of: Data("\(configuration.seed)/\(task.id)/\(index)".utf8)).prefix(32)
                )
                outputNames[name] = (task.id, index)
                return name
            }
        }
        tasks[task.id] = task
        order.append(task.id)
        return task
    }

    private func countFate(_ fate: TaskFate) {
        if fate.queuedFirst { faultCounts[.queuedFirst, default: 0] += 1 }
        if fate.ending == .canceled { faultCounts[.canceled, default: 0] += 1 }
        if fate.ending == .never { faultCounts[.neverFinish, default: 0] += 1 }
        let truncated = fate.truncatedFetches.filter { $0 > 0 }.count
        if truncated > 0 { faultCounts[.truncatedThenWhole, default: 0] += truncated }
    }

    /// From now on tasks take `latency`; a task in flight ends within it (never earlier than
    /// now, so that no status goes back). For tests that hold tasks open until an event.
    func setLatency(_ latency: Duration, now: Date) {
        latencyOverride = latency
        let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
        for (id, task) in tasks where task.endsAt > now {
            tasks[id]?.latency = max(
                now.timeIntervalSince(task.createdAt),
                min(task.latency, now.timeIntervalSince(task.createdAt) + seconds)
            )
        }
    }

    func task(id: String) -> SimulatedTask? {
        tasks[id]
    }

    /// Counts a `GET /v1/tasks/{id}` and says whether it fails: every Nth of a task (scheduled),
    /// else at the random rate.
    func taskGetFails(id: String) -> Bool {
        taskGets[id, default: 0] += 1
        if let every = configuration.faults.taskServerErrorEvery, every > 0, taskGets[id]! % every == 0 {
            faultCounts[.taskServerErrorScheduled, default: 0] += 1
            return true
        }
        return roll(.taskServerError, rate: configuration.faults.taskServerError)
    }

    /// The task and output index a second-origin file name stands for.
    func output(named name: String) -> (task: SimulatedTask, index: Int)? {
        guard let entry = outputNames[name], let task = tasks[entry.id] else { return nil }
        return (task, entry.index)
    }

    /// Counts a fetch of an output and says whether it is served truncated: the first k
    /// fetches of an output drawn for truncated-then-whole are.
    func fetchIsTruncated(id: String, index: Int) -> Bool {
        let key = "\(id)/\(index)"
        outputFetches[key, default: 0] += 1
        guard let task = tasks[id], index < task.fate.truncatedFetches.count else { return false }
        return outputFetches[key]! <= task.fate.truncatedFetches[index]
    }

    /// Counts a request to the second origin, and remembers its path if it carried a key.
    func recordOutputOriginRequest(path: String, authorized: Bool) {
        outputOriginRequests += 1
        if authorized { authorizedOutputPaths.append(path) }
    }

    /// Newest first, as `GET /v1/tasks` lists them.
    func page(_ page: Int, perPage: Int) -> (items: [SimulatedTask], total: Int) {
        // Newest first by creation time (a task created late sits among those made then), ties
        // broken by arrival.
        let newestFirst = order.enumerated().compactMap { index, id in tasks[id].map { (index, $0) } }
            .sorted { $0.1.createdAt != $1.1.createdAt ? $0.1.createdAt > $1.1.createdAt : $0.0 > $1.0 }.map(\.1)
        let start = (page - 1) * perPage
        guard start < newestFirst.count, start >= 0 else { return ([], newestFirst.count) }
        return (Array(newestFirst[start..<min(start + perPage, newestFirst.count)]), newestFirst.count)
    }

    /// Spent (ended tasks) plus reserved (running tasks at their full price), for the balance fault.
    func committedSpend() -> Money {
        tasks.values.map(\.charge).sum()
    }

    /// The ledger: what completed by `now`, per model; every task counts as a request.
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

    /// Usage records: one per completed, charged task, newest first.
    func usageRecords(at now: Date) -> [SimulatedTask] {
        order.reversed().compactMap { tasks[$0] }.filter { $0.status(at: now) == .completed }
    }
}
