import Foundation

/// One submission per model at a time, spaced so that the provider's task list can tell them
/// apart. EggAPI's task list does not echo the prompt, so an unknown outcome is matched to a
/// listed task by model and creation time; two requests of one model in flight together could
/// not be told apart, and neither could two sent so close together that the provider's
/// timestamps (their precision, and what is known of the provider's clock) run into each other.
/// So a model's next POST waits until the previous one has been answered (or given up on), and
/// then for as long as the provider's timestamps blur: the clock offset still unknown plus the
/// precision of the last `created_at` seen. With millisecond timestamps that is a few
/// milliseconds; with whole seconds about a second (capped at `maximumSpacing`). A killed run
/// leaves at most one open intent per model.
///
/// A POST takes milliseconds to a few hundred; tasks take seconds to minutes, so the lane
/// costs little throughput (see `scripts/bench-eggapi`). Waiters are served in arrival order.
public actor SubmissionLanes {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// When each model's next POST may go out.
    private var readyAt: [String: ContinuousClock.Instant] = [:]
    private var offset = ClockOffsetEstimate()
    /// The longest a model's next POST is held back after the previous answer.
    public let maximumSpacing: Duration

    public init(maximumSpacing: Duration = .milliseconds(1500)) {
        self.maximumSpacing = maximumSpacing
    }

    /// Runs `body` while holding `model`'s lane, once the model's spacing has passed.
    public func withLane<T: Sendable, E: Error>(
        _ model: String,
        _ body: @Sendable () async throws(E) -> T
    ) async throws(E) -> T {
        await acquire(model)
        if let ready = readyAt[model], ready > .now { try? await Task.sleep(until: ready, clock: .continuous) }
        defer { release(model) }
        return try await body()
    }

    /// Learns from a POST's answer: the task's `created_at` lies between sending and answering.
    public func observe(model: String, sent: Date, answered: Date, created: Date?, precision: TimeInterval) {
        if let created { offset.add(created: created, precision: precision, sent: sent, answered: answered) }
        hold(model, blur: offset.width.map { 2 * $0 + precision })
    }

    /// A POST that ended without a task id: the next one keeps its distance too, and the
    /// longest distance while nothing is known of the provider's clock.
    public func observeUnknown(model: String) {
        hold(model, blur: offset.width.map { 2 * $0 + offset.lastPrecision } ?? maximumSpacing.seconds)
    }

    /// Holds `model`'s next POST until `date`: after a POST that got no answer, until its task
    /// can no longer be created, so that the next request's window does not overlap its.
    public func hold(_ model: String, until date: Date) {
        let wait = max(0, min(date.timeIntervalSinceNow, 120))
        readyAt[model] = .now + .milliseconds(Int(wait * 1000))
    }

    /// Holds `model`'s next POST back by `blur` (and 2 ms of our own clock's rounding). Twice the
    /// offset's width, because the settler measures the offset from a possibly smaller set of
    /// tasks than the one seen here.
    private func hold(_ model: String, blur: TimeInterval?) {
        guard let blur else { return }
        let spacing = min(Duration.milliseconds(Int(((blur + 0.002) * 1000).rounded(.up))), maximumSpacing)
        readyAt[model] = .now + spacing
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

/// What the POST answers tell of the provider's clock minus ours, in seconds: each task was
/// created between sending and answering, somewhere in its timestamp's precision. A sample
/// that contradicts the others (the provider's clock was set) starts the estimate again.
struct ClockOffsetEstimate {
    private var low = -TimeInterval.infinity
    private var high = TimeInterval.infinity
    private(set) var lastPrecision: TimeInterval = 0

    mutating func add(created: Date, precision: TimeInterval, sent: Date, answered: Date) {
        let sampleLow = created.timeIntervalSince(answered) - CandidateMatcher.storedSlop
        let sampleHigh = created.addingTimeInterval(precision).timeIntervalSince(sent) + CandidateMatcher.storedSlop
        if max(low, sampleLow) > min(high, sampleHigh) {
            (low, high) = (sampleLow, sampleHigh)
        } else {
            (low, high) = (max(low, sampleLow), min(high, sampleHigh))
        }
        lastPrecision = precision
    }

    /// How wide the offset is still uncertain, once anything is known.
    var width: TimeInterval? {
        low.isFinite && high.isFinite ? high - low : nil
    }
}
