/// Closes once the provider says no more submissions can succeed (balance, key): tasks in
/// flight are still followed, new ones are not sent.
public actor SubmissionGate {
    public private(set) var closedBecause: String?

    public init() {}

    public func close(because reason: String) {
        if closedBecause == nil { closedBecause = reason }
    }
}
