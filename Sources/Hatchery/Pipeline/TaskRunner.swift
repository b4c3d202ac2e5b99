import Foundation
import Logging

/// Takes one task from intent to outcome: intent committed, request sent, remote id committed,
/// polled until terminal, outputs downloaded, checked and stored. Every ending is recorded, and
/// every status change goes through `TaskEvent`, applied by the store only from the status it
/// expects.
public struct TaskRunner<C: Clock>: Sendable where C.Duration == Duration {
    public var provider: any GenerationProvider
    public var store: Store
    public var prices: PriceTable
    public var reader: PNGReader
    public var polling: PollingPolicy
    /// Fetches of one output within a build, with `fetchBackoff` doubling between them.
    public var downloadAttempts: Int
    public var fetchBackoff: Duration
    /// Failed fetches of a paid task's outputs, over all builds, after which it is recorded as
    /// `corrupt-output` rather than fetched forever.
    public var maxFetchFailures: Int
    /// How long a build follows one task before leaving it `submitted` for the next build.
    public var taskTimeout: Duration
    public var clock: C
    public var logger: Logger
    public var gate: SubmissionGate
    public var lanes: SubmissionLanes
    /// Sent as `webhook_url` with every submission, when webhooks are received: each task gets
    /// its own path below it, so a webhook names the request that created its task.
    public var webhookURL: String?
    /// Wakes a poller early when a webhook reports its task ended.
    public var signals: CompletionSignals?
    /// The build's spending cap, when it has one.
    public var budget: BudgetLedger?

    public init(
        provider: any GenerationProvider,
        store: Store,
        prices: PriceTable = .eggAPI,
        reader: PNGReader = PNGReader(),
        polling: PollingPolicy,
        downloadAttempts: Int = 3,
        clock: C,
        gate: SubmissionGate = SubmissionGate(),
        logger: Logger = Logger(label: "hatchery.tasks")
    ) {
        self.provider = provider
        self.store = store
        self.prices = prices
        self.reader = reader
        self.polling = polling
        self.downloadAttempts = downloadAttempts
        self.fetchBackoff = .seconds(1)
        self.maxFetchFailures = 9
        self.taskTimeout = .seconds(30 * 60)
        self.clock = clock
        self.gate = gate
        self.lanes = SubmissionLanes()
        self.logger = logger
    }

    /// Submits `job` and follows it to the end, within the budget if there is one.
    public func generate(_ job: GenerationJob, runID: Int64) async throws(StoreError) -> TaskOutcome {
        if let reason = await gate.closedBecause { return .skipped(reason: reason) }
        if let budget, !(await budget.reserve(job.estimate)) {
            return .skipped(
                reason: "over budget: \(job.estimate.formatted) would pass the cap of \(budget.cap.formatted)",
                overBudget: true
            )
        }
        let submission = try await submit(job, runID: runID)
        let outcome: TaskOutcome
        switch submission {
        case .sent(let taskID, let remoteID, let request):
            outcome = try await follow(taskID: taskID, remoteID: remoteID, request: request)
        case .ended(let taskID, let ended):
            if case .unknown = ended, let taskID {
                // It may be charged: the reservation stays until the outcome is settled.
                await budget?.carry(taskID: taskID, reserved: job.estimate)
                return ended
            }
            outcome = ended
        }
        await budget?.settle(reserved: job.estimate, actual: outcome.isSkipped ? .zero : outcome.cost)
        return outcome
    }

    private enum Submission {
        case sent(taskID: Int64, remoteID: String, request: GenerationRequest)
        case ended(taskID: Int64?, TaskOutcome)
    }

    /// Commits the intent and sends it, holding the model's lane from before the intent to
    /// after the answer is recorded.
    private func submit(_ job: GenerationJob, runID: Int64) async throws(StoreError) -> Submission {
        try await lanes.withLane(job.request.model) { () async throws(StoreError) -> Submission in
            // Submitting may have stopped while this job waited for the lane.
            if let reason = await gate.closedBecause { return .ended(taskID: nil, .skipped(reason: reason)) }
            var request = job.request
            request.webhookURL = webhookURL.map { Self.webhookURL(base: $0, token: UUID().uuidString.lowercased()) }
            let task = try await store.recordIntent(
                promptID: job.spec.id,
                runID: runID,
                fingerprint: job.fingerprint,
                provider: provider.kind,
                request: request,
                estimate: job.estimate
            )
            guard let taskID = task.id else { throw StoreError.database("an intent was stored without an id") }
            // Timed around the request alone (not the database writes), to keep the window in
            // which an unknown outcome's task can have been created as narrow as it truly is.
            let sentAt = Date()
            do {
                let created = try await provider.create(request)
                let answeredAt = Date()
                try await store.recordSubmitted(taskID: taskID, remoteID: created.id, sentAt: sentAt, at: answeredAt)
                await lanes.observe(
                    model: request.model,
                    sent: sentAt,
                    answered: answeredAt,
                    created: created.createdAt,
                    precision: created.createdAtPrecision
                )
                return .sent(taskID: taskID, remoteID: created.id, request: job.request)
            } catch let error as ProviderError {
                let answeredAt = Date()
                // A refusal created nothing; an unknown outcome may have: keep the next one apart.
                switch error {
                case .outcomeUnknown: await lanes.observeUnknown(model: request.model)
                case .unanswered: await lanes.hold(request.model, until: answeredAt.addingTimeInterval(unansweredGrace))
                default: break
                }
                return .ended(
                    taskID: taskID,
                    try await submissionFailed(taskID, error, sentAt: sentAt, answeredAt: answeredAt)
                )
            } catch let error as StoreError {
                throw error
            } catch {
                return .ended(
                    taskID: taskID,
                    try await fail(
                        taskID,
                        reason: "submission failed: \(ErrorReason.of(error))",
                        kind: .submit,
                        event: .refused
                    )
                )
            }
        }
    }

    /// `base/t-<token>`: the path that names one request, so its webhook can settle it.
    static func webhookURL(base: String, token: String) -> String {
        base.trimmingSuffix("/") + "/t-" + token
    }

    /// How long after giving up on an unanswered POST its task may still be created: the
    /// request's own timeout again, at least `UnknownTaskSettler.minimumGrace`.
    var unansweredGrace: TimeInterval {
        UnknownTaskSettler.grace(provider)
    }

    /// Follows a task a previous run submitted (or an unknown outcome adopted), without
    /// submitting anything.
    public func resume(_ task: TaskRecord) async throws(StoreError) -> TaskOutcome {
        // A task whose outputs an earlier build could not store was counted by that build.
        let outcome = try await followSubmitted(task).charging(minus: task.cost)
        if let budget, let id = task.id { await budget.resolve(taskID: id, actual: outcome.cost) }
        return outcome
    }

    private func followSubmitted(_ task: TaskRecord) async throws(StoreError) -> TaskOutcome {
        guard let taskID = task.id, let remoteID = task.remoteID else {
            return .unknown(reason: "no remote id: settle it first")
        }
        let request: GenerationRequest
        do {
            request = try task.request()
        } catch {
            return try await fail(taskID, reason: "the stored request could not be read: \(error)", kind: .corruptState)
        }
        return try await follow(taskID: taskID, remoteID: remoteID, request: request, fetchFailures: task.fetchFailures)
    }

    private func submissionFailed(
        _ taskID: Int64,
        _ error: ProviderError,
        sentAt: Date,
        answeredAt: Date
    ) async throws(StoreError) -> TaskOutcome {
        let reason = ErrorReason.of(error)
        switch error {
        case .outcomeUnknown:
            try await store.recordUnknown(taskID: taskID, reason: reason, sentAt: sentAt, at: answeredAt)
            return .unknown(reason: reason)
        case .unanswered:
            // No answer: the provider may still create the task a while after we gave up.
            try await store.recordUnknown(
                taskID: taskID,
                reason: reason,
                sentAt: sentAt,
                at: answeredAt.addingTimeInterval(unansweredGrace)
            )
            return .unknown(reason: reason)
        case .rejected(let code, _) where Self.isMissingEndpoint(code):
            // Not this prompt's fault: the endpoint is not there (a wrong EGGAPI_BASE_URL). Every
            // later submission would meet it too, and the prompt is not marked as one that fails.
            let reason = "POST /v1/generate answered 404: check EGGAPI_BASE_URL (\(reason))"
            await gate.close(because: reason)
            return try await fail(taskID, reason: reason, kind: .submit, event: .refused)
        case .insufficientBalance, .unauthorized, .forbidden, .missingAPIKey:
            // Every later submission would meet the same answer: stop sending, keep following.
            await gate.close(because: reason)
            return try await fail(taskID, reason: reason, kind: Self.kind(of: error), event: .refused)
        default:
            return try await fail(taskID, reason: reason, kind: Self.kind(of: error), event: .refused)
        }
    }

    /// A 404 on the generate endpoint itself, not a refusal of the request's content.
    static func isMissingEndpoint(_ code: String) -> Bool {
        code == "HTTP_404" || code == "NOT_FOUND"
    }

    static func kind(of error: ProviderError) -> FailureKind {
        switch error {
        case .insufficientBalance: .balance
        case .unauthorized, .forbidden, .missingAPIKey: .auth
        case .rejected: .rejected
        case .rateLimited: .rateLimited
        default: .submit
        }
    }

    private func follow(
        taskID: Int64,
        remoteID: String,
        request: GenerationRequest,
        fetchFailures: Int = 0
    ) async throws(StoreError) -> TaskOutcome {
        let deadline = clock.now.advanced(by: taskTimeout)
        var interval: Duration?
        var lastStatus = "pending"
        while true {
            let wait = polling.interval(after: interval)
            interval = wait
            if wait > .zero {
                if let signals {
                    await signals.wait(for: remoteID, upTo: wait, clock: clock)
                } else {
                    try? await clock.sleep(for: wait)
                }
                // Cancelled: the task stays `submitted` and the next run resumes it.
                if Task.isCancelled { return .interrupted(reason: "cancelled") }
            }
            if clock.now >= deadline {
                return .interrupted(
                    reason:
                        "still \(lastStatus) at the provider after \(Self.minutes(taskTimeout)) (task \(remoteID)); left for the next build (--task-timeout)"
                )
            }
            let state: ProviderTask
            do {
                state = try await provider.task(id: remoteID)
            } catch ProviderError.taskNotFound {
                return try await fail(taskID, reason: "the provider no longer knows task \(remoteID)", kind: .lost)
            } catch {
                // The task may well finish: keep it `submitted` so the next build picks it up.
                return .interrupted(reason: "polling \(remoteID) failed: \(ErrorReason.of(error))")
            }
            lastStatus = state.reportedStatus ?? state.status.rawValue
            switch state.status {
            case .pending, .processing:
                continue
            case .unrecognized:
                logger.warning(
                    "the provider reports a status outside its contract; still waiting",
                    metadata: [
                        "task": "\(remoteID)", "status": "\(lastStatus)",
                    ]
                )
                continue
            case .ended:
                return try await fail(
                    taskID,
                    reason:
                        "the provider reports status '\(lastStatus)', which its contract does not have; the task will not complete",
                    kind: .unexpectedStatus,
                    cost: state.cost ?? .zero
                )
            case .failed:
                let reason = state.error ?? "the provider gave no reason"
                return try await fail(
                    taskID,
                    reason: reason,
                    kind: FailureKind.classifying(providerMessage: state.error),
                    cost: state.cost ?? .zero
                )
            case .completed:
                return try await collect(state, taskID: taskID, request: request, fetchFailures: fetchFailures)
            }
        }
    }

    static func minutes(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s"
    }

    private func fail(
        _ taskID: Int64,
        reason: String,
        kind: FailureKind,
        cost: Money = .zero,
        event: TaskEvent = .failed
    ) async throws(StoreError) -> TaskOutcome {
        try await store.recordFailed(taskID: taskID, reason: reason, kind: kind, cost: cost, event: event)
        return .failed(reason: reason, cost: cost, kind: kind)
    }
}
