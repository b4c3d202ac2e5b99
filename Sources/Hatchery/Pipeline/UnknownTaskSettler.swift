import Foundation

/// Settles submissions whose outcome is unknown, by looking at the provider's task list
/// before anything is sent again. EggAPI's tasks do not echo the prompt, so a task is matched
/// by model and creation time: it is adopted only when the match is unambiguous, and a request
/// is declared never created only when the list shows nothing that could be it.
public struct UnknownTaskSettler: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var adopted: [Int64: String] = [:]
        public var notCreated: [Int64] = []
        public var ambiguous: [Int64] = []
    }

    public var provider: any GenerationProvider
    public var store: Store
    /// Clock skew allowed between this machine and the provider.
    public var slack: TimeInterval
    /// How long after its intent a request from a killed run could have created a task.
    public var orphanWindow: TimeInterval

    public init(provider: any GenerationProvider, store: Store, slack: TimeInterval = 30, orphanWindow: TimeInterval = 300) {
        self.provider = provider
        self.store = store
        self.slack = slack
        self.orphanWindow = orphanWindow
    }

    public func settle(now: Date = Date()) async throws -> Outcome {
        let unfinished = try await store.unfinishedTasks().filter { $0.provider == provider.kind.rawValue }
        // Intents without an answer come from a run that died mid-submission.
        for orphan in unfinished where orphan.status == .intent {
            try await store.recordUnknown(taskID: orphan.id!, reason: "the run stopped while submitting",
                                          at: min(now, orphan.createdAt.addingTimeInterval(orphanWindow)))
        }
        let unknown = try await store.unfinishedTasks().filter { $0.provider == provider.kind.rawValue && $0.status == .unknown }
        guard let earliest = unknown.map(\.createdAt).min() else { return Outcome() }

        let sent = try await store.submissionTimes(provider: provider.kind)
        let listed = try await provider.tasks(createdSince: earliest.addingTimeInterval(-slack))
        let skew = Self.clockOffset(listed: listed, sent: sent) ?? (-slack)...slack
        var candidates = listed.filter { sent[$0.id] == nil }
        var pending = unknown
        var outcome = Outcome()
        // Adopt exclusive matches until none is left; each adoption can free another.
        var progress = true
        while progress {
            progress = false
            for task in pending {
                let mine = candidates.filter { fits($0, task, skew) }
                guard mine.count == 1, let match = mine.first,
                      pending.filter({ fits(match, $0, skew) }).count == 1
                else { continue }
                try await store.adopt(taskID: task.id!, remoteID: match.id)
                outcome.adopted[task.id!] = match.id
                candidates.removeAll { $0.id == match.id }
                pending.removeAll { $0.id == task.id }
                progress = true
            }
        }
        // Requests whose send-to-answer spans do not overlap created their tasks in the same
        // order: when as many candidates fit a run of them as there are requests, each one
        // created exactly one, and order decides which.
        for group in Self.sequentialGroups(pending) where group.count > 1 {
            let fitting = candidates.filter { candidate in group.contains { fits(candidate, $0, skew) } }
                .sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
            let outsiders = pending.filter { task in !group.contains { $0.id == task.id } }
            guard fitting.count == group.count,
                  zip(group, fitting).allSatisfy({ fits($1, $0, skew) }),
                  !fitting.contains(where: { candidate in outsiders.contains { fits(candidate, $0, skew) } })
            else { continue }
            for (task, match) in zip(group, fitting) {
                try await store.adopt(taskID: task.id!, remoteID: match.id)
                outcome.adopted[task.id!] = match.id
                candidates.removeAll { $0.id == match.id }
                pending.removeAll { $0.id == task.id }
            }
        }
        for task in pending {
            if candidates.contains(where: { fits($0, task, skew) }) {
                outcome.ambiguous.append(task.id!)
            } else {
                try await store.recordFailed(
                    taskID: task.id!, reason: "the provider has no task from this request, so it was never created; it will be sent again",
                    kind: "not-created")
                outcome.notCreated.append(task.id!)
            }
        }
        return outcome
    }

    /// Unknown tasks of one model whose spans overlap a neighbour's through the margins but not
    /// in truth: each group is in sending order and its true spans are disjoint.
    static func sequentialGroups(_ tasks: [TaskRecord]) -> [[TaskRecord]] {
        let sent = tasks.filter { $0.sentAt != nil && $0.submittedAt != nil }
        var groups: [[TaskRecord]] = []
        for (_, sameModel) in Dictionary(grouping: sent, by: \.model) {
            let ordered = sameModel.sorted { $0.sentAt! < $1.sentAt! }
            let disjoint = zip(ordered, ordered.dropFirst()).allSatisfy { $0.submittedAt! < $1.sentAt! }
            if disjoint { groups.append(ordered) }
        }
        return groups
    }

    /// Could the provider's `remote` task have been created by the request of `task`? Its
    /// creation time, moved onto our clock, must fall between sending and giving up.
    private func fits(_ remote: ProviderTask, _ task: TaskRecord, _ skew: ClosedRange<TimeInterval>) -> Bool {
        guard remote.model == nil || remote.model == task.model, let created = remote.createdAt else { return false }
        let start = task.sentAt ?? task.createdAt
        let end = task.submittedAt ?? task.createdAt.addingTimeInterval(orphanWindow)
        // The offset bounds are rigorous (every known task was created between sending and the
        // answer); the margin only covers millisecond rounding of stored times.
        let margin: TimeInterval = 0.003
        return created >= start.addingTimeInterval(skew.lowerBound - margin)
            && created <= end.addingTimeInterval(skew.upperBound + margin)
    }

    /// The provider's clock minus ours, bounded by every task whose send and answer times we
    /// know: it was created after we sent and before we heard back. Nil when nothing tells.
    static func clockOffset(listed: [ProviderTask], sent: [String: (sent: Date, answered: Date)]) -> ClosedRange<TimeInterval>? {
        var low = -TimeInterval.infinity, high = TimeInterval.infinity
        for task in listed {
            guard let created = task.createdAt, let times = sent[task.id] else { continue }
            low = max(low, created.timeIntervalSince(times.answered))
            high = min(high, created.timeIntervalSince(times.sent))
        }
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }
}
