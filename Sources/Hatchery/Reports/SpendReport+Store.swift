import Foundation
import GRDB

extension Store {
    /// Spend of ended tasks (completed and failed) and of paid tasks whose outputs are still to
    /// be fetched, grouped by `dimensions` and provider.
    ///
    /// `top`, when given, keeps at most that many rows of each value of the first dimension,
    /// the first in the report's order: the gallery's cost page lists ten prompts per model, and
    /// every prompt's row of a 100,000-prompt store was 13 MB held through the build.
    public func spend(
        by dimensions: [SpendDimension],
        filter: SpendFilter = SpendFilter(),
        top: Int? = nil
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
            func order(_ keys: [String], provider: String, cost: String) -> String {
                let groups = (keys + [provider]).joined(separator: ", ")
                return dimensions.first == .day ? "\(keys[0]), \(cost) DESC, \(groups)" : "\(cost) DESC, \(groups)"
            }
            // Grouped in a subquery whose columns have names, so that the outer query can keep
            // the first rows of each value of the first dimension by their place in it.
            let names = keys.indices.map { "key\($0)" }
            let place =
                top != nil && !keys.isEmpty
                ? ", ROW_NUMBER() OVER (PARTITION BY \(keys[0]) ORDER BY \(order(keys, provider: "t.provider", cost: "SUM(t.cost_micros)"))) AS place"
                : ""
            let sql = """
                SELECT \((names + ["provider", "tasks", "failed", "cost", "images"]).joined(separator: ", "))
                FROM (
                    SELECT \((zip(keys, names).map { "\($0) AS \($1)" } + ["t.provider AS provider"]).joined(separator: ", ")),
                        COUNT(*) AS tasks, SUM(t.status = ?) AS failed,
                        SUM(t.cost_micros) AS cost,
                        COALESCE(SUM((SELECT COUNT(*) FROM images WHERE images.task_id = t.id)), 0) AS images\(place)
                    FROM tasks t
                    WHERE \(conditions.joined(separator: " AND "))
                    GROUP BY \(groups)
                )
                \(place.isEmpty ? "" : "WHERE place <= \(max(top ?? 0, 0))")
                ORDER BY \(order(names, provider: "provider", cost: "cost"))
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
