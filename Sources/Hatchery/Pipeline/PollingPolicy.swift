/// How often to ask a provider about a task: the interval grows from `initial` to `maximum`.
public struct PollingPolicy: Sendable, Equatable {
    public var initial: Duration
    public var multiplier: Double
    public var maximum: Duration

    public init(initial: Duration, multiplier: Double = 1.5, maximum: Duration) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
    }

    /// The offline provider finishes at once: ask straight away.
    public static let immediate = PollingPolicy(initial: .zero, multiplier: 1, maximum: .zero)

    /// For a remote service: a few seconds, growing to fifteen.
    public static let remote = PollingPolicy(initial: .seconds(2), maximum: .seconds(15))

    public func interval(after previous: Duration?) -> Duration {
        guard let previous else { return initial }
        let next = previous * multiplier
        return next > maximum ? maximum : next
    }
}
