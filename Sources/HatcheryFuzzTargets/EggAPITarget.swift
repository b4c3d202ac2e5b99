import Foundation
import Hatchery

/// EggAPI's JSON answers: one body read as each shape the client expects (task, task list,
/// usage, usage summary, error), since a hostile or broken server may send any of them anywhere.
enum EggAPITarget {
    static func run(_ input: Data) throws(FuzzFinding) {
        if let task = try? EggAPIBodies.task(input) {
            try check(task)
        }
        if let page = try? EggAPIBodies.taskPage(input) {
            for task in page.tasks { try check(task) }
        }
        _ = try? EggAPIBodies.usagePage(input)
        _ = try? EggAPIBodies.usageSummary(input)
        _ = EggAPIBodies.errorBody(input)
        // Webhook bodies come from the same provider and are read after verification.
        _ = try? JSONDecoder().decode(WebhookEvent.self, from: input)
    }

    private static func check(_ task: ProviderTask) throws(FuzzFinding) {
        // A cost is either read or kept as text to report, never both.
        if task.cost != nil, task.unreadableCost != nil {
            throw FuzzFinding(.eggapi, "task \(task.id) has both a cost and an unreadable cost")
        }
    }
}
