import Foundation
import Hatchery

/// How `hatchery spend` shows a report: the same rows as JSON, CSV or a table.
enum SpendPrinter {
    static let columns = ["provider", "images", "tasks", "failed_tasks", "cost_micros", "cost"]

    static func json<T: Encodable>(_ value: T) throws -> String {
        try PrettyJSON.string(value)
    }

    static func csv(_ report: SpendReport) -> String {
        let header = report.by.map(\.rawValue) + columns
        var lines = [header.joined(separator: ",")]
        for row in report.rows {
            let keys = report.by.map { field(row.value(of: $0)) }
            let values = [
                row.provider, String(row.images), String(row.tasks), String(row.failedTasks), String(row.costMicros),
                row.cost,
            ]
            lines.append((keys + values.map(field)).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ report: SpendReport) -> String {
        let header = report.by.map(\.rawValue) + ["provider", "images", "tasks", "failed", "cost"]
        var body = report.rows.map { row in
            report.by.map { row.value(of: $0) } + [
                row.provider + (row.isEstimate ? " (estimate)" : ""), String(row.images),
                String(row.tasks), String(row.failedTasks), row.cost,
            ]
        }
        if body.isEmpty { body = [header.map { _ in "" }] }
        var lines = layout([header] + body, rightAligned: Set((header.count - 4)..<header.count))
        lines.append("")
        lines.append("Real spend: \(report.totalReal)")
        if report.totalEstimateMicros > 0 {
            lines.append("Local provider estimates (not charged, not in real spend): \(report.totalEstimate)")
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ reconciliation: Reconciliation) -> String {
        let header = ["model", "hatchery", "eggapi", "difference"]
        let body = reconciliation.rows.map {
            [
                $0.model, Money(micros: $0.hatcheryMicros).formatted, Money(micros: $0.providerMicros).formatted,
                Money(micros: $0.differenceMicros).formatted,
            ]
        }
        var lines = layout([header] + body, rightAligned: [1, 2, 3])
        lines.append("")
        lines.append(
            reconciliation.matches ? "Hatchery and EggAPI agree to the micro-dollar." : "Hatchery and EggAPI differ."
        )
        return lines.joined(separator: "\n")
    }

    private static func layout(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
    }

    /// RFC 4180 quoting for fields that need it.
    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
