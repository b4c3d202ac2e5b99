/// Exponential backoff with full jitter, honouring the server's Retry-After within a cap.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var base: Duration
    public var cap: Duration
    /// The longest Retry-After obeyed; a server asking for an hour gets this instead.
    public var retryAfterCap: Duration

    public init(
        maxAttempts: Int = 6,
        base: Duration = .milliseconds(500),
        cap: Duration = .seconds(20),
        retryAfterCap: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.cap = cap
        self.retryAfterCap = retryAfterCap
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1). `unit` is a uniform draw
    /// in 0..<1: full jitter picks anywhere between zero and the exponential ceiling.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, unit: Double) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), retryAfterCap) }
        let ceiling = min(cap, base * Double(1 << min(attempt - 1, 20)))
        return ceiling * unit
    }
}
