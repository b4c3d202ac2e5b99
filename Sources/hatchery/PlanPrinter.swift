import Foundation
import Hatchery

/// How `hatchery plan` shows a plan.
enum PlanPrinter {
    static func json(_ plan: Hatchery.Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(PlanSummary(plan)), as: UTF8.self)
    }

    static func table(_ plan: Hatchery.Plan) -> String {
        var lines: [String] = []
        for item in plan.items where item.action != .unchanged {
            let cost = item.estimate.micros > 0 ? "  \(item.estimate.formatted)" : ""
            lines.append("  \(item.action.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(item.promptID)\(cost)")
        }
        let counts = Hatchery.Plan.Action.allCases.map { "\($0.rawValue): \(plan.count($0))" }.joined(separator: ", ")
        lines.append("\(counts)")
        lines.append("Estimated cost: \(plan.estimatedCost.formatted) (\(plan.provider.rawValue) provider\(plan.provider == .local ? ", an estimate of what EggAPI would charge" : ""))")
        return lines.joined(separator: "\n")
    }
}
