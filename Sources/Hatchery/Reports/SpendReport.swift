import Foundation

/// Spend grouped by one or more dimensions, always split by provider so that the local
/// provider's estimates are never summed into real spend. The one computation behind
/// `hatchery spend`, its CSV and JSON, and the gallery's cost pages.
public struct SpendReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var model: String?
        public var day: String?
        public var run: Int64?
        public var prompt: String?
        public var provider: String
        public var images: Int
        public var tasks: Int
        public var failedTasks: Int
        public var costMicros: Int64
        public var cost: String

        /// True for the local provider's rows: what EggAPI would have charged, not spend.
        public var isEstimate: Bool { ProviderKind(rawValue: provider)?.costsAreEstimates ?? false }

        enum CodingKeys: String, CodingKey {
            case model, day, run, prompt, provider, images, tasks, cost
            case failedTasks = "failed_tasks"
            case costMicros = "cost_micros"
        }

        public func value(of dimension: SpendDimension) -> String {
            switch dimension {
            case .model: model ?? ""
            case .day: day ?? ""
            case .run: run.map(String.init) ?? ""
            case .prompt: prompt ?? ""
            }
        }
    }

    public var by: [SpendDimension]
    public var rows: [Row]
    public var totalRealMicros: Int64
    public var totalReal: String
    public var totalEstimateMicros: Int64
    public var totalEstimate: String

    enum CodingKeys: String, CodingKey {
        case by, rows
        case totalRealMicros = "total_real_micros"
        case totalReal = "total_real"
        case totalEstimateMicros = "total_estimate_micros"
        case totalEstimate = "total_estimate"
    }

    public init(by: [SpendDimension], rows: [Row]) {
        self.by = by
        self.rows = rows
        let real = rows.filter { !$0.isEstimate }.map { Money(micros: $0.costMicros) }.sum()
        let estimate = rows.filter(\.isEstimate).map { Money(micros: $0.costMicros) }.sum()
        totalRealMicros = real.micros
        totalReal = real.formatted
        totalEstimateMicros = estimate.micros
        totalEstimate = estimate.formatted
    }

    /// Rows of one provider kind, for views that show real spend and estimates apart.
    public func rows(estimates: Bool) -> [Row] {
        rows.filter { $0.isEstimate == estimates }
    }
}
