/// The plan as `hatchery plan --json` prints it: integer counts and exact micro-dollars.
public struct PlanSummary: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var action: Plan.Action
        public var model: String?
        public var estimatedCostMicros: Int64
        public var changes: [Plan.FieldChange]
        /// How the last task at these inputs failed, when it did.
        public var lastFailure: LastFailure?

        enum CodingKeys: String, CodingKey {
            case id, action, model, changes
            case lastFailure = "last_failure"
            case estimatedCostMicros = "estimated_cost_micros"
        }
    }

    public var provider: ProviderKind
    public var new: Int
    public var changed: Int
    public var unchanged: Int
    public var forced: Int
    public var restorable: Int
    public var resume: Int
    public var deferred: Int
    public var removed: Int
    public var failed: Int
    public var retry: Int
    public var estimatedCostMicros: Int64
    public var estimatedCost: String
    public var prompts: [Entry]

    enum CodingKeys: String, CodingKey {
        case provider, new, changed, forced, unchanged, restorable, resume, deferred, removed, failed, retry, prompts
        case estimatedCostMicros = "estimated_cost_micros"
        case estimatedCost = "estimated_cost"
    }

    public init(_ plan: Plan) {
        provider = plan.provider
        new = plan.count(.new)
        changed = plan.count(.changed)
        unchanged = plan.count(.unchanged)
        forced = plan.count(.forced)
        restorable = plan.count(.restorable)
        resume = plan.count(.resume)
        deferred = plan.count(.deferred)
        removed = plan.count(.removed)
        failed = plan.count(.failed)
        retry = plan.count(.retry)
        estimatedCostMicros = plan.estimatedCost.micros
        estimatedCost = plan.estimatedCost.formatted
        prompts = plan.items.map {
            Entry(
                id: $0.promptID,
                action: $0.action,
                model: $0.spec?.model,
                estimatedCostMicros: $0.estimate.micros,
                changes: $0.changes,
                lastFailure: $0.lastFailure
            )
        }
    }
}
