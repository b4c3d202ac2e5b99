import Foundation

/// What a build did.
public struct BuildReport: Sendable {
    public var plan: Plan
    /// Tasks sent this build, and tasks of earlier builds (or adopted) followed.
    public var submitted = 0
    public var resumed = 0
    public var completed = 0
    public var failed = 0
    /// Tasks whose outcome is still unknown when the build ends (see `hatchery status`).
    public var unknown = 0
    /// Unknown outcomes the provider's task list could not settle on its own.
    public var ambiguous = 0
    /// Tasks still running at the provider; the next build resumes them.
    public var interrupted = 0
    /// Tasks paid for whose outputs could not be stored yet; the next build fetches them.
    public var outputsPending = 0
    /// Jobs not submitted because submitting stopped or the budget would not stretch.
    public var skipped = 0
    public var skippedPrompts: [(prompt: String, reason: String)] = []
    /// Of `skippedPrompts`, those whose estimate did not fit the budget.
    public private(set) var overBudgetPrompts: Set<String> = []
    public var stoppedBecause: String?
    /// When a budget applied: its cap, what this build spent, and what it could not afford.
    public var budget: BudgetSummary?
    /// Webhooks verified and used, duplicates ignored, and refused (bad or stale signature).
    public var webhooks: (accepted: Int, duplicates: Int, rejected: Int)?
    public var images = 0
    /// What the provider charged for tasks that ended this build.
    public var cost = Money.zero
    /// Estimates of tasks whose outcome is unknown: they may have been charged.
    public var possiblyCharged = Money.zero
    /// Originals given web images by this build, reused, and derived files deleted.
    public var derivation = DerivationStage.Summary()
    /// Set when nothing had changed since the build this stamp records, so nothing was done.
    public var unchangedSince: BuildStamp?
    public var render = RenderReport(filesWritten: 0, filesUnchanged: 0, filesRemoved: 0)
    /// Prompts the rendered site shows without images of their current inputs: never
    /// generated, held back, or failed (those with earlier images keep showing them).
    public var promptsWithoutImages = 0
    public var output: URL
    /// Each prompt's latest outcome this build, in the order they came.
    private var latest: [String: TaskOutcome] = [:]
    private var order: [String] = []

    public init(plan: Plan, output: URL) {
        self.plan = plan
        self.output = output
    }

    /// A build that stopped early: nothing had changed since the build `stamp` records.
    public init(unchangedSince stamp: BuildStamp, output: URL) {
        self.init(plan: Plan(provider: .local, items: []), output: output)
        unchangedSince = stamp
    }

    /// The one rule for "the build is complete": nothing it dealt with is left for a later build
    /// or a person. No task failed, is unknown (settled or not) or still running, none has paid
    /// outputs still to fetch, and nothing was left unsubmitted. `hatchery build` exits 2 otherwise.
    public var isComplete: Bool {
        failed == 0 && unknown == 0 && ambiguous == 0 && interrupted == 0 && outputsPending == 0
            && skipped == 0 && stoppedBecause == nil
    }

    /// A complete build whose site shows everything: every prompt with images, every original
    /// with its web sizes. Only such a build is stamped, so that the next one, when nothing has
    /// changed, can stop before reading the catalog.
    public var isCompleteAndShown: Bool {
        isComplete && promptsWithoutImages == 0 && derivation.failures.isEmpty
    }

    /// Prompts whose latest task this build failed, with why: a prompt whose unknown outcome
    /// was adopted and then completed is not among them.
    public var failures: [(prompt: String, reason: String)] {
        order.compactMap { prompt in
            guard case .failed(let reason, _, let kind)? = latest[prompt] else { return nil }
            return (
                prompt,
                kind.willRepeat
                    ? "\(reason) [\(kind.rawValue): not resent until the prompt changes or --retry-failed]" : reason
            )
        }
    }

    /// Prompts whose latest task is not finished (unknown, still running, outputs to fetch),
    /// with why: the next build takes them up.
    public var unfinished: [(prompt: String, reason: String)] {
        order.compactMap { prompt in
            switch latest[prompt] {
            case .unknown(let reason)?, .interrupted(let reason)?, .outputsPending(let reason, _)?: (prompt, reason)
            default: nil
            }
        }
    }

    mutating func record(_ outcome: TaskOutcome, prompt: String) {
        cost += outcome.cost
        switch outcome {
        case .completed(let count, _):
            completed += 1
            images += count
        case .failed:
            failed += 1
        case .unknown:
            break
        case .interrupted:
            interrupted += 1
        case .outputsPending:
            outputsPending += 1
        case .skipped(let reason, let overBudget):
            skipped += 1
            skippedPrompts.append((prompt, reason))
            if overBudget { overBudgetPrompts.insert(prompt) }
            return
        }
        if latest.updateValue(outcome, forKey: prompt) == nil { order.append(prompt) }
    }

    /// Why this build did not send each prompt it held back, in words fit for a public page
    /// (no amounts, no account details): left out by `--only`, over the budget, or submitting
    /// had stopped.
    public var heldBack: [String: String] {
        var held: [String: String] = [:]
        for item in plan.items where item.action == .deferred { held[item.promptID] = "it is left for a later build" }
        for (prompt, _) in skippedPrompts {
            held[prompt] =
                overBudgetPrompts.contains(prompt)
                ? "it is held back by the budget" : "submitting stopped before it was sent"
        }
        return held
    }

    mutating func settle(_ outcome: UnknownTaskSettler.Outcome) {
        ambiguous = outcome.ambiguous.count
    }
}
