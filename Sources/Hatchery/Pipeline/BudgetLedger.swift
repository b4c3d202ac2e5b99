/// Keeps a build's spend under its cap whatever the concurrency: each task reserves its
/// estimate before it is submitted and settles to its real cost when it ends, and a
/// reservation is granted only while spent + reserved stays within the cap.
public actor BudgetLedger {
    public let cap: Money
    public private(set) var spent = Money.zero
    public private(set) var reserved = Money.zero
    /// The most that spent + reserved ever reached: never above `cap` for granted reservations.
    public private(set) var highWater = Money.zero

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

    /// Counts a task that is already running (resumed from an earlier build), fit or not.
    public func account(_ amount: Money) {
        spent += amount
        highWater = max(highWater, spent + reserved)
    }

    /// Turns a reservation into what the task really cost.
    public func settle(reserved amount: Money, actual: Money) {
        reserved -= amount
        spent += actual
        highWater = max(highWater, spent + reserved)
    }

    public var remaining: Money { cap - spent - reserved }
}
