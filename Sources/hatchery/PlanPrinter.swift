import Foundation
import Hatchery

/// How `hatchery plan` shows a plan.
enum PlanPrinter {
    static func json(_ plan: Hatchery.Plan) throws -> String {
        try PrettyJSON.string(PlanSummary(plan))
    }

    /// Every prompt with its action; for a changed one, what changed (old → new).
    static func table(_ plan: Hatchery.Plan) -> String {
        var lines: [String] = []
        let width = min(40, plan.items.map(\.promptID.count).max() ?? 10)
        for item in plan.items {
            let action = item.action.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            let id = item.promptID.padding(toLength: width, withPad: " ", startingAt: 0)
            let model = item.spec?.model ?? ""
            let cost = item.estimate.micros > 0 ? "  \(item.estimate.formatted)" : ""
            lines.append("\(action) \(id)  \(model)\(cost)")
            if let failure = item.lastFailure {
                let verb = item.action == .failed ? "not sent (--retry-failed sends it)" : "sent again"
                lines.append("             failed (\(failure.kind.rawValue)): \(failure.reason); \(verb)")
            }
            for change in item.changes {
                lines.append(
                    "             \(change.field): \(shorten(change.old, comparedWith: change.new)) → \(shorten(change.new, comparedWith: change.old))"
                )
            }
        }
        lines.append("")
        let counts = Hatchery.Plan.Action.allCases.filter {
            plan.count($0) > 0 || [.new, .changed, .unchanged, .removed].contains($0)
        }
        lines.append(counts.map { "\($0.rawValue): \(plan.count($0))" }.joined(separator: ", "))
        for row in plan.estimateByModel {
            lines.append("  \(row.model): \(row.tasks) task(s), \(row.cost.formatted)")
        }
        let note = plan.provider.costsAreEstimates ? " (local provider: what EggAPI would charge)" : ""
        lines.append("Estimated cost: \(plan.estimatedCost.formatted)\(note)")
        return lines.joined(separator: "\n")
    }

    /// Long texts shortened around where they differ, so the edit stays visible.
    static func shorten(_ text: String, comparedWith other: String, limit: Int = 48) -> String {
        guard !text.isEmpty else { return "(none)" }
        guard text.count > limit else { return "\"\(text)\"" }
        let common = zip(text, other).prefix { $0 == $1 }.count
        let start = max(0, min(common - 12, text.count - limit))
        let window = text.dropFirst(start).prefix(limit)
        return "\"" + (start > 0 ? "…" : "") + window + (start + limit < text.count ? "…" : "") + "\""
    }
}
