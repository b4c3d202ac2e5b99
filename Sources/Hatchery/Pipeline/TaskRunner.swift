import Foundation
import Logging

/// Takes one task from intent to outcome: intent committed, request sent, remote id committed,
/// polled until terminal, outputs downloaded, checked and stored. Every ending is recorded.
public struct TaskRunner<C: Clock>: Sendable where C.Duration == Duration {
    public var provider: any GenerationProvider
    public var store: Store
    public var prices: PriceTable
    public var reader: PNGReader
    public var polling: PollingPolicy
    public var downloadAttempts: Int
    public var clock: C
    public var logger: Logger
    public var gate: SubmissionGate
    /// Sent as `webhook_url` with every submission, when webhooks are received.
    public var webhookURL: String?
    /// Wakes a poller early when a webhook reports its task ended.
    public var signals: CompletionSignals?
    /// The build's spending cap, when it has one.
    public var budget: BudgetLedger?

    public init(provider: any GenerationProvider, store: Store, prices: PriceTable = .eggAPI,
                reader: PNGReader = PNGReader(), polling: PollingPolicy, downloadAttempts: Int = 3,
                clock: C, gate: SubmissionGate = SubmissionGate(), logger: Logger = Logger(label: "hatchery.tasks")) {
        self.provider = provider
        self.store = store
        self.prices = prices
        self.reader = reader
        self.polling = polling
        self.downloadAttempts = downloadAttempts
        self.clock = clock
        self.gate = gate
        self.logger = logger
    }

    /// Submits `job` and follows it to the end, within the budget if there is one.
    public func generate(_ job: GenerationJob, runID: Int64) async throws(StoreError) -> TaskOutcome {
        if let reason = await gate.closedBecause { return .skipped(reason: reason) }
        guard let budget else { return try await submitAndFollow(job, runID: runID) }
        guard await budget.reserve(job.estimate) else {
            return .skipped(reason: "over budget: \(job.estimate.formatted) would pass the cap of \(budget.cap.formatted)")
        }
        let outcome = try await submitAndFollow(job, runID: runID)
        switch outcome {
        case .completed, .failed:
            await budget.settle(reserved: job.estimate, actual: outcome.cost)
        case .skipped:
            await budget.settle(reserved: job.estimate, actual: .zero)
        case .unknown, .interrupted:
            // It may be charged later: keep it counted at its estimate.
            await budget.settle(reserved: job.estimate, actual: job.estimate)
        }
        return outcome
    }

    private func submitAndFollow(_ job: GenerationJob, runID: Int64) async throws(StoreError) -> TaskOutcome {
        var request = job.request
        request.webhookURL = webhookURL
        let task = try await store.recordIntent(
            promptID: job.spec.id, runID: runID, fingerprint: job.fingerprint, provider: provider.kind,
            request: request, estimate: job.estimate)
        let taskID = task.id!
        let remoteID: String
        // Timed around the request alone (not the database writes), to keep the window in which
        // an unknown outcome's task can have been created as narrow as it truly is.
        let sentAt = Date()
        do {
            remoteID = try await provider.submit(request)
        } catch let error as ProviderError {
            return try await submissionFailed(taskID, error, sentAt: sentAt, answeredAt: Date())
        } catch {
            return try await fail(taskID, reason: "submission failed: \(error.localizedDescription)", kind: "submit")
        }
        try await store.recordSubmitted(taskID: taskID, remoteID: remoteID, sentAt: sentAt, at: Date())
        return try await follow(taskID: taskID, remoteID: remoteID, request: job.request)
    }

    /// Follows a task a previous run submitted, without submitting anything.
    public func resume(_ task: TaskRecord) async throws(StoreError) -> TaskOutcome {
        let outcome = try await followSubmitted(task)
        await budget?.account(outcome.cost)
        return outcome
    }

    private func followSubmitted(_ task: TaskRecord) async throws(StoreError) -> TaskOutcome {
        let taskID = task.id!
        guard let remoteID = task.remoteId else {
            return .unknown(reason: "no remote id: settle it first")
        }
        let request: GenerationRequest
        do {
            request = try task.request()
        } catch {
            return try await fail(taskID, reason: "the stored request could not be read: \(error)", kind: "corrupt-state")
        }
        return try await follow(taskID: taskID, remoteID: remoteID, request: request)
    }

    private func submissionFailed(_ taskID: Int64, _ error: ProviderError, sentAt: Date,
                                  answeredAt: Date) async throws(StoreError) -> TaskOutcome {
        let reason = error.localizedDescription
        switch error {
        case .outcomeUnknown:
            try await store.recordUnknown(taskID: taskID, reason: reason, sentAt: sentAt, at: answeredAt)
            return .unknown(reason: reason)
        case .insufficientBalance, .unauthorized, .forbidden, .missingAPIKey:
            // Every later submission would meet the same answer: stop sending, keep following.
            await gate.close(because: reason)
            return try await fail(taskID, reason: reason, kind: Self.kind(of: error))
        default:
            return try await fail(taskID, reason: reason, kind: Self.kind(of: error))
        }
    }

    static func kind(of error: ProviderError) -> String {
        switch error {
        case .insufficientBalance: "balance"
        case .unauthorized, .forbidden, .missingAPIKey: "auth"
        case .rejected: "rejected"
        case .rateLimited: "rate-limited"
        default: "submit"
        }
    }

    private func follow(taskID: Int64, remoteID: String, request: GenerationRequest) async throws(StoreError) -> TaskOutcome {
        var interval: Duration?
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
            let state: ProviderTask
            do {
                state = try await provider.task(id: remoteID)
            } catch ProviderError.taskNotFound {
                return try await fail(taskID, reason: "the provider no longer knows task \(remoteID)", kind: "lost")
            } catch {
                // The task may well finish: keep it `submitted` so the next build picks it up.
                return .interrupted(reason: "polling \(remoteID) failed: \(error.localizedDescription)")
            }
            switch state.status {
            case .pending, .processing:
                continue
            case .failed:
                return try await fail(taskID, reason: state.error ?? "the provider gave no reason",
                                      kind: Self.failureKind(for: state.error), cost: state.cost ?? .zero)
            case .completed:
                return try await collect(state, taskID: taskID, request: request)
            }
        }
    }

    private func collect(_ state: ProviderTask, taskID: Int64, request: GenerationRequest) async throws(StoreError) -> TaskOutcome {
        // Billing is per image returned; trust the provider's figure when it gives one.
        let cost = state.cost
            ?? prices.estimate(model: request.model, resolution: request.resolution, outputs: state.outputs.count)
            ?? .zero
        var images: [ImageRecord] = []
        for (index, url) in state.outputs.enumerated() {
            switch await fetchVerified(url) {
            case .success(let (data, facts)):
                let sha = try store.objects.put(data)
                images.append(ImageRecord(
                    id: nil, taskId: taskID, outputIndex: index, sha256: sha, path: ObjectStore.relativePath(sha256: sha),
                    width: facts.width, height: facts.height, bitDepth: facts.bitDepth, colorType: facts.colorType,
                    bytes: data.count, sourceUrl: url.scheme == "hatchery-local" ? nil : url.absoluteString))
            case .failure(let reason):
                return try await fail(taskID, reason: "output \(index + 1) could not be fetched: \(reason)", kind: "download", cost: cost)
            }
        }
        if images.isEmpty {
            return try await fail(taskID, reason: "the provider completed the task with no outputs", kind: "no-output", cost: cost)
        }
        try await store.recordCompleted(taskID: taskID, cost: cost, images: images)
        return .completed(images: images.count, cost: cost)
    }

    private enum FetchResult {
        case success((Data, PNGFacts))
        case failure(String)
    }

    /// Downloads an output and checks every byte of it is PNG; a corrupt copy is fetched again.
    /// Transport errors are not retried here: the client's retry layer has already done that.
    private func fetchVerified(_ url: URL) async -> FetchResult {
        var lastReason = "no attempt was made"
        for attempt in 1...max(1, downloadAttempts) {
            let data: Data
            do {
                data = try await provider.download(url)
            } catch {
                return .failure(error.localizedDescription)
            }
            do {
                return .success((data, try reader.facts(of: data, verifyingPixels: true)))
            } catch {
                lastReason = error.localizedDescription
                logger.warning("corrupt download, fetching again", metadata: [
                    "url": "\(url.path)", "attempt": "\(attempt)", "reason": "\(lastReason)",
                ])
            }
        }
        return .failure(lastReason)
    }

    private func fail(_ taskID: Int64, reason: String, kind: String, cost: Money = .zero) async throws(StoreError) -> TaskOutcome {
        try await store.recordFailed(taskID: taskID, reason: reason, kind: kind, cost: cost)
        return .failed(reason: reason, cost: cost)
    }

    /// A stable label for the provider's failure text, so reports can group failures.
    static func failureKind(for message: String?) -> String {
        let text = (message ?? "").lowercased()
        if text.contains("moderat") || text.contains("safety") || text.contains("policy") { return "moderation" }
        if text.contains("timeout") || text.contains("timed out") { return "timeout" }
        return "provider"
    }
}
