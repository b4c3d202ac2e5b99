import Foundation
import Logging

/// What the steps of a build share, from the moment its run starts (see `BuildOpening`): what it
/// was asked, what it opened, the run's id and budget, and the report the steps fill in.
/// Everything here exists and is typed once the context does; the steps change only `report`
/// and what they hand to a later step (`webImages`, `siteDigest`).
struct BuildContext<C: Clock>: Sendable where C.Duration == Duration {
    let options: BuildOptions
    let prices: PriceTable
    let logger: Logger
    let observer: any BuildObserver
    let catalog: Catalog
    let store: Store
    let templates: TemplateSet
    let provider: any GenerationProvider
    /// Listening for EggAPI's webhooks, with `--webhook-listen` and a catalog on EggAPI.
    let webhooks: WebhookListening?
    /// The `runs` row of this build: its tasks name it.
    let runID: Int64
    /// What this build may still spend, when `--max-spend` or the catalog's `budget:` caps it.
    /// The runner reserves and settles against it; the steps read it, never the runner.
    let budget: BudgetLedger?
    /// Closes when the provider says no more submissions can succeed; the runner closes it.
    let gate: SubmissionGate
    /// Takes each task from intent to outcome, with `budget`, `gate` and `webhooks` given to it.
    let runner: TaskRunner<C>
    /// Tasks run at once: `--concurrency`, else the catalog's, else the provider's default.
    let concurrency: Int
    var report: BuildReport
    /// The web images `Make web images` made or found, for `Render gallery`: none until then.
    var webImages = DerivedImages()
    /// The digest of `public/` as `Render gallery` recorded its files: what the build's stamp
    /// records of the site. nil until then.
    var siteDigest: SiteDigest.Result?
    /// The gallery as the store has it, loaded once by the first step that needs it.
    private var loadedContent: GalleryContent?
    /// The reads begun while the catalog loaded, each taken by the step that needs it; nil
    /// for a site with no store before this build.
    private var readAhead: StoreReadAhead?

    init(
        options: BuildOptions,
        prices: PriceTable,
        clock: C,
        logger: Logger,
        observer: any BuildObserver,
        catalog: Catalog,
        site: OpenSite,
        webhooks: WebhookListening?,
        runID: Int64,
        budget: BudgetLedger?,
        readAhead: StoreReadAhead?
    ) {
        self.options = options
        self.prices = prices
        self.logger = logger
        self.observer = observer
        self.catalog = catalog
        self.store = site.store
        self.templates = site.templates
        self.provider = site.provider
        self.webhooks = webhooks
        self.runID = runID
        self.budget = budget
        self.readAhead = readAhead
        gate = SubmissionGate()
        var runner = TaskRunner(
            provider: site.provider,
            store: site.store,
            prices: prices,
            polling: options.polling(for: catalog.provider),
            clock: clock,
            gate: gate,
            logger: logger
        )
        runner.taskTimeout = options.taskTimeout
        runner.downloadAttempts = options.downloadAttempts
        runner.budget = budget
        runner.signals = webhooks?.signals
        runner.webhookURL = webhooks?.url
        self.runner = runner
        concurrency = options.concurrency ?? catalog.concurrency ?? Self.defaultConcurrency(for: catalog.provider)
        report = BuildReport(plan: Plan(provider: catalog.provider, items: []), output: options.outputDirectory)
    }

    /// Settling, resuming and submitting tasks, with this build's runner, budget and observer.
    var generation: GenerationStage<C> {
        GenerationStage(
            runner: runner,
            store: store,
            provider: provider,
            concurrency: concurrency,
            budget: budget,
            signals: webhooks?.signals,
            observer: observer
        )
    }

    /// The gallery as the store has it after generating: what is rendered, and whose originals
    /// get web images. Loaded on first use, then kept.
    mutating func content() async throws -> GalleryContent {
        if let loadedContent { return loadedContent }
        let records: GalleryRecords
        if let early = try await readAhead?.galleryRecords() {
            records = early
        } else {
            records = try await GalleryRecords.read(from: store)
        }
        let content = GalleryContent(catalog, records: records, held: report.heldBack, plan: report.plan)
        loadedContent = content
        return content
    }

    /// What planning compares the catalog with (`Store.snapshot`), as the store is now.
    mutating func storeSnapshot() async throws -> StoreSnapshot {
        if let early = try await readAhead?.snapshot() { return early }
        return try await store.snapshot()
    }

    /// The web images the store records (`Store.derivedImages`), as the store is now.
    mutating func derivedImages() async throws -> [WebImage] {
        if let early = try await readAhead?.derivedImages() { return early }
        return try await store.derivedImages()
    }

    /// The site's files and their records for the render (see `StoreReadAhead.siteFiles`).
    mutating func siteFiles() async throws -> SiteFiles {
        let waited = waited
        if let files = try await readAhead?.siteFiles(waited: waited) { return files }
        return SiteFiles(recorded: try await store.recordedSite(), scanning: options.outputDirectory)
    }

    /// Whether the build waited on the provider: then `public/` may have changed since it was
    /// read early, and the render reads it again.
    private var waited: Bool {
        report.submitted + report.resumed + report.unknown + report.interrupted > 0
    }

    /// Lets go of the early read of `public/` once the build has waited on the provider, as
    /// soon as that is known rather than at the render, which reads it again anyway: held, the
    /// records of every site file sat beside the conversion of the new images.
    mutating func dropStaleSiteFiles() async {
        guard waited else { return }
        await readAhead?.dropSiteFiles()
    }

    /// Whether the early read of `public/` is still held (for tests).
    var holdsEarlySiteFiles: Bool { readAhead?.holdsSiteFiles ?? false }

    /// Local work is CPU-bound: one task per core. Remote tasks mostly wait.
    static func defaultConcurrency(for kind: ProviderKind) -> Int {
        kind == .local ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 8
    }
}

/// What `Open store, templates and provider` opened.
struct OpenSite: Sendable {
    var store: Store
    var templates: TemplateSet
    var provider: any GenerationProvider
}

/// A webhook receiver listening for this build, and what it tells the pollers.
struct WebhookListening: Sendable {
    var receiver: WebhookReceiver
    var signals: CompletionSignals
    /// Sent with every submission (each task gets its own path below it).
    var url: String
}
