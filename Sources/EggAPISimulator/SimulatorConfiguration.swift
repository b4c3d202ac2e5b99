import Foundation
import Hatchery

/// Faults the simulator injects. Rates are probabilities per request (0 = never, 1 = always),
/// drawn from a generator seeded with `seed`, so a schedule repeats.
public struct FaultPlan: Sendable, Equatable {
    /// 429 with a `Retry-After` header (seconds or an HTTP date).
    public var rateLimited: Double = 0
    /// 429 without `Retry-After`.
    public var rateLimitedBare: Double = 0
    /// 500/502/503 before anything is done.
    public var serverError: Double = 0
    /// A 5xx returned after the task was created: the client cannot know it exists.
    public var serverErrorAfterCreate: Double = 0
    /// Answers held back for `slowDelay` (past the client's timeout); a POST still creates its task.
    public var slow: Double = 0
    public var slowDelay: Duration = .seconds(5)
    /// A 2xx whose body is not JSON (a POST still creates its task).
    public var malformedJSON: Double = 0
    /// Output downloads cut short.
    public var truncatedDownload: Double = 0
    /// Webhooks sent twice.
    public var duplicateWebhook: Double = 0
    /// Prompts containing this word fail moderation (at $0).
    public var moderationWord: String?
    /// Once this much has been spent or reserved, POSTs get 403 INSUFFICIENT_BALANCE.
    public var balance: Money?

    public init() {}
}

/// How the simulator behaves.
public struct SimulatorConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    public var apiKey: String
    /// How long a task takes from creation to its end, before jitter.
    public var latency: Duration = .milliseconds(500)
    /// ± this fraction of `latency`, drawn per task.
    public var jitter: Double = 0.1
    public var prices: PriceTable = .eggAPI
    public var faults = FaultPlan()
    public var seed: UInt64 = 1
    public var webhookSecret: String?
    /// Shrinks served images to this long side (benchmarks need the HTTP, not the pixels).
    public var imageLongSide: Int?

    public init(apiKey: String) {
        self.apiKey = apiKey
    }
}
