/// The statuses the simulator reports: the contract's four, and two it does not name.
public enum SimulatedStatus: String, Sendable, CaseIterable {
    case queued, pending, processing, completed, failed, canceled

    /// Whether the task will never change again.
    public var isFinal: Bool { self == .completed || self == .failed || self == .canceled }
}
