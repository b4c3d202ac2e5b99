/// What a person says an unknown outcome was (`hatchery settle TASK --adopt ID | --not-created`).
public enum Settlement: Sendable, Equatable {
    /// The request created the provider's task `remoteID`: the next build follows it.
    case adopt(remoteID: String)
    /// The request created nothing: the next build sends it again.
    case notCreated
}

/// A task settled by hand, for the command to report.
public struct SettledTask: Sendable, Equatable {
    public var taskID: Int64
    /// The prompt the task was made for.
    public var promptID: String
    public var settlement: Settlement
}
