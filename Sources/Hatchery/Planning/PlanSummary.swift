/// The plan as `hatchery plan --json` prints it: integer counts and exact micro-dollars.
public struct PlanSummary: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var action: Plan.Action
        public var model: String?
        public var estimatedCostMicros: Int64
        public var changes: [Plan.FieldChange]

        enum CodingKeys: String, CodingKey {
            case id, action, model, changes
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
    public var estimatedCostMicros: Int64
    public var estimatedCost: String
    public var prompts: [Entry]

    enum CodingKeys: String, CodingKey {
        case provider, new, changed, forced, unchanged, restorable, resume, deferred, removed, prompts
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
        estimatedCostMicros = plan.estimatedCost.micros
        estimatedCost = plan.estimatedCost.formatted
        prompts = plan.items.map {
            Entry(id: $0.promptID, action: $0.action, model: $0.spec?.model, estimatedCostMicros: $0.estimate.micros,
                  changes: $0.changes)
        }
    }
}
