/// The generating half of a build: settling what a previous run left open, submitting jobs
/// with bounded concurrency, and settling this run's unknown outcomes before it ends.
struct GenerationStage<C: Clock>: Sendable where C.Duration == Duration {
    let runner: TaskRunner<C>
    let store: Store
    let provider: any GenerationProvider
    let concurrency: Int
    let progress: ProgressReporter

    /// How many times a request found never created is sent again within one build.
    static var rounds: Int { 5 }

    /// Settles unknown outcomes against the provider's task list, then follows every task a
    /// previous run submitted (or left with outputs to fetch). Nothing is submitted here.
    func settleAndResume(into report: inout BuildReport) async throws {
        let settled = try await settle(into: &report)
        await resolveBudget(notCreated: settled.notCreated)
        let open = try await store.unfinishedTasks().filter { $0.provider == provider.kind.rawValue && $0.status == .submitted }
        try await follow(open, title: "Resuming", counter: \.resumed, into: &report) { task in
            (task.promptId, try await runner.resume(task))
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
                (task.promptId, try await runner.resume(task))
            }
            var notCreated = Set<String>()
            for id in settled.notCreated {
                if let prompt = try await store.task(id: id)?.promptId { notCreated.insert(prompt) }
            }
            queue = queue.filter { notCreated.contains($0.spec.id) }
        }
    }

    private func settle(into report: inout BuildReport) async throws -> UnknownTaskSettler.Outcome {
        let claims = await runner.signals?.claims ?? [:]
        let settled = try await UnknownTaskSettler(provider: provider, store: store, webhookClaims: claims).settle()
        report.settle(settled)
        return settled
    }

    /// A request that created nothing charged nothing: its carried reservation is released.
    private func resolveBudget(notCreated: [Int64]) async {
        guard let budget = runner.budget else { return }
        for id in notCreated { await budget.resolve(taskID: id, actual: .zero) }
    }

    /// Runs tasks with bounded concurrency, counting and reporting each outcome as it arrives.
    private func follow<Item: Sendable>(
        _ items: [Item], title: String, counter: WritableKeyPath<BuildReport, Int>, into report: inout BuildReport,
        _ body: @escaping @Sendable (Item) async throws -> (prompt: String, outcome: TaskOutcome),
        noting: (String, TaskOutcome) -> Void = { _, _ in }
    ) async throws {
        guard !items.isEmpty else { return }
        await progress.start(title, total: items.count)
        try await items.forEachConcurrently(limit: concurrency, body) { prompt, outcome in
            if !outcome.isSkipped { report[keyPath: counter] += 1 }
            report.record(outcome, prompt: prompt)
            noting(prompt, outcome)
            await progress.advance(failed: !outcome.isCompleted)
        }
        await progress.finish()
    }
}

extension TaskOutcome {
    var isCompleted: Bool {
        if case .completed = self { return true }
        return false
    }
}
