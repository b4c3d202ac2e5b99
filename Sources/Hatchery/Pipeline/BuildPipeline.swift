import Foundation
import Logging

/// A build as a readable list of steps: load, open, resume, plan, generate, make web images, render. Each step
/// prints `[i/N] name` on stderr and names itself in any error.
public struct BuildPipeline<C: Clock>: Sendable where C.Duration == Duration {
    /// Makes the provider the catalog asks for; the pipeline shuts it down when done.
    public typealias ProviderFactory = @Sendable (ProviderKind) throws -> any GenerationProvider

    public var options: BuildOptions
    public var prices: PriceTable
    public var makeProvider: ProviderFactory
    public var clock: C
    public var logger: Logger

    public init(options: BuildOptions, prices: PriceTable = .eggAPI, makeProvider: @escaping ProviderFactory,
                clock: C, logger: Logger = Logger(label: "hatchery")) {
        self.options = options
        self.prices = prices
        self.makeProvider = makeProvider
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws -> BuildReport {
        let progress = ProgressReporter(mode: options.progress)
        // A folder with no catalog is refused before the lock, which would leave its file
        // behind in a folder that is not a site (`build site/public`).
        let catalogFile = try SiteFolder(existing: options.siteDirectory).catalogFile
        guard FileManager.default.fileExists(atPath: catalogFile.path) else {
            throw CatalogError.missing(file: catalogFile.path)
        }
        // Before anything is paid for: a `public/` holding the user's own files would
        // otherwise be refused only at rendering, after the generation it was built for.
        try SiteSwap(target: options.outputDirectory).checkOwnership()
        // One build per site: the lock comes before anything opens the store (the no-op check
        // and the migrations included) and is held until the run ends.
        let lock = try await SiteLock.acquire(siteDirectory: options.siteDirectory, for: .build, waiting: options.waitForLock,
                                              clock: clock) { holder in
            if options.progress != .quiet { progress.step("Waiting for the build that holds the site (\(holder?.summary ?? "PID unknown")) to finish…") }
        }
        defer { lock.release() }
        var stepNumber = 0
        func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
            stepNumber += 1
            if options.progress != .quiet { progress.step("[\(stepNumber)/\(options.webhooks == nil ? 7 : 8)] \(name)") }
            do {
                return try await body()
            } catch {
                throw BuildError(step: name, underlying: error)
            }
        }

        // `--only` and `--force` name prompts that must be checked against the catalog.
        if options.selection == .all, let unchanged = try await unchangedSite() {
            var report = BuildReport(plan: Plan(provider: .local, items: []), output: options.outputDirectory)
            report.unchangedSince = unchanged
            return report
        }

        let catalog = try await step("Load catalog") {
            try CatalogLoader(prices: prices).load(from: options.siteDirectory)
        }
        let (store, templates, provider) = try await step("Open store, templates and provider") {
            (try Store(siteDirectory: options.siteDirectory), try await TemplateSet(folder: options.templatesFolder(for: catalog)),
             try makeProvider(catalog.provider))
        }
        var runner = TaskRunner(provider: provider, store: store, prices: prices,
                                polling: options.polling(for: catalog.provider), clock: clock, logger: logger)
        runner.taskTimeout = options.taskTimeout
        runner.downloadAttempts = options.downloadAttempts
        let concurrency = options.concurrency ?? catalog.concurrency ?? Self.defaultConcurrency(for: catalog.provider)
        var report = BuildReport(plan: Plan(provider: catalog.provider, items: []), output: options.outputDirectory)
        var receiver: WebhookReceiver?
        var runID: Int64?
        // From here on the provider holds connections: every way out shuts it down.
        do {
            if let webhooks = options.webhooks, catalog.provider == .eggapi {
                let signals = CompletionSignals()
                receiver = try await step("Listen for webhooks") {
                    try await WebhookReceiver.start(host: webhooks.host, port: webhooks.port,
                                                    verifier: WebhookVerifier(secret: webhooks.secret), signals: signals, logger: logger)
                }
                runner.signals = signals
                runner.webhookURL = webhooks.url
            }
            // Whatever happens next, the last stamp no longer describes the site.
            try await store.saveBuildStamp(nil)
            runID = try await store.startRun(provider: catalog.provider)
            if let cap = try await budgetCap(catalog, store: store) { runner.budget = BudgetLedger(cap: cap) }
            let generation = GenerationStage(runner: runner, store: store, provider: provider, concurrency: concurrency, progress: progress)
            try await step("Settle and resume unfinished tasks") {
                try await generation.settleAndResume(into: &report)
            }
            let plan = try await step("Plan") {
                try options.selection.validate(against: catalog)
                try await store.syncPrompts(catalog.prompts.map(\.id))
                return Planner(prices: prices).plan(catalog, against: try await store.snapshot(), selection: options.selection)
            }
            report.plan = plan
            if let budget = runner.budget, plan.estimatedCost > (await budget.remaining), options.progress != .quiet {
                progress.step("The plan's estimate, \(plan.estimatedCost.formatted), is over what the budget allows (\(await budget.remaining.formatted)): submitting what fits.")
            }
            try await step("Generate \(plan.toSubmit.count) of \(catalog.prompts.count) prompts") {
                let jobs = plan.toSubmit.compactMap { item in
                    item.spec.map { GenerationJob(spec: $0, fingerprint: item.fingerprint!, estimate: item.estimate) }
                }
                try await generation.generate(jobs, runID: runID!, into: &report)
                report.stoppedBecause = await runner.gate.closedBecause
                let open = try await store.openUnknowns(provider: catalog.provider)
                (report.unknown, report.possiblyCharged) = (open.count, open.estimate)
                if let budget = runner.budget {
                    report.budget = BudgetSummary(
                        cap: budget.cap, spent: await budget.spent, highWater: await budget.highWater,
                        possiblyCharged: await budget.possiblyCharged,
                        skipped: report.skippedPrompts.map(\.prompt),
                        skippedCost: jobs.filter { job in report.skippedPrompts.contains { $0.prompt == job.spec.id } }.map(\.estimate).sum())
                }
            }
            let content = try await GalleryContent.load(catalog, from: store)
            let derived = try await step("Make web images") {
                let originals = Set(content.entries.flatMap { entry in
                    ([entry.generation].compactMap { $0 } + entry.history).flatMap { $0.images.map(\.sha256) }
                })
                let (images, summary) = try await DerivationStage(store: store, deriver: try ImageDeriver(recipe: options.derivedRecipe)).run(originals: originals)
                report.derivation = summary
                for failure in summary.failures {
                    logger.warning("No web images for \(failure.original.prefix(12)): \(failure.reason) Its pages show the PNG.")
                }
                return images
            }
            report.render = try await step("Render gallery") {
                try await store.setCurrentFingerprints(content.shownFingerprints)
                return try GalleryRenderer(templates: templates).render(
                    content, to: options.outputDirectory,
                    images: ImageFiles(objects: store.objects, derived: derived, derivedFolder: store.derivedFolder))
            }
            try await stampIfComplete(report, content: content, catalog: catalog, store: store)
            try await store.finishRun(runID!, succeeded: true)
        } catch {
            if let runID { try? await store.finishRun(runID, succeeded: false) }
            await receiver?.stop()
            await provider.shutdown()
            throw error
        }
        if let receiver {
            report.webhooks = (receiver.accepted, receiver.duplicates, receiver.rejected)
            await receiver.stop()
        }
        await provider.shutdown()
        return report
    }

    /// The stamp of the last complete build when nothing it was made from has changed since:
    /// the store's revision, the inputs' digest and the site's files. Reads no catalog, renders nothing.
    private func unchangedSite() async throws -> BuildStamp? {
        let database = options.siteDirectory.appendingPathComponent(".hatchery/state.sqlite")
        guard FileManager.default.fileExists(atPath: database.path) else { return nil }
        let store = try Store(siteDirectory: options.siteDirectory)
        guard let stamp = try await store.buildStamp(), stamp.revision == (try await store.revision()),
              stamp.inputs == BuildInputs.digest(options: options, templatesFolder: options.templates ?? URL(fileURLWithPath: stamp.templates)),
              let site = SiteDigest.compute(options.outputDirectory), site.digest == stamp.site
        else { return nil }
        return stamp
    }

    /// Records what a build saw and left, but only when it left nothing to do: no failure,
    /// nothing unknown, skipped or still running, every prompt shown with its web images.
    private func stampIfComplete(_ report: BuildReport, content: GalleryContent, catalog: Catalog, store: Store) async throws {
        let complete = report.failed == 0 && report.unknown == 0 && report.ambiguous == 0 && report.interrupted == 0
            && report.outputsPending == 0
            && report.skipped == 0 && report.stoppedBecause == nil && report.derivation.failures.isEmpty
            && content.entries.allSatisfy { $0.generation != nil }
        let templates = options.templatesFolder(for: catalog)
        guard complete, let inputs = BuildInputs.digest(options: options, templatesFolder: templates),
              let site = SiteDigest.compute(options.outputDirectory)
        else { return }
        try await store.saveBuildStamp(BuildStamp(
            inputs: inputs, templates: templates.standardizedFileURL.path, revision: try await store.revision(), site: site.digest,
            prompts: content.entries.count, images: content.entries.reduce(0) { $0 + ($1.generation?.images.count ?? 0) },
            files: site.files))
    }

    /// The tighter of `--max-spend` and what is left of the catalog's `budget:`.
    private func budgetCap(_ catalog: Catalog, store: Store) async throws -> Money? {
        var cap = options.maxSpend
        if let budget = catalog.budget {
            let left = max(.zero, budget - (try await store.totalSpend(provider: catalog.provider)))
            cap = min(cap ?? left, left)
        }
        return cap
    }

    /// Local work is CPU-bound: one task per core. Remote tasks mostly wait.
    static func defaultConcurrency(for kind: ProviderKind) -> Int {
        kind == .local ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 8
    }
}

extension BuildPipeline where C == ContinuousClock {
    public init(options: BuildOptions, prices: PriceTable = .eggAPI, makeProvider: @escaping ProviderFactory = ProviderFactories.standard) {
        self.init(options: options, prices: prices, makeProvider: makeProvider, clock: ContinuousClock())
    }
}
