import Foundation
import Logging

/// A build as a list of named steps over one context, as Publish has them: load the catalog,
/// open the store, templates and provider, (listen for webhooks,) settle and resume, plan,
/// generate, make web images, render. The observer hears `[i/N] name` for each; an error names
/// the step it came from.
public struct BuildPipeline<C: Clock>: Sendable where C.Duration == Duration {
    /// Makes the provider the catalog asks for; the pipeline shuts it down when done.
    public typealias ProviderFactory = @Sendable (ProviderKind) throws -> any GenerationProvider

    public var options: BuildOptions
    public var prices: PriceTable
    public var makeProvider: ProviderFactory
    public var clock: C
    public var logger: Logger
    /// Told of each step, each batch of tasks and each note; the library prints nothing itself.
    public var observer: any BuildObserver

    public init(
        options: BuildOptions,
        prices: PriceTable = .eggAPI,
        makeProvider: @escaping ProviderFactory,
        clock: C,
        logger: Logger = Logger(label: "hatchery"),
        observer: any BuildObserver = SilentBuildObserver()
    ) {
        self.options = options
        self.prices = prices
        self.makeProvider = makeProvider
        self.clock = clock
        self.logger = logger
        self.observer = observer
    }

    /// The steps after the opening ones (`BuildOpening`), in the order they run.
    static var steps: [BuildStep<C>] {
        [.settleAndResume, .plan, .generate, .makeWebImages, .renderGallery]
    }

    public func run() async throws -> BuildReport {
        try OpenFileLimit.check()
        try await checkSiteFolder()
        // One build per site: the lock comes before anything opens the store (the no-op check
        // and the migrations included) and is held until the run ends.
        let lock = try await SiteLock.acquire(
            siteDirectory: options.siteDirectory,
            for: .build,
            waiting: options.waitForLock,
            clock: clock
        ) { holder in
            observer.note("Waiting for the build that holds the site (\(holder?.summary ?? "PID unknown")) to finish…")
        }
        defer { lock.release() }
        // `--only` and `--force` name prompts that must be checked against the catalog.
        if options.selection == .all, let stamp = try await unchangedSite() {
            return BuildReport(unchangedSince: stamp, output: options.outputDirectory)
        }

        let opening = BuildOpening(
            options: options,
            prices: prices,
            makeProvider: makeProvider,
            clock: clock,
            logger: logger,
            observer: observer
        )
        let steps = Self.steps
        var progress = StepProgress(count: opening.stepCount + steps.count, observer: observer)
        var held = HeldResources()
        let outcome = await Self.outcome {
            var context = try await opening.open(&progress, holding: &held)
            for step in steps {
                try await progress.run(step, over: &context)
            }
            return try await context.finish()
        }
        // However the build ended, in this one place: a run it did not finish is recorded
        // failed, the webhook listener stops, the provider lets go of its connections.
        await held.release(failed: outcome.failed)
        return try outcome.report.get()
    }

    /// A folder with no catalog is refused before the lock, which would leave its file behind
    /// in a folder that is not a site (`build site/public`); a `public/` holding the user's own
    /// files is refused before anything is paid for, not at rendering after the generation.
    /// The files the last render recorded (`Store.siteOutputs()`) prove a `public/` whose
    /// manifest was deleted by hand is still the site's.
    private func checkSiteFolder() async throws {
        let catalogFile = try SiteFolder(existing: options.siteDirectory).catalogFile
        guard FileManager.default.fileExists(atPath: catalogFile.path) else {
            throw CatalogError.missing(file: catalogFile.path)
        }
        let staging = SiteStaging(target: options.outputDirectory)
        do {
            try staging.checkOwnership()
        } catch {
            guard FileManager.default.fileExists(atPath: SiteFolder.stateFile(in: options.siteDirectory).path) else {
                throw error
            }
            let previous = try await Store(siteDirectory: options.siteDirectory).recordedSite().outputs
            try staging.checkOwnership(previous: previous)
        }
    }

    /// The stamp of the last complete build when nothing it was made from has changed since:
    /// the store's revision, the inputs' digest and the site's files. Reads no catalog, renders nothing.
    private func unchangedSite() async throws -> BuildStamp? {
        let database = SiteFolder.stateFile(in: options.siteDirectory)
        guard FileManager.default.fileExists(atPath: database.path) else { return nil }
        let store = try Store(siteDirectory: options.siteDirectory)
        guard let stamp = try await store.buildStamp(), stamp.revision == (try await store.revision()),
            stamp.inputs
                == BuildInputs.digest(
                    options: options,
                    templates: options.templates.map { .folder($0) } ?? TemplateSet.Origin(recorded: stamp.templates)
                ),
            let site = SiteDigest.compute(options.outputDirectory), site.digest == stamp.site, site.files == stamp.files
        else { return nil }
        return stamp
    }

    private struct Outcome {
        var report: Result<BuildReport, any Error>
        var failed: Bool {
            if case .failure = report { return true }
            return false
        }
    }

    /// What `body` returned or threw, so that clean-up can follow either.
    private static func outcome(_ body: () async throws -> BuildReport) async -> Outcome {
        do {
            return Outcome(report: .success(try await body()))
        } catch {
            return Outcome(report: .failure(error))
        }
    }
}

extension BuildPipeline where C == ContinuousClock {
    public init(
        options: BuildOptions,
        prices: PriceTable = .eggAPI,
        makeProvider: @escaping ProviderFactory,
        observer: any BuildObserver = SilentBuildObserver()
    ) {
        self.init(
            options: options,
            prices: prices,
            makeProvider: makeProvider,
            clock: ContinuousClock(),
            observer: observer
        )
    }
}
