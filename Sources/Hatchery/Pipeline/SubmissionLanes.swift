/// One submission per model at a time. EggAPI's task list does not echo the prompt, so an
/// unknown outcome is matched to a listed task by model and creation time; two requests of one
/// model in flight together could not be told apart. Holding a model's next POST until the
/// previous one has been answered (or given up on) keeps every request's window disjoint from
/// the others of its model, and a killed run leaves at most one open intent per model.
///
/// A POST takes milliseconds to a few hundred; tasks take seconds to minutes, so the lane
/// costs little throughput (see `scripts/bench-eggapi`). Waiters are served in arrival order.
public actor SubmissionLanes {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` while holding `model`'s lane.
    public func withLane<T: Sendable, E: Error>(_ model: String, _ body: @Sendable () async throws(E) -> T) async throws(E) -> T {
        await acquire(model)
        defer { release(model) }
        return try await body()
    }

    private func acquire(_ model: String) async {
        guard busy.contains(model) else {
            busy.insert(model)
            return
        }
        // `release` hands the lane straight to the first waiter: `busy` stays set.
        await withCheckedContinuation { waiting[model, default: []].append($0) }
    }

    private func release(_ model: String) {
        if var queue = waiting[model], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[model] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busy.remove(model)
        }
    }
}
