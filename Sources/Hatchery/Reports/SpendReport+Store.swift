import Foundation
import GRDB

extension Store {
    /// Spend of ended tasks (completed and failed) and of paid tasks whose outputs are still to
    /// be fetched, grouped by `dimensions` and provider.
    public func spend(
        by dimensions: [SpendDimension],
        filter: SpendFilter = SpendFilter()
    ) async throws(StoreError) -> SpendReport {
        try await reading { db in
            let keys = dimensions.map(Self.column(for:))
            // Ended tasks, and paid tasks whose outputs are still to be fetched.
            var conditions = ["(t.status IN (?, ?) OR t.cost_micros > 0)"]
            var arguments: [any DatabaseValueConvertible] = [TaskStatus.completed, TaskStatus.failed]
            if let since = filter.since {
                conditions.append("date(COALESCE(t.completed_at, t.created_at)) >= ?")
                arguments.append(since)
            }
            if let until = filter.until {
                conditions.append("date(COALESCE(t.completed_at, t.created_at)) <= ?")
                arguments.append(until)
            }
            if let provider = filter.provider {
                conditions.append("t.provider = ?")
                arguments.append(provider)
            }
            let groups = (keys + ["t.provider"]).joined(separator: ", ")
            // Days read as a calendar, oldest first; every other grouping leads with what cost most.
            let order =
                dimensions.first == .day
                ? "\(keys[0]), SUM(t.cost_micros) DESC, \(groups)" : "SUM(t.cost_micros) DESC, \(groups)"
            let sql = """
                SELECT \(groups), COUNT(*), SUM(t.status = ?), SUM(t.cost_micros),
                    COALESCE(SUM((SELECT COUNT(*) FROM images WHERE images.task_id = t.id)), 0)
                FROM tasks t
                WHERE \(conditions.joined(separator: " AND "))
                GROUP BY \(groups)
                ORDER BY \(order)
                """
            // Each task's images are counted through the (task_id, output_index) index: a join with
            // every task's count grouped first built that table again for each of a build's
            // three reports. The SELECT's placeholder comes first in the statement.
            let rows = try Row.fetchAll(db, sql: sql, arguments: [TaskStatus.failed] + StatementArguments(arguments))
                .map { row -> SpendReport.Row in
                    var result = SpendReport.Row(
                        provider: row[keys.count],
                        images: row[keys.count + 4],
                        tasks: row[keys.count + 1],
                        failedTasks: row[keys.count + 2],
                        costMicros: row[keys.count + 3],
                        cost: Money(micros: row[keys.count + 3]).formatted
                    )
                    for (index, dimension) in dimensions.enumerated() {
                        switch dimension {
                        case .model: result.model = row[index]
                        case .day: result.day = row[index]
                        case .run: result.run = row[index]
                        case .prompt: result.prompt = row[index]
                        }
                    }
                    return result
                }
            return SpendReport(by: dimensions, rows: rows)
        }
    }

    private static func column(for dimension: SpendDimension) -> String {
        switch dimension {
        case .model: "t.model"
        case .day: "date(COALESCE(t.completed_at, t.created_at))"
        case .run: "t.run_id"
        case .prompt: "t.prompt_id"
        }
    }
}

extension SpendReport.Row {
    init(provider: String, images: Int, tasks: Int, failedTasks: Int, costMicros: Int64, cost: String) {
        self.init(
            model: nil,
            day: nil,
            run: nil,
            prompt: nil,
            provider: provider,
            images: images,
            tasks: tasks,
            failedTasks: failedTasks,
            costMicros: costMicros,
            cost: cost
        )
    }
}
