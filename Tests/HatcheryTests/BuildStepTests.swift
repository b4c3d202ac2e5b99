import Foundation
import GRDB
import Logging
import Testing

@testable import Hatchery

/// Each step of a build run on its own, over a context opened as a build opens it: a real site
/// folder, a real SQLite store, the local provider.
@Suite struct BuildStepTests {
    let prompts = [
        "id: fox\nprompt: A red fox in fresh snow",
        "id: whale\nprompt: A blue whale under a calm sea\nnum_outputs: 2",
    ]

    /// The context of a build of `site`, opened by `BuildOpening` (the lock aside).
    func open(
        _ site: TemporaryDirectory,
        provider: any GenerationProvider = LocalProvider(),
        observer: any BuildObserver = SilentBuildObserver(),
        _ configure: (inout BuildOptions) -> Void = { _ in }
    ) async throws -> (context: BuildContext<ContinuousClock>, held: HeldResources) {
        var options = BuildOptions(siteDirectory: site.url)
        configure(&options)
        let opening = BuildOpening(
            options: options,
            prices: .eggAPI,
            makeProvider: { _ in provider },
            clock: ContinuousClock(),
            logger: Logger(label: "test"),
            observer: observer
        )
        var progress = StepProgress(count: opening.stepCount, observer: observer)
        var held = HeldResources()
        let context = try await opening.open(&progress, holding: &held)
        #expect(progress.index == opening.stepCount)
        return (context, held)
    }

    func site(extra: String = "") throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        _ = try site.write(Fixtures.catalog(prompts, extra: extra), to: "catalog.yaml")
        return site
    }

    func runStatuses(_ store: Store) async throws -> [String] {
        try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY id") }
    }

    @Test func theOpeningLoadsOpensAndStartsTheRunWithItsBudget() async throws {
        let site = try site(extra: "budget: 1.00")
        defer { site.cleanup() }
        let (context, held) = try await open(site) { $0.maxSpend = Money(micros: 20_000) }
        #expect(context.catalog.prompts.map(\.id) == ["fox", "whale"])
        #expect(context.concurrency == 2)
        #expect(try await runStatuses(context.store) == ["running"])
        #expect(held.run?.id == context.runID && held.provider != nil && held.receiver == nil)
        // The tighter of --max-spend and what is left of the catalog's budget.
        #expect(await context.budget?.cap == Money(micros: 20_000))
        #expect(context.runner.budget === context.budget)
        await held.release(failed: false)
        #expect(try await runStatuses(context.store) == ["running"])

        let (loose, heldLoose) = try await open(site)
        #expect(await loose.budget?.cap == Money(micros: 1_000_000))
        await heldLoose.release(failed: true)
        #expect(try await runStatuses(loose.store) == ["running", "failed"])
    }

    @Test func listeningForWebhooksOnALocalCatalogIsAStepThatListensToNothing() async throws {
        let site = try site()
        defer { site.cleanup() }
        let observer = RecordingObserver()
        let (context, held) = try await open(site, observer: observer) {
            $0.webhooks = WebhookOptions(host: "127.0.0.1", port: 0, url: "http://127.0.0.1/hooks", secret: "s")
        }
        #expect(
            observer.started.map(\.name) == [
                "Load catalog", "Open store, templates and provider",
                "Listen for webhooks: not needed, the local provider sends none",
            ]
        )
        #expect(observer.started.map(\.count) == [3, 3, 3])
        #expect(context.webhooks == nil && context.runner.webhookURL == nil && held.receiver == nil)
        await held.release(failed: false)
    }

    @Test func settleAndResumeFollowsWhatAnEarlierRunSubmitted() async throws {
        let site = try site()
        defer { site.cleanup() }
        // The provider outlives the earlier run, as EggAPI's tasks do.
        let provider = LocalProvider()
        var (context, held) = try await open(site, provider: provider)
        let spec = try #require(context.catalog.prompts.first)
        let request = GenerationRequest(spec)
        try await context.store.syncPrompts(context.catalog.prompts.map(\.id))
        let earlier = try await context.store.startRun(provider: .local)
        let intent = try await context.store.recordIntent(
            promptID: spec.id,
            runID: earlier,
            fingerprint: Fingerprint(provider: .local, request: request),
            provider: .local,
            request: request,
            estimate: Money(micros: 10_000)
        )
        _ = try await context.store.recordSubmitted(
            taskID: try #require(intent.id),
            remoteID: try await provider.submit(request)
        )

        try await BuildStep<ContinuousClock>.settleAndResume.run(&context)
        #expect(context.report.resumed == 1 && context.report.completed == 1 && context.report.images == 1)
        #expect(context.report.submitted == 0 && context.report.cost == Money(micros: 10_000))
        #expect(try await context.store.tasks(status: .completed).count == 1)
        await held.release(failed: false)
    }

    @Test func planDecidesEveryPromptAndSaysWhenTheBudgetWillNotStretch() async throws {
        let site = try site()
        defer { site.cleanup() }
        let observer = RecordingObserver()
        var (context, held) = try await open(site, observer: observer) { $0.maxSpend = Money(micros: 10_000) }
        try await BuildStep<ContinuousClock>.plan.run(&context)
        #expect(context.report.plan.count(.new) == 2 && context.report.plan.estimatedCost == Money(micros: 30_000))
        #expect(
            observer.notes == [
                "The plan's estimate, $0.0300, is over what the budget allows ($0.0100): submitting what fits."
            ]
        )
        await held.release(failed: false)
    }

    @Test func generateSubmitsThePlanWithinTheBudgetAndSaysWhatItSkipped() async throws {
        let site = try site()
        defer { site.cleanup() }
        var (context, held) = try await open(site) { $0.maxSpend = Money(micros: 10_000) }
        try await BuildStep<ContinuousClock>.plan.run(&context)
        #expect(BuildStep<ContinuousClock>.generate.name(context) == "Generate 2 of 2 prompts")
        try await BuildStep<ContinuousClock>.generate.run(&context)
        // fox ($0.0100) fits; whale (two images, $0.0200) would pass the cap.
        #expect(context.report.submitted == 1 && context.report.completed == 1 && context.report.skipped == 1)
        let budget = try #require(context.report.budget)
        #expect(
            budget.spent == Money(micros: 10_000) && budget.skipped == ["whale"]
                && budget.skippedCost == Money(micros: 20_000)
        )
        #expect(context.report.stoppedBecause == nil && context.report.unknown == 0)
        #expect(!context.report.isComplete)
        await held.release(failed: false)
    }

    @Test func makeWebImagesGivesEveryShownOriginalItsWebSizes() async throws {
        let site = try site()
        defer { site.cleanup() }
        var (context, held) = try await open(site)
        for step in [BuildStep<ContinuousClock>.plan, .generate, .makeWebImages] { try await step.run(&context) }
        #expect(context.report.derivation.made == 3 && context.report.derivation.failures.isEmpty)
        #expect(Set(context.webImages.records.map(\.originalSha256)).count == 3)
        await held.release(failed: false)
    }

    @Test func renderGalleryWritesTheSiteAndCountsPromptsShownWithoutImages() async throws {
        let site = try site()
        defer { site.cleanup() }
        var (context, held) = try await open(site)
        // Nothing generated yet: the site shows both prompts, without images.
        try await BuildStep<ContinuousClock>.plan.run(&context)
        try await BuildStep<ContinuousClock>.renderGallery.run(&context)
        #expect(context.report.render.filesWritten > 0 && context.report.promptsWithoutImages == 2)
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/prompts/fox.html").path))
        // Complete (no task left for later), but not stamped: the site does not show everything.
        #expect(context.report.isComplete && !context.report.isCompleteAndShown)
        _ = try await context.finish()
        #expect(try await context.store.buildStamp() == nil)
        #expect(try await runStatuses(context.store) == ["succeeded"])
        await held.release(failed: false)
    }

    @Test func finishStampsABuildThatIsCompleteAndShowsEverything() async throws {
        let site = try site()
        defer { site.cleanup() }
        var (context, held) = try await open(site)
        for step in BuildPipeline<ContinuousClock>.steps { try await step.run(&context) }
        #expect(context.report.isCompleteAndShown)
        let report = try await context.finish()
        let stamp = try #require(try await context.store.buildStamp())
        #expect(stamp.prompts == 2 && stamp.images == 3 && report.completed == 2)
        #expect(try await runStatuses(context.store) == ["succeeded"])
        await held.release(failed: false)
    }
}
