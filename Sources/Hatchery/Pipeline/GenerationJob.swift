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

/// How one task ended.
public enum TaskOutcome: Sendable, Equatable {
    case completed(images: Int, cost: Money)
    case failed(reason: String, cost: Money)

    public var cost: Money {
        switch self {
        case .completed(_, let cost), .failed(_, let cost): cost
        }
    }
}
