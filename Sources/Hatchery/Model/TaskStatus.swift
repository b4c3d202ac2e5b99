/// Where a task is, stored in `tasks.status` as these exact strings, which reports group by.
/// `TaskEvent` (TaskLifecycle.swift) says which event moves a task from one to another.
public enum TaskStatus: String, Codable, Sendable, CaseIterable {
    /// Written before the request is sent: a crash after this may or may not have created it.
    case intent
    /// The provider accepted it and gave the remote id.
    case submitted
    case completed
    case failed
    /// The request may have created a task; it must be settled before anything is resent.
    case unknown
}
