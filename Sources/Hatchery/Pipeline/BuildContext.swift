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
    /// `public/`'s files and what the last render recorded of them, read on another core while
    /// the build plans (`startReadingSiteFiles`), for `Render gallery`.
    private var siteFilesRead: Task<SiteFiles, any Error>?

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
        budget: BudgetLedger?
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
        let content = try await GalleryContent.load(catalog, from: store, held: report.heldBack)
        loadedContent = content
        return content
    }

    /// Starts reading the site's files and their records on another core: nothing before
    /// `Render gallery` changes either, and neither depends on the catalog.
    mutating func startReadingSiteFiles() {
        let store = store
        let output = options.outputDirectory
        siteFilesRead = Task { SiteFiles(previous: try await store.siteOutputs(), scanning: output) }
    }

    /// The site's files for the render: as read while the build planned, unless it waited on
    /// the provider since or a person changed `public/` or a folder at its top meanwhile (see
    /// `SiteFiles.isCurrent`), then read now.
    mutating func siteFiles() async throws -> SiteFiles {
        let read = siteFilesRead
        siteFilesRead = nil
        if let read, report.submitted + report.resumed + report.unknown + report.interrupted == 0 {
            let files = try await read.value
            if files.isCurrent(options.outputDirectory) { return files }
        }
        read?.cancel()
        return SiteFiles(previous: try await store.siteOutputs(), scanning: options.outputDirectory)
    }

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
