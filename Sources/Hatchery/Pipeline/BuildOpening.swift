import Foundation
import Logging

/// The first steps of a build, each making what the next needs: load the catalog; open the
/// store, templates and provider; with `--webhook-listen`, listen for webhooks. Then it starts
/// the run and makes the context the other steps share. They are listed (`steps`) so that the
/// count comes from the list, and run in `open` in that order, written out because each one's
/// result is typed input to the next.
struct BuildOpening<C: Clock>: Sendable where C.Duration == Duration {
    let options: BuildOptions
    let prices: PriceTable
    let makeProvider: BuildPipeline<C>.ProviderFactory
    let clock: C
    let logger: Logger
    let observer: any BuildObserver

    /// The opening steps, in the order `open` runs them.
    enum Step: Sendable, Equatable {
        case loadCatalog, openSite, listenForWebhooks

        /// What the observer is told; listening names the provider, known once the catalog is.
        func name(for provider: ProviderKind) -> String {
            switch self {
            case .loadCatalog: "Load catalog"
            case .openSite: "Open store, templates and provider"
            case .listenForWebhooks:
                provider == .eggapi
                    ? "Listen for webhooks"
                    : "Listen for webhooks: not needed, the \(provider.rawValue) provider sends none"
            }
        }
    }

    /// The steps `open` runs, known from the options alone: `[i/N]` counts them before the
    /// catalog is read.
    var steps: [Step] { [.loadCatalog, .openSite] + (options.webhooks == nil ? [] : [.listenForWebhooks]) }

    var stepCount: Int { steps.count }

    /// Runs the opening steps and starts the run, noting in `held` what must be let go of
    /// however the build ends.
    func open(_ progress: inout StepProgress, holding held: inout HeldResources) async throws -> BuildContext<C> {
        // Reads that need no catalog start first, on the other cores.
        let readAhead = await StoreReadAhead.begin(
            siteDirectory: options.siteDirectory,
            output: options.outputDirectory
        )
        held.readsAhead = readAhead?.ended
        let catalog = try await progress.run(Step.loadCatalog.name(for: .local)) { try loadCatalog() }
        AllocatorTuning.releaseFreedMemory()
        let site = try await progress.run(Step.openSite.name(for: catalog.provider)) {
            try await openSite(for: catalog, store: readAhead?.store)
        }
        held.provider = site.provider
        var webhooks: WebhookListening?
        if let listen = options.webhooks {
            webhooks = try await progress.run(Step.listenForWebhooks.name(for: catalog.provider)) {
                try await self.listen(listen, for: catalog.provider)
            }
            held.receiver = webhooks?.receiver
        }
        // Whatever happens next, the last stamp no longer describes the site.
        try await site.store.saveBuildStamp(nil)
        let runID = try await site.store.startRun(provider: catalog.provider)
        held.run = HeldResources.Run(store: site.store, id: runID)
        let budget = try await budgetCap(catalog, store: site.store).map { BudgetLedger(cap: $0) }
        let context = BuildContext(
            options: options,
            prices: prices,
            clock: clock,
            logger: logger,
            observer: observer,
            catalog: catalog,
            site: site,
            webhooks: webhooks,
            runID: runID,
            budget: budget,
            readAhead: readAhead
        )
        return context
    }

    /// `Load catalog`: the site's `catalog.yaml`, every mistake in it reported at once.
    func loadCatalog() throws -> Catalog {
        try CatalogLoader(prices: prices).load(from: options.siteDirectory)
    }

    /// `Open store, templates and provider`: the provider is made last, so that nothing else
    /// is left holding connections when the store or the templates fail. `store` is the one
    /// opened before the catalog was read, if it was.
    func openSite(for catalog: Catalog, store: Store?) async throws -> OpenSite {
        let store = try store ?? Store(siteDirectory: options.siteDirectory)
        let templates = try await TemplateSet.load(options.templatesOrigin(for: catalog))
        return OpenSite(store: store, templates: templates, provider: try makeProvider(catalog.provider))
    }

    /// `Listen for webhooks`: only EggAPI sends them; with the local provider the step says so
    /// and listens to nothing, so that the count `--webhook-listen` adds stays right.
    func listen(_ webhooks: WebhookOptions, for kind: ProviderKind) async throws -> WebhookListening? {
        guard kind == .eggapi else { return nil }
        let signals = CompletionSignals()
        let receiver = try await WebhookReceiver.start(
            host: webhooks.host,
            port: webhooks.port,
            verifier: WebhookVerifier(secret: webhooks.secret),
            signals: signals,
            logger: logger
        )
        return WebhookListening(receiver: receiver, signals: signals, url: webhooks.url)
    }

    /// The tighter of `--max-spend` and what is left of the catalog's `budget:`.
    func budgetCap(_ catalog: Catalog, store: Store) async throws -> Money? {
        var cap = options.maxSpend
        if let budget = catalog.budget {
            let left = max(.zero, budget - (try await store.totalSpend(provider: catalog.provider)))
            cap = min(cap ?? left, left)
        }
        return cap
    }
}
