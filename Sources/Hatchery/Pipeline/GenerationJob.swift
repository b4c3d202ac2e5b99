/// One prompt to generate, with everything decided up front.
public struct GenerationJob: Sendable {
    public var spec: PromptSpec
    public var fingerprint: Fingerprint
    public var request: GenerationRequest
    public var estimate: Money

    public init(spec: PromptSpec, fingerprint: Fingerprint, estimate: Money) {
        self.spec = spec
        self.fingerprint = fingerprint
        self.request = GenerationRequest(spec)
        self.estimate = estimate
    }
}

/// How one task ended, as far as this build is concerned.
public enum TaskOutcome: Sendable, Equatable {
    case completed(images: Int, cost: Money)
    case failed(reason: String, cost: Money, kind: FailureKind)
    /// The submission may or may not have created a task; recorded as `unknown`.
    case unknown(reason: String)
    /// Still running at the provider when this build stopped following it; the next build resumes it.
    case interrupted(reason: String)
    /// Completed and paid, but its outputs could not be stored yet; the next build fetches them.
    case outputsPending(reason: String, cost: Money)
    /// Not submitted because submitting had stopped (e.g. insufficient balance) or, with
    /// `overBudget`, because its estimate did not fit the budget; nothing recorded.
    case skipped(reason: String, overBudget: Bool = false)

    /// What the provider charged, as far as it is known now.
    public var cost: Money {
        switch self {
        case .completed(_, let cost), .failed(_, let cost, _), .outputsPending(_, let cost): cost
        case .unknown, .interrupted, .skipped: .zero
        }
    }

    /// The same outcome with `earlier` (a charge an earlier build already counted) taken off its cost.
    func charging(minus earlier: Money) -> TaskOutcome {
        guard earlier > .zero else { return self }
        let left = max(.zero, cost - earlier)
        switch self {
        case .completed(let images, _): return .completed(images: images, cost: left)
        case .failed(let reason, _, let kind): return .failed(reason: reason, cost: left, kind: kind)
        case .outputsPending(let reason, _): return .outputsPending(reason: reason, cost: left)
        case .unknown, .interrupted, .skipped: return self
        }
    }

    var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}
