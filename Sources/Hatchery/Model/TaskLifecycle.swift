/// Every way a task's status may change, in one table. The store applies an event only to a
/// task whose status is one the event starts from (`UPDATE … WHERE status IN (…)`) and checks
/// that a row changed, so a task seen completed twice, or adopted by two settlers, is a no-op
/// rather than a second write.
///
/// ```
/// intent ──sent──▶ submitted ──completed──▶ completed
///   │                 │  ▲  └──failed──▶ failed
///   │ outcomeUnknown  │  └──adopted── unknown ──foundNotCreated──▶ failed (not-created)
///   └─orphaned───────────────────────▶ unknown
/// intent ──refused──▶ failed (nothing was created)
/// ```
public enum TaskEvent: Sendable, Equatable, CaseIterable {
    /// The provider answered the POST with the task's id.
    case sent
    /// The POST may or may not have created a task (timeout, 5xx, unreadable answer).
    case outcomeUnknown
    /// A previous run died between committing the intent and hearing back.
    case orphaned
    /// The POST was refused before anything was created (4xx): nothing was charged.
    case refused
    /// An unknown outcome was found in the provider's task list (or named by hand).
    case adopted
    /// An unknown outcome was found never to have created a task.
    case foundNotCreated
    /// The provider reports the task completed and its outputs are stored.
    case completed
    /// The provider reports the task failed, or its paid outputs can no longer be had.
    case failed
    /// Outputs of a completed task could not be stored yet: it stays `submitted`, and the next
    /// build fetches them again without paying.
    case outputsDeferred

    /// The statuses this event may be applied to.
    public var from: Set<TaskStatus> {
        switch self {
        case .sent, .outcomeUnknown, .orphaned, .refused: [.intent]
        case .adopted: [.unknown, .intent]
        case .foundNotCreated: [.unknown, .intent]
        case .completed, .failed, .outputsDeferred: [.submitted]
        }
    }

    /// The status a task has after this event.
    public var to: TaskStatus {
        switch self {
        case .sent, .adopted, .outputsDeferred: .submitted
        case .outcomeUnknown, .orphaned: .unknown
        case .refused, .foundNotCreated, .failed: .failed
        case .completed: .completed
        }
    }

    /// The status after this event for a task in `status`, or nil when the event does not apply.
    public func next(from status: TaskStatus) -> TaskStatus? {
        from.contains(status) ? to : nil
    }
}
