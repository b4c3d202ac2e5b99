/// The properties every schedule must keep (issue 10: never pay twice, never lose a paid image).
public enum Invariant: String, Sendable, CaseIterable, Comparable {
    /// 1. No request body created two tasks at the provider that could both be charged.
    case paidOnce = "1-paid-once"
    /// 2. Hatchery's EggAPI spend per model equals the provider's usage summary (less foreign spend).
    case ledger = "2-ledger"
    /// 3. Every charged task of ours is stored, complete, under the body that made it, or listed by status.
    case paidOutputKept = "3-paid-output-kept"
    /// 4. Every prompt completed, failed with a reason, or listed by status.
    case promptSettled = "4-prompt-settled"
    /// 5. The key reached the API's origin only.
    case keyAtOrigin = "5-key-at-origin"
    /// 6. No task of another client adopted.
    case noForeignAdopted = "6-no-foreign-adopted"
    /// Builds stopped making progress with nothing for a person to settle, or a build hung.
    case stuck = "stuck"

    public static func < (lhs: Invariant, rhs: Invariant) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One broken invariant, with what a person needs to look into it.
public struct Violation: Sendable, CustomStringConvertible {
    public var invariant: Invariant
    public var detail: String

    public init(_ invariant: Invariant, _ detail: String) {
        self.invariant = invariant
        self.detail = detail
    }

    public var description: String { "[\(invariant.rawValue)] \(detail)" }
}
