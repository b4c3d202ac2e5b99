/// Why a task ended `failed`, as a stable label stored in `tasks.failure_kind`: reports group
/// by it, and the planner asks it whether sending the same request again can help. Nothing in
/// Hatchery decides by the text of an error message.
public enum FailureKind: String, Codable, Sendable, CaseIterable {
    /// The provider refused the content (moderation, safety policy).
    case moderation
    /// The provider refused the request as invalid (400): the catalog entry must change.
    case rejected
    /// The provider failed the task for another reason.
    case provider
    /// The provider says the task timed out.
    case timeout
    /// A status outside the contract that Hatchery reads as an end (`canceled`, `expired`, …).
    case unexpectedStatus = "unexpected-status"
    /// The account's balance ran out before this was sent.
    case balance
    /// The key was refused or the request forbidden.
    case auth
    /// 429 after every retry.
    case rateLimited = "rate-limited"
    /// The request could not be sent or was refused for a reason not listed above.
    case submit
    /// The provider no longer knows the task (404 on its id).
    case lost
    /// An unknown outcome settled as never created: the request is sent again.
    case notCreated = "not-created"
    /// The provider completed the task with no outputs.
    case noOutput = "no-output"
    /// The task was paid but its outputs are gone from the provider (404): a new task is needed.
    case outputsExpired = "outputs-expired"
    /// The task was paid but its outputs were corrupt on every fetch, over several builds.
    case corruptOutput = "corrupt-output"
    /// The task was paid but an output arrived whole and was refused for what it declares (too
    /// many pixels, too much memory to decode, palette indices past its PLTE): fetched once,
    /// never again, as every copy is the same file.
    case refusedOutput = "refused-output"
    /// The provider's cost for the task could not be read: recorded, never guessed.
    case unreadableCost = "unreadable-cost"
    /// The stored request could not be read back.
    case corruptState = "corrupt-state"
    /// Before version 7 of the store: a download that failed (such tasks were left unpaid-for).
    case download

    /// True when sending the same request again would meet the same answer: such a prompt is
    /// not resent until its fingerprint changes or the person asks (`--retry-failed`, `--force`).
    public var willRepeat: Bool {
        switch self {
        case .moderation, .rejected, .corruptOutput, .refusedOutput: true
        case .provider, .timeout, .unexpectedStatus, .balance, .auth, .rateLimited, .submit, .lost, .notCreated,
            .noOutput, .outputsExpired, .unreadableCost, .corruptState, .download:
            false
        }
    }

    /// Reads a provider's failure text. The contract gives failures as free text, so this is the
    /// one place that looks at words; everything after it goes by the kind.
    public static func classifying(providerMessage message: String?) -> FailureKind {
        let text = (message ?? "").lowercased()
        if text.contains("moderat") || text.contains("safety") || text.contains("policy") || text.contains("blocked") {
            return .moderation
        }
        if text.contains("timeout") || text.contains("timed out") { return .timeout }
        return .provider
    }
}
