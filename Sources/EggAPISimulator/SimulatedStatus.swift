/// The statuses the simulator reports: the contract's four, and two it does not name.
enum SimulatedStatus: String, Sendable {
    case queued, pending, processing, completed, failed, canceled

    /// Whether the task will never change again.
    var isFinal: Bool { self == .completed || self == .failed || self == .canceled }
}
