/// Keeps a build's spend under its cap whatever the concurrency: each task reserves its
/// estimate before it is submitted and settles to its real cost when it ends, and a
/// reservation is granted only while spent + reserved stays within the cap. A task whose
/// outcome is unknown keeps its reservation ("possibly charged") until it is settled.
public actor BudgetLedger {
    public let cap: Money
    public private(set) var spent = Money.zero
    public private(set) var reserved = Money.zero
    /// The most that spent + reserved ever reached: never above `cap` for granted reservations.
    public private(set) var highWater = Money.zero
    /// Reservations of tasks whose outcome is unknown, by task id.
    private var carried: [Int64: Money] = [:]

    public init(cap: Money) {
        self.cap = cap
    }

    /// Reserves `amount` if it fits under the cap.
    public func reserve(_ amount: Money) -> Bool {
        guard spent + reserved + amount <= cap else { return false }
        reserved += amount
        highWater = max(highWater, spent + reserved)
        return true
    }

    /// Turns a reservation into what the task really cost.
    public func settle(reserved amount: Money, actual: Money) {
        reserved -= amount
        spent += actual
        highWater = max(highWater, spent + reserved)
    }

    /// Keeps a reservation for a task whose outcome is unknown until `resolve` settles it.
    public func carry(taskID: Int64, reserved amount: Money) {
        carried[taskID] = amount
    }

    /// A task followed to its end: settles its carried reservation, or counts a task that was
    /// already running (resumed from an earlier build), fit or not.
    public func resolve(taskID: Int64, actual: Money) {
        if let amount = carried.removeValue(forKey: taskID) {
            settle(reserved: amount, actual: actual)
        } else {
            spent += actual
            highWater = max(highWater, spent + reserved)
        }
    }

    /// What tasks with unknown outcomes may have been charged: their estimates.
    public var possiblyCharged: Money { carried.values.sum() }

    public var remaining: Money { cap - spent - reserved }
}
