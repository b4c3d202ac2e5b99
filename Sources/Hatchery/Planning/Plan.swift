/// What a build would do with each prompt, and what it would cost.
public struct Plan: Sendable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Never generated: will be submitted.
        case new
        /// Generated before, but its generation inputs changed: will be submitted.
        case changed
        /// Unchanged, but `--force` asks for it again: will be submitted.
        case forced
        /// Its inputs match the images shown: nothing to do.
        case unchanged
        /// Its inputs match an earlier generation: restored from the store at no cost.
        case restorable
        /// A previous run left its task unfinished: the build settles that task first.
        case resume
        /// Would be submitted, but `--only` leaves it for another build.
        case deferred
        /// Its last task at these inputs failed in a way that would repeat (moderation, an
        /// invalid request): not resent until the prompt changes, `--retry-failed` or `--force`.
        case failed
        /// Failed that way before, and `--retry-failed` or `--force` sends it again.
        case retry
        /// No longer in the catalog: leaves the site; history stays in the store.
        case removed

        public var submits: Bool { self == .new || self == .changed || self == .forced || self == .retry }

        /// Whether the prompt's inputs differ from those of the images shown, so that the plan
        /// says what changed.
        public var comparesWithShown: Bool { self == .changed || self == .restorable }
    }

    /// One generation input that differs from the generation the gallery shows.
    public struct FieldChange: Sendable, Equatable, Codable {
        public var field: String
        public var old: String
        public var new: String
    }

    public struct Item: Sendable {
        public var promptID: String
        public var action: Action
        /// The prompt as the catalog has it now; nil for removed prompts.
        public var spec: PromptSpec?
        public var fingerprint: Fingerprint?
        /// What submitting it costs; for deferred prompts, what it would cost.
        public var estimate: Money
        /// For a changed prompt, what changed.
        public var changes: [FieldChange] = []
        /// How the last task at these inputs failed, when it did: why a `failed` prompt is not
        /// sent, or why a prompt whose paid outputs expired is paid for again.
        public var lastFailure: LastFailure?
    }

    public var provider: ProviderKind
    public var items: [Item]

    public func count(_ action: Action) -> Int {
        // By index: a closure over the items copied each whole (its prompt's spec and all).
        var count = 0
        for index in items.indices where items[index].action == action { count += 1 }
        return count
    }

    /// The prompts whose generation inputs differ from what the gallery shows (changed or
    /// restorable): the ones `Planner.describeChanges(in:shown:)` compares.
    public var promptIDsToCompare: [String] {
        var ids: [String] = []
        for index in items.indices where items[index].action.comparesWithShown { ids.append(items[index].promptID) }
        return ids
    }

    /// The prompts a build submits, in catalog order.
    public var toSubmit: [Item] {
        items.filter(\.action.submits)
    }

    public var estimatedCost: Money {
        toSubmit.map(\.estimate).sum()
    }

    /// Estimated cost per model of what a build submits, by model name.
    public var estimateByModel: [(model: String, cost: Money, tasks: Int)] {
        var byModel: [String: (Money, Int)] = [:]
        for item in toSubmit {
            let model = item.spec?.model ?? "?"
            let entry = byModel[model] ?? (.zero, 0)
            byModel[model] = (entry.0 + item.estimate, entry.1 + 1)
        }
        return byModel.keys.sorted().map { ($0, byModel[$0]!.0, byModel[$0]!.1) }
    }

    /// True when a build would send nothing.
    public var isUpToDate: Bool {
        toSubmit.isEmpty && count(.resume) == 0
    }
}

/// Which prompts a build may submit.
public struct Selection: Sendable, Equatable {
    /// When set, only these prompts are submitted.
    public var only: Set<String>?
    /// These are submitted even when unchanged.
    public var force: Set<String>
    /// Prompts whose last failure would repeat are sent again (`--retry-failed`).
    public var retryFailed: Bool

    public init(only: Set<String>? = nil, force: Set<String> = [], retryFailed: Bool = false) {
        self.only = only
        self.force = force
        self.retryFailed = retryFailed
    }

    public static let all = Selection()
}
