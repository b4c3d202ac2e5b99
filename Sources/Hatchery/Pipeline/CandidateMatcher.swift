import Foundation

/// The pure part of settling unknown outcomes: which listed task could each request have
/// created, and which of those can be adopted without doubt. No I/O, so every rule is tested
/// directly (see `CandidateMatcherTests`).
struct CandidateMatcher {
    struct Result: Equatable {
        var adopted: [Int64: String] = [:]
        var notCreated: Set<Int64> = []
        var ambiguous: [Int64: [UnknownCandidate]] = [:]
    }

    /// The provider's tasks, newest first as listed.
    let listed: [ProviderTask]
    /// Our tasks with known remote ids.
    let known: [String: KnownSubmission]
    let unknown: [UnknownRequest]
    /// The offset allowed when no known task measures it.
    let slack: TimeInterval
    /// The orientation of a completed candidate's first output, where it was looked at:
    /// landscape outputs come from 16:9 requests, portrait ones from 9:16.
    var orientations: [String: AspectRatio] = [:]
    /// Our stored times are kept to the millisecond: each may be off by up to one.
    static let storedSlop: TimeInterval = 0.001

    func match() -> Result {
        let offset = Self.clockOffset(listed: listed, known: known) ?? (-slack)...slack
        let position = Dictionary(listed.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let candidates = listed.filter { known[$0.id] == nil && $0.createdAt != nil }
        let knownListed = known.filter { position[$0.key] != nil }

        /// When a listed task can have been created, on our clock.
        func interval(_ task: ProviderTask) -> ClosedRange<Date> {
            let created = task.createdAt ?? .distantPast
            let low = created.addingTimeInterval(-offset.upperBound)
            return low...max(low, created.addingTimeInterval(task.createdAtPrecision - offset.lowerBound))
        }
        /// Could `task` have been created by `request`, by time, model and list order?
        func timeFits(_ task: ProviderTask, _ request: UnknownRequest) -> Bool {
            guard task.model == nil || task.model == request.model,
                interval(task).overlaps(Self.widened(request.window)),
                let mine = position[task.id]
            else { return false }
            // Our requests of one model never overlap (see SubmissionLanes): a known task of
            // the model answered before this request was sent was created before its task, and
            // one sent after it gave up was created after. The list is newest first.
            for (remoteID, submission) in knownListed where submission.model == request.model {
                guard let theirs = position[remoteID] else { continue }
                if submission.answeredWithID, submission.answered < request.window.lowerBound, mine > theirs {
                    return false
                }
                if submission.sent > request.window.upperBound, mine < theirs { return false }
            }
            return true
        }
        /// Could `task` be `request`'s, created after the request's window closed? A provider
        /// may act on a request long after we gave up on it (a loaded server reading it late, a
        /// gateway answering 5xx while the work goes on): any task of the request's model and
        /// shape created since it was sent may be its. Such a task is never adopted on time
        /// alone, but while one is listed the request is not declared never created. Only the
        /// known tasks answered before it was sent, and so created before its task, rule one out.
        func lateFits(_ task: ProviderTask, _ request: UnknownRequest) -> Bool {
            guard task.model == nil || task.model == request.model,
                interval(task).upperBound >= Self.widened(request.window).lowerBound,
                let mine = position[task.id], shapeFits(task, request)
            else { return false }
            for (remoteID, submission) in knownListed
            where submission.model == request.model && submission.answeredWithID {
                if let theirs = position[remoteID], submission.answered < request.window.lowerBound, mine > theirs {
                    return false
                }
            }
            return true
        }
        /// Does what the task shows (outputs, type) agree with what the request asked for?
        func shapeFits(_ task: ProviderTask, _ request: UnknownRequest) -> Bool {
            if task.status == .completed, !task.outputs.isEmpty, task.outputs.count != request.outputs { return false }
            if let type = task.type, (type == "image_edit") != request.isEdit { return false }
            if let seen = orientations[task.id], seen != request.aspectRatio { return false }
            return true
        }
        /// Could `task` be another client's task made at the same moment as one we know?
        func couldBeTwinOfKnown(_ task: ProviderTask) -> Bool {
            knownListed.contains { remoteID, submission in
                guard submission.model == task.model || task.model == nil else { return false }
                if interval(task).overlaps(Self.widened(submission.sent...submission.answered)) { return true }
                // An adopted task may have been made after the window we waited in: its own
                // listed time says when.
                return !submission.answeredWithID
                    && byID[remoteID].map { interval($0).overlaps(interval(task)) } == true
            }
        }

        var possible: [Int64: [ProviderTask]] = [:]
        var fitting: [Int64: [ProviderTask]] = [:]
        var late: [Int64: [ProviderTask]] = [:]
        for request in unknown {
            let timed = candidates.filter { timeFits($0, request) }
            possible[request.id] = timed
            fitting[request.id] = timed.filter { shapeFits($0, request) }
            late[request.id] = candidates.filter { task in
                lateFits(task, request) && !timed.contains { $0.id == task.id }
            }
        }
        let suspects = Set(candidates.filter(couldBeTwinOfKnown).map(\.id))
        var result = Result()
        var pending = unknown
        func take(_ request: UnknownRequest, _ task: ProviderTask) {
            result.adopted[request.id] = task.id
            pending.removeAll { $0.id == request.id }
            for key in possible.keys { possible[key]?.removeAll { $0.id == task.id } }
            for key in fitting.keys { fitting[key]?.removeAll { $0.id == task.id } }
            for key in late.keys { late[key]?.removeAll { $0.id == task.id } }
        }
        /// Could another request still open have created `task`, in its window or after it?
        func claimedByAnother(_ task: ProviderTask, besides ids: Set<Int64>) -> Bool {
            pending.contains { request in
                !ids.contains(request.id)
                    && ((fitting[request.id] ?? []) + (late[request.id] ?? [])).contains { $0.id == task.id }
            }
        }

        // Exclusive matches, until none is left: each adoption can free another. A request with
        // a late candidate is not among them: its task may be that one, and the one in its window
        // another client's, made at the moment the provider read our request.
        var progress = true
        while progress {
            progress = false
            for request in pending {
                guard let only = fitting[request.id], only.count == 1, let task = only.first,
                    !suspects.contains(task.id),
                    late[request.id]?.isEmpty ?? true, !claimedByAnother(task, besides: [request.id])
                else { continue }
                take(request, task)
                progress = true
            }
            // A run of requests of one model, one after the other, whose candidates in their
            // windows are exactly as many as they are and fit no one else: each created one task,
            // in the same order. Not when any of them may have had its task made late: then one
            // of the tasks in their windows may be another client's, made when the provider read
            // that request, and the count would pair every later request with the wrong task
            // (chaos seed 25).
            for group in Self.sequentialGroups(pending)
            where group.count > 1 && group.allSatisfy({ late[$0.id]?.isEmpty ?? true }) {
                let ids = Set(group.map(\.id))
                let reach = group.flatMap { fitting[$0.id] ?? [] }
                let tasks = Dictionary(reach.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                    .values.sorted { (position[$0.id] ?? 0) > (position[$1.id] ?? 0) }
                let outsiders = pending.filter { !ids.contains($0.id) }
                guard tasks.count == group.count, !tasks.contains(where: { suspects.contains($0.id) }),
                    zip(group, tasks).allSatisfy({ request, task in
                        fitting[request.id]?.contains { $0.id == task.id } == true
                    }),
                    !tasks.contains(where: { task in
                        outsiders.contains { request in
                            ((possible[request.id] ?? []) + (late[request.id] ?? [])).contains { $0.id == task.id }
                        }
                    })
                else { continue }
                for (request, task) in zip(group, tasks) { take(request, task) }
                progress = true
            }
        }
        for request in pending {
            // "Never created" only when nothing listed could be its task, however late.
            let left = (possible[request.id] ?? []) + (late[request.id] ?? [])
            if left.isEmpty {
                result.notCreated.insert(request.id)
            } else {
                result.ambiguous[request.id] = left.map {
                    UnknownCandidate(
                        remoteID: $0.id,
                        createdAt: $0.createdAtText,
                        status: $0.reportedStatus ?? $0.status.rawValue,
                        outputs: $0.status == .completed ? $0.outputs.count : nil
                    )
                }
            }
        }
        return result
    }

    static func widened(_ window: ClosedRange<Date>) -> ClosedRange<Date> {
        window.lowerBound.addingTimeInterval(-storedSlop)...window.upperBound.addingTimeInterval(storedSlop)
    }

    /// Unknown requests of one model whose windows are disjoint, in sending order.
    static func sequentialGroups(_ requests: [UnknownRequest]) -> [[UnknownRequest]] {
        var groups: [[UnknownRequest]] = []
        for (_, sameModel) in Dictionary(grouping: requests, by: \.model) {
            let ordered = sameModel.sorted { $0.window.lowerBound < $1.window.lowerBound }
            if zip(ordered, ordered.dropFirst()).allSatisfy({ $0.window.upperBound < $1.window.lowerBound }) {
                groups.append(ordered)
            }
        }
        return groups
    }

    /// The provider's clock minus ours, bounded by every task whose send and answer times we
    /// know: it was created after we sent and before we heard back, somewhere in the interval
    /// its timestamp's precision allows. Nil when nothing tells, or the bounds contradict.
    static func clockOffset(listed: [ProviderTask], known: [String: KnownSubmission]) -> ClosedRange<TimeInterval>? {
        var low = -TimeInterval.infinity
        var high = TimeInterval.infinity
        for task in listed {
            guard let created = task.createdAt, let times = known[task.id] else { continue }
            // An adopted task tells only that it was created after it was sent.
            if times.answeredWithID { low = max(low, created.timeIntervalSince(times.answered) - storedSlop) }
            high = min(
                high,
                created.addingTimeInterval(task.createdAtPrecision).timeIntervalSince(times.sent) + storedSlop
            )
        }
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }
}
