import Foundation
import Hatchery

/// Faults the simulator injects. Rates are probabilities (0 = never, 1 = always), drawn from a
/// generator seeded with the configuration's `seed`, so a schedule repeats. Every fault is off
/// by default; those beyond the contract are named so.
public struct FaultPlan: Sendable, Equatable {
    /// 429 with a `Retry-After` header (seconds or an HTTP date), per request.
    public var rateLimited: Double = 0
    /// 429 without `Retry-After`, per request.
    public var rateLimitedBare: Double = 0
    /// 500/502/503 before anything is done, per request.
    public var serverError: Double = 0
    /// A 5xx returned after the task was created: the client cannot know it exists.
    public var serverErrorAfterCreate: Double = 0
    /// Answers held back for `slowDelay` (past the client's timeout); a POST still creates its task.
    public var slow: Double = 0
    public var slowDelay: Duration = .seconds(5)
    /// A 2xx whose body is not JSON (a POST still creates its task).
    public var malformedJSON: Double = 0
    /// Output downloads cut short (to half the file), per download.
    public var truncatedDownload: Double = 0
    /// Webhooks sent twice.
    public var duplicateWebhook: Double = 0
    /// Prompts containing this word fail moderation (at $0).
    public var moderationWord: String?
    /// Once this much has been spent or reserved, POSTs get 403 INSUFFICIENT_BALANCE.
    public var balance: Money?

    /// 500/502/503 on `GET /v1/tasks/{id}` only, per request, after the key was checked.
    public var taskServerError: Double = 0
    /// Every Nth `GET /v1/tasks/{id}` of the same task fails with a 500 (N, 2N, …); nil = never.
    public var taskServerErrorEvery: Int?
    /// Outside the contract: per task, it ends as `canceled` and stays so (no output, never charged).
    public var canceled: Double = 0
    /// Outside the contract: per task, it reports `queued` (the POST answer included) for the
    /// first eighth of its latency, then `pending`.
    public var queuedFirst: Double = 0
    /// Per task, it stays `processing` forever: never terminal, never charged, no webhook.
    public var neverFinish: Double = 0
    /// Per output, the first k fetches (k drawn from 1...3) serve half the file, later ones the whole.
    public var truncatedThenWhole: Double = 0
    /// Per created task, another client of the same account (same key, another machine) creates
    /// a task at the same instant with the same model and `num_outputs` (and, half the time, the
    /// same aspect ratio). It is listed, completes and is charged like any other.
    public var foreignTask: Double = 0
    /// Per 5xx after creating (`serverErrorAfterCreate`), the provider records the task as
    /// created `lateCreationDelay` after it read the request (the work went on behind the error,
    /// through a queue), and its whole timeline moves with it: its `created_at` lies after the
    /// answer, when the client gave up on the request.
    public var lateCreation: Double = 0
    public var lateCreationDelay: Duration = .seconds(30)

    /// Outside the contract: every output is served as this file instead of the task's picture
    /// (each serving is counted as a `hostile-output` fault); nil = never.
    public var hostileOutput: HostileOutput?

    /// When true, each fault drawn per request or per download at a rate above 0 strikes the
    /// first time it is drawn, then at its rate: a short run meets every such fault at least
    /// once whatever order the requests arrive in, which a shared seeded generator alone cannot
    /// promise.
    public var firstDrawStrikes = false

    public init() {}
}
