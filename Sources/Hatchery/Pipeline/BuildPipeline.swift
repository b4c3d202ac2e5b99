import Foundation
import Logging

/// A build as a readable list of steps: load, open, resume, plan, generate, render. Each step
/// prints `[i/N] name` on stderr and names itself in any error.
public struct BuildPipeline<C: Clock>: Sendable where C.Duration == Duration {
    /// Picks the provider the catalog asks for.
    public typealias ProviderFactory = @Sendable (ProviderKind) throws -> any GenerationProvider

    public var options: BuildOptions
    public var prices: PriceTable
    public var makeProvider: ProviderFactory
    public var polling: @Sendable (ProviderKind) -> PollingPolicy
    public var clock: C
    public var logger: Logger

    public init(options: BuildOptions, prices: PriceTable = .eggAPI,
                makeProvider: @escaping ProviderFactory = BuildPipeline.defaultProviders,
                polling: @escaping @Sendable (ProviderKind) -> PollingPolicy = { $0 == .local ? .immediate : .remote },
                clock: C, logger: Logger = Logger(label: "hatchery")) {
        self.options = options
        self.prices = prices
        self.makeProvider = makeProvider
        self.polling = polling
        self.clock = clock
        self.logger = logger
    }

    /// The providers this build knows: only the offline one so far.
    public static func defaultProviders(_ kind: ProviderKind) throws -> any GenerationProvider {
        switch kind {
        case .local:
            return LocalProvider()
        case .eggapi:
            throw BuildSetupError.providerUnavailable(.eggapi, reason: "the EggAPI client is not part of this version; use `provider: local`.")
        }
    }

    public func run() async throws -> BuildReport {
        let progress = ProgressReporter(mode: options.progress)
        var stepNumber = 0
        let steps = 6
        func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
            stepNumber += 1
            if options.progress != .quiet { progress.step("[\(stepNumber)/\(steps)] \(name)") }
            do {
                return try await body()
            } catch {
                throw BuildError(step: name, underlying: error)
            }
        }

        let catalog = try await step("Load catalog") {
            try CatalogLoader(prices: prices).load(from: options.siteDirectory)
        }
        let (store, templates) = try await step("Open store and templates") {
            (try Store(siteDirectory: options.siteDirectory), try await TemplateSet(folder: options.templatesFolder(for: catalog)))
        }
        let provider = try makeProvider(catalog.provider)
        let runner = TaskRunner(provider: provider, store: store, prices: prices, polling: polling(catalog.provider),
                                clock: clock, logger: logger)
        let concurrency = options.concurrency ?? catalog.concurrency ?? Self.defaultConcurrency(for: catalog.provider)
        let runID = try await store.startRun(provider: catalog.provider)
        var report = BuildReport(plan: Plan(provider: catalog.provider, items: []), output: options.outputDirectory)

        do {
            try await step("Resume unfinished tasks") {
                let unfinished = try await store.unfinishedTasks().filter { $0.provider == provider.kind.rawValue && $0.status != .unknown }
                try await Self.follow(unfinished, title: "Resuming", limit: concurrency, progress: progress,
                                      counter: \.resumed, into: &report) { task in
                    (task.promptId, try await runner.resume(task))
                }
            }

            let plan = try await step("Plan") {
                try await store.syncPrompts(catalog.prompts.map(\.id))
                return Planner(prices: prices).plan(catalog, against: try await store.snapshot())
            }
            report.plan = plan

            try await step("Generate \(plan.toSubmit.count) of \(catalog.prompts.count) prompts") {
                let jobs = plan.toSubmit.compactMap { item in
                    item.spec.map { GenerationJob(spec: $0, fingerprint: item.fingerprint!, estimate: item.estimate) }
                }
                try await Self.follow(jobs, title: "Generating", limit: concurrency, progress: progress,
                                      counter: \.submitted, into: &report) { job in
                    (job.spec.id, try await runner.generate(job, runID: runID))
                }
            }

            report.render = try await step("Render gallery") {
                let content = try await galleryContent(catalog, store: store)
                return try GalleryRenderer(templates: templates).render(content, to: options.outputDirectory, objects: store.objects)
            }
            try await store.finishRun(runID, succeeded: true)
        } catch {
            try? await store.finishRun(runID, succeeded: false)
            throw error
        }
        return report
    }

    private func galleryContent(_ catalog: Catalog, store: Store) async throws -> GalleryContent {
        var wanted: [String: Fingerprint] = [:]
        for spec in catalog.prompts { wanted[spec.id] = Fingerprint(spec, provider: catalog.provider) }
        let generations = try await store.generations(for: wanted)
        let failures = try await store.latestFailures(for: wanted)
        let entries = catalog.prompts.map { spec in
            GalleryContent.Entry(spec: spec, fingerprint: wanted[spec.id]!, generation: generations[spec.id],
                                 failure: failures[spec.id])
        }
        return GalleryContent(gallery: catalog.gallery, provider: catalog.provider, entries: entries,
                              spend: try await store.spendByModel())
    }

    /// Runs tasks with bounded concurrency, counting and reporting each outcome as it arrives.
    private static func follow<Item: Sendable>(
        _ items: [Item], title: String, limit: Int, progress: ProgressReporter,
        counter: WritableKeyPath<BuildReport, Int>, into report: inout BuildReport,
        _ body: @escaping @Sendable (Item) async throws -> (prompt: String, outcome: TaskOutcome)
    ) async throws {
        guard !items.isEmpty else { return }
        await progress.start(title, total: items.count)
        try await items.forEachConcurrently(limit: limit, body) { prompt, outcome in
            report[keyPath: counter] += 1
            report.record(outcome, prompt: prompt)
            await progress.advance(failed: !outcome.isCompleted)
        }
        await progress.finish()
    }

    /// Local work is CPU-bound: one task per core. Remote tasks mostly wait.
    static func defaultConcurrency(for kind: ProviderKind) -> Int {
        kind == .local ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 8
    }
}

extension BuildPipeline where C == ContinuousClock {
    public init(options: BuildOptions, prices: PriceTable = .eggAPI,
                makeProvider: @escaping ProviderFactory = BuildPipeline.defaultProviders) {
        self.init(options: options, prices: prices, makeProvider: makeProvider, clock: ContinuousClock())
    }
}

extension TaskOutcome {
    var isCompleted: Bool {
        if case .completed = self { return true }
        return false
    }
}

extension BuildReport {
    mutating func record(_ outcome: TaskOutcome, prompt: String) {
        cost += outcome.cost
        switch outcome {
        case .completed(let count, _):
            completed += 1
            images += count
        case .failed(let reason, _):
            failed += 1
            failures.append((prompt, reason))
        }
    }
}
