import Hatchery

/// What will become of one task, drawn from the `FaultPlan` when it is created.
struct TaskFate: Sendable {
    /// How the task ends.
    enum Ending: Sendable {
        /// Completed, or failed when it has a failure.
        case normal
        /// `canceled`, a status outside the contract, for good.
        case canceled
        /// Never: `processing` forever.
        case never
    }

    var queuedFirst = false
    var ending = Ending.normal
    /// Per output index, how many fetches serve a truncated file before the whole one.
    var truncatedFetches: [Int] = []

    static let standard = TaskFate()

    init(plan: FaultPlan, numOutputs: Int, random: inout SeededGenerator) {
        func coin(_ rate: Double) -> Bool { rate > 0 && Double(random.unit()) < rate }
        queuedFirst = coin(plan.queuedFirst)
        if coin(plan.neverFinish) {
            ending = .never
        } else if coin(plan.canceled) {
            ending = .canceled
        }
        truncatedFetches = (0..<numOutputs).map { _ in coin(plan.truncatedThenWhole) ? 1 + Int(random.next() % 3) : 0 }
    }

    private init() {}
}
