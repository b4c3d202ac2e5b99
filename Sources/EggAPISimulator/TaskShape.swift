import Foundation
import Hatchery

/// The wire shape one task was given when it was created, drawn from the `ShapePlan`.
struct TaskShape: Sendable {
    /// The fields that may be written blank.
    enum Field: String, Sendable, CaseIterable {
        case type, output, error, cost
        case startedAt = "started_at"
        case completedAt = "completed_at"
    }

    var timestamps: TimestampStyle = .fractionalUTC
    /// How each field is written when it has no value (or is withheld).
    var blanks: [Field: BlankStyle] = [:]
    /// `type`, `started_at`, `completed_at`: written blank although known.
    var withheld: Set<Field> = []
    var output: OutputStyle = .urlAndURLs
    var cost: CostStyle = .dollars(4)
    var origin: OutputOrigin = .api
    var png: PNGVariant = .rgb8

    /// Today's shape, drawn without touching any generator.
    static let standard = TaskShape()

    /// A shape drawn from `plan`: every list a uniform choice, every rate a coin.
    init(plan: ShapePlan, numOutputs: Int, random: inout SeededGenerator) {
        func pick<T>(_ choices: [T], _ fallback: T) -> T {
            choices.isEmpty ? fallback : choices[Int(random.next() % UInt64(choices.count))]
        }
        timestamps = TimestampStyle(
            fractionDigits: pick(plan.timestampFractionDigits, 3),
            offsetMinutes: pick(plan.timestampOffsetMinutes, 0)
        )
        for field in Field.allCases { blanks[field] = pick(plan.blankStyles, .null) }
        if plan.withheldFields > 0 {
            for field in [Field.type, .startedAt, .completedAt] where Double(random.unit()) < plan.withheldFields {
                withheld.insert(field)
            }
        }
        // The older `{url}` shape holds one URL: a task with more outputs must list them all.
        output = numOutputs == 1 ? pick(plan.outputStyles, .urlAndURLs) : .urlAndURLs
        cost = pick(plan.costStyles, .dollars(4))
        origin = pick(plan.outputOrigins, .api)
        png = pick(plan.pngVariants, .rgb8)
    }

    private init() {}
}
