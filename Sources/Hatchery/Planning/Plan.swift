/// What a build would do with each prompt, and what it would cost.
public struct Plan: Sendable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Never generated: will be submitted.
        case new
        /// Generated before, but its generation inputs changed: will be submitted.
        case changed
        /// Its current inputs were generated already: images are reused.
        case unchanged
        /// A previous run left its task unfinished: the build settles that task first.
        case resume
        /// No longer in the catalog: leaves the site; history stays in the store.
        case removed
    }

    public struct Item: Sendable {
        public var promptID: String
        public var action: Action
        /// The prompt as the catalog has it now; nil for removed prompts.
        public var spec: PromptSpec?
        public var fingerprint: Fingerprint?
        /// What submitting it would cost; zero unless it will be submitted.
        public var estimate: Money
    }

    public var provider: ProviderKind
    public var items: [Item]

    public func count(_ action: Action) -> Int {
        items.reduce(0) { $0 + ($1.action == action ? 1 : 0) }
    }

    /// The prompts a build submits, in catalog order.
    public var toSubmit: [Item] {
        items.filter { $0.action == .new || $0.action == .changed }
    }

    public var estimatedCost: Money {
        toSubmit.map(\.estimate).sum()
    }

    /// True when a build would send nothing.
    public var isUpToDate: Bool {
        toSubmit.isEmpty && count(.resume) == 0
    }
}
