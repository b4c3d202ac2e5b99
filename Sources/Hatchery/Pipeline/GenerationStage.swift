import Foundation

/// The generating half of a build: settling what a previous run left open, submitting jobs
/// with bounded concurrency, and settling this run's unknown outcomes before it ends.
struct GenerationStage<C: Clock>: Sendable where C.Duration == Duration {
    let runner: TaskRunner<C>
    let store: Store
    let provider: any GenerationProvider
    let concurrency: Int
    /// The build's cap, when it has one: a request that created nothing releases its reservation.
    let budget: BudgetLedger?
    /// Webhooks received so far name the requests that created their tasks.
    let signals: CompletionSignals?
    let observer: any BuildObserver

    /// How many times a request found never created is sent again within one build.
    static var rounds: Int { 5 }

    /// Settles unknown outcomes against the provider's task list, then follows every task a
    /// previous run submitted (or left with outputs to fetch). Nothing is submitted here.
    func settleAndResume(into report: inout BuildReport) async throws {
        let settled = try await settle(into: &report)
        await resolveBudget(notCreated: settled.notCreated)
        let open = try await store.unfinishedTasks().filter { $0.provider == provider.kind && $0.status == .submitted }
        try await follow(open, title: "Resuming", counter: \.resumed, into: &report) { task in
            (task.promptID, try await runner.resume(task))
        }
    }

    /// Submits `jobs`; a request the provider turns out never to have received is sent again.
    func generate(_ jobs: [GenerationJob], runID: Int64, into report: inout BuildReport) async throws {
        var queue = jobs
        for _ in 0..<Self.rounds where !queue.isEmpty {
            var unknown = false
            try await follow(queue, title: "Generating", counter: \.submitted, into: &report) { job in
                (job.spec.id, try await runner.generate(job, runID: runID))
            } noting: { _, outcome in
                if case .unknown = outcome { unknown = true }
            }
            guard unknown else { break }
            let settled = try await settle(into: &report)
            await resolveBudget(notCreated: settled.notCreated)
            let adopted = try await store.unfinishedTasks().filter { settled.adopted[$0.id ?? -1] != nil }
            try await follow(adopted, title: "Following adopted", counter: \.resumed, into: &report) { task in
                (task.promptID, try await runner.resume(task))
            }
            var notCreated = Set<String>()
            for id in settled.notCreated {
                if let prompt = try await store.task(id: id)?.promptID { notCreated.insert(prompt) }
            }
            queue = queue.filter { notCreated.contains($0.spec.id) }
        }
    }

    private func settle(into report: inout BuildReport) async throws -> UnknownTaskSettler.Outcome {
        var settled = try await settleOnce()
        if !settled.stillOpen.isEmpty {
            // Some requests are found nowhere, but may still create their tasks: wait for their
            // windows to close, then look again, so they can be sent again in this build.
            try await waitForOpenWindows()
            let again = try await settleOnce()
            settled.adopted.merge(again.adopted) { first, _ in first }
            (settled.notCreated, settled.ambiguous, settled.stillOpen) = (
                settled.notCreated + again.notCreated, again.ambiguous, again.stillOpen
            )
        }
        report.settle(settled)
        return settled
    }

    private func settleOnce() async throws -> UnknownTaskSettler.Outcome {
        let claims = await signals?.claims ?? [:]
        return try await UnknownTaskSettler(provider: provider, store: store, webhookClaims: claims).settle()
    }

    /// Waits until every unknown outcome's window has closed (a request without an answer may
    /// still create its task for a while), so that one that created nothing can be told so and
    /// sent again in this build. The wait is bounded by the provider's timeout and grace.
    private func waitForOpenWindows() async throws {
        let kind = provider.kind
        let now = Date()
        let ends = try await store.unfinishedTasks().filter { $0.provider == kind }.compactMap { task -> Date? in
            switch task.status {
            case .unknown: task.submittedAt
            case .intent:
                UnknownTaskSettler.orphanWindowEnd(sent: task.sentAt ?? task.createdAt, now: now, provider: provider)
            default: nil
            }
        }
        guard let last = ends.max() else { return }
        let wait = min(
            last.timeIntervalSince(now),
            provider.submissionTimeout.seconds + UnknownTaskSettler.grace(provider)
        )
        guard wait > 0 else { return }
        observer.note(
            "Waiting \(Int(wait.rounded(.up))) s: a request without an answer may still create its task until then"
        )
        try? await runner.clock.sleep(for: .milliseconds(Int(wait * 1000) + 10))
    }

    /// A request that created nothing charged nothing: its carried reservation is released.
    private func resolveBudget(notCreated: [Int64]) async {
        guard let budget else { return }
        for id in notCreated { await budget.resolve(taskID: id, actual: .zero) }
    }

    /// Runs tasks with bounded concurrency, counting and reporting each outcome as it arrives.
    private func follow<Item: Sendable>(
        _ items: [Item],
        title: String,
        counter: WritableKeyPath<BuildReport, Int>,
        into report: inout BuildReport,
        _ body: @escaping @Sendable (Item) async throws -> (prompt: String, outcome: TaskOutcome),
        noting: (String, TaskOutcome) -> Void = { _, _ in }
    ) async throws {
        guard !items.isEmpty else { return }
        observer.tasksStarted(title, total: items.count)
        try await items.forEachConcurrently(limit: concurrency, body) { prompt, outcome in
            if !outcome.isSkipped { report[keyPath: counter] += 1 }
            report.record(outcome, prompt: prompt)
            noting(prompt, outcome)
            observer.taskFinished(failed: outcome.isFailed)
        }
        observer.tasksFinished()
    }
}

extension TaskOutcome {
    var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }
}
