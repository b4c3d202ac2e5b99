import Foundation
import GRDB
import Synchronization
import Testing

@testable import Hatchery

/// What a build tells its observer, kept for the test to read.
final class RecordingObserver: BuildObserver {
    struct Step: Equatable {
        var index: Int
        var count: Int
        var name: String
    }

    private let events = Mutex<(started: [Step], finished: [Step], notes: [String], batches: [String])>(
        ([], [], [], [])
    )
    /// Per batch title, how many of its tasks were said to end, and whether the batch was said to end.
    private let progress = Mutex<(current: String, done: [String: Int], ended: [String])>(("", [:], []))

    var started: [Step] { events.withLock { $0.started } }
    var finished: [Step] { events.withLock { $0.finished } }
    var notes: [String] { events.withLock { $0.notes } }
    var batches: [String] { events.withLock { $0.batches } }
    var done: [String: Int] { progress.withLock { $0.done } }
    var ended: [String] { progress.withLock { $0.ended } }

    func stepStarted(index: Int, count: Int, name: String) {
        events.withLock { $0.started.append(Step(index: index, count: count, name: name)) }
    }

    func stepFinished(index: Int, count: Int, name: String) {
        events.withLock { $0.finished.append(Step(index: index, count: count, name: name)) }
    }

    func tasksStarted(_ title: String, total: Int) {
        events.withLock { $0.batches.append("\(title) \(total)") }
        progress.withLock { $0.current = title }
    }

    func taskFinished(failed: Bool) {
        progress.withLock { $0.done[$0.current, default: 0] += 1 }
    }

    func tasksFinished() {
        progress.withLock { $0.ended.append($0.current) }
    }

    func note(_ text: String) {
        events.withLock { $0.notes.append(text) }
    }
}

/// The local provider, counting how often it is shut down.
final class ShutdownCountingProvider: GenerationProvider {
    private let local = LocalProvider()
    private let count = Mutex(0)
    var shutdowns: Int { count.withLock { $0 } }

    var kind: ProviderKind { local.kind }
    func submit(_ request: GenerationRequest) async throws -> String { try await local.submit(request) }
    func task(id: String) async throws -> ProviderTask { try await local.task(id: id) }
    func download(_ output: URL) async throws -> Data { try await local.download(output) }
    func tasks(createdSince date: Date) async throws -> [ProviderTask] { try await local.tasks(createdSince: date) }
    func shutdown() async { count.withLock { $0 += 1 } }
}

/// The build as a list of steps: the count and the progress come from the list, an error names
/// its step, and what the build opened is let go of in one place however it ends.
@Suite struct BuildProgressTests {
    static let readmeSteps = [
        "Load catalog", "Open store, templates and provider", "Settle and resume unfinished tasks", "Plan",
        "Generate 2 of 2 prompts", "Make web images", "Render gallery",
    ]

    func site(
        _ catalog: String = Fixtures.catalog(["id: fox\nprompt: A red fox", "id: owl\nprompt: An owl at night"])
    ) throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        _ = try site.write(catalog, to: "catalog.yaml")
        return site
    }

    func runStatuses(_ site: URL) async throws -> [String] {
        try await Store(siteDirectory: site).pool.read { db in
            try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY id")
        }
    }

    @Test func stepsAreNumberedFromTheCountAndAnErrorNamesItsStep() async throws {
        struct Refused: Error {}
        let observer = RecordingObserver()
        var progress = StepProgress(count: 3, observer: observer)
        #expect(try await progress.run("First") { 1 } == 1)
        _ = try await progress.run("Second") { "two" }
        do {
            _ = try await progress.run("Third") { () async throws -> Int in throw Refused() }
            Issue.record("the third step should have failed")
        } catch let error as BuildError {
            #expect(error.step == "Third" && error.underlying is Refused)
        }
        #expect(
            observer.started == [
                .init(index: 1, count: 3, name: "First"), .init(index: 2, count: 3, name: "Second"),
                .init(index: 3, count: 3, name: "Third"),
            ]
        )
        #expect(observer.finished.map(\.index) == [1, 2])
    }

    @Test func aLocalBuildCountsItsSevenSteps() async throws {
        let site = try site()
        defer { site.cleanup() }
        let observer = RecordingObserver()
        let report = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url), observer: observer).run()
        #expect(report.isCompleteAndShown)
        #expect(observer.started.map(\.name) == Self.readmeSteps)
        #expect(observer.started.map(\.index) == Array(1...7) && observer.started.allSatisfy { $0.count == 7 })
        #expect(observer.finished.count == 7)
        #expect(observer.batches == ["Generating 2", "Making web images 2"])
    }

    @Test func makingWebImagesReportsEachOriginalAsGeneratingDoes() async throws {
        let site = try site(
            Fixtures.catalog(["id: fox\nprompt: A red fox\nnum_outputs: 3", "id: owl\nprompt: An owl at night"])
        )
        defer { site.cleanup() }
        let observer = RecordingObserver()
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url), observer: observer).run()
        #expect(observer.batches.last == "Making web images 4")
        #expect(observer.done["Making web images"] == 4 && observer.ended.last == "Making web images")

        // Web images already made: nothing to convert, no batch.
        _ = try site.write(
            Fixtures.catalog([
                "id: fox\nprompt: A red fox\nnum_outputs: 3\ntitle: Fox", "id: owl\nprompt: An owl at night",
            ]),
            to: "catalog.yaml"
        )
        let again = RecordingObserver()
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url), observer: again).run()
        #expect(again.batches.isEmpty)
    }

    @Test func webhookListeningOnALocalCatalogCountsEveryStepItShows() async throws {
        // The step count was written by hand (7, or 8 with --webhook-listen): on a local catalog
        // the listening step was skipped and the build ended at [7/8].
        let site = try site()
        defer { site.cleanup() }
        var options = BuildOptions(siteDirectory: site.url)
        options.webhooks = WebhookOptions(host: "127.0.0.1", port: 0, url: "http://127.0.0.1/hooks", secret: "s")
        let observer = RecordingObserver()
        let report = try await BuildPipeline(options: options, observer: observer).run()
        #expect(report.completed == 2 && report.webhooks == nil)
        #expect(observer.started.map(\.index) == Array(1...8) && observer.started.allSatisfy { $0.count == 8 })
        #expect(observer.started[2].name == "Listen for webhooks: not needed, the local provider sends none")
        #expect(observer.started.last?.name == "Render gallery")
    }

    @Test func webhookListeningOnEggAPIIsTheThirdOfEightSteps() async throws {
        let api = try await SimulatedEggAPI.start { $0.webhookSecret = "whsec_steps" }
        let site = try site(eggCatalog(["id: w0\nprompt: Webhook prompt"]))
        defer { site.cleanup() }
        // Below the ephemeral ports (Linux: 32768 and up), which outgoing connections take.
        let port = 20_000 + Int.random(in: 0..<12_000)
        var options = BuildOptions(siteDirectory: site.url, pollInterval: .milliseconds(50))
        options.webhooks = WebhookOptions(
            host: "127.0.0.1",
            port: port,
            url: "http://127.0.0.1:\(port)/hooks",
            secret: "whsec_steps"
        )
        let configuration = api.configuration()
        let observer = RecordingObserver()
        let report = try await BuildPipeline(
            options: options,
            makeProvider: { _ in EggAPIClient(configuration: configuration) },
            observer: observer
        ).run()
        #expect(report.completed == 1 && report.webhooks != nil)
        #expect(observer.started.map(\.index) == Array(1...8) && observer.started.allSatisfy { $0.count == 8 })
        #expect(observer.started[2].name == "Listen for webhooks")
        await api.stop()
    }

    @Test func aFailedStepIsNamedAndWhatTheBuildHeldIsLetGo() async throws {
        let site = try site()
        defer { site.cleanup() }
        let provider = ShutdownCountingProvider()
        var options = BuildOptions(siteDirectory: site.url)
        options.selection = Selection(only: ["nosuch"])
        await #expect {
            _ = try await BuildPipeline(options: options, makeProvider: { _ in provider }).run()
        } throws: { error in
            (error as? BuildError)?.step == "Plan"
        }
        #expect(try await runStatuses(site.url) == ["failed"])
        #expect(provider.shutdowns == 1)
        let free = try #require(
            try SiteLock.attempt(siteDirectory: site.url, for: .build),
            "the failed build let go of the lock"
        )
        free.release()

        // A build that ends well shuts its provider down once too, and records its run succeeded.
        options.selection = .all
        let report = try await BuildPipeline(options: options, makeProvider: { _ in provider }).run()
        #expect(report.completed == 2 && provider.shutdowns == 2)
        #expect(try await runStatuses(site.url) == ["failed", "succeeded"])
    }

    @Test func aListenerThatCannotStartFailsBeforeTheRunStarts() async throws {
        let site = try site(eggCatalog(["id: w0\nprompt: Webhook prompt"]))
        defer { site.cleanup() }
        let taken = try await WebhookReceiver.start(
            host: "127.0.0.1",
            port: 0,
            verifier: WebhookVerifier(secret: "s"),
            signals: CompletionSignals()
        )
        let provider = ShutdownCountingProvider()
        var options = BuildOptions(siteDirectory: site.url)
        options.webhooks = WebhookOptions(
            host: "127.0.0.1",
            port: taken.port,
            url: "http://127.0.0.1/hooks",
            secret: "s"
        )
        await #expect {
            _ = try await BuildPipeline(options: options, makeProvider: { _ in provider }).run()
        } throws: { error in
            (error as? BuildError)?.step == "Listen for webhooks"
        }
        await taken.stop()
        // As before the steps were a list: no run is recorded for a build that could not listen.
        #expect(try await runStatuses(site.url).isEmpty)
        #expect(provider.shutdowns == 1)
    }

    @Test(
        "one rule for a complete build",
        arguments: ["failed", "unknown", "ambiguous", "interrupted", "outputsPending", "skipped"]
    )
    func anythingLeftForLaterMakesABuildIncomplete(counter: String) throws {
        let counters: [String: WritableKeyPath<BuildReport, Int>] = [
            "failed": \.failed, "unknown": \.unknown, "ambiguous": \.ambiguous, "interrupted": \.interrupted,
            "outputsPending": \.outputsPending, "skipped": \.skipped,
        ]
        var report = BuildReport(plan: Plan(provider: .local, items: []), output: URL(fileURLWithPath: "/tmp/public"))
        #expect(report.isComplete && report.isCompleteAndShown)
        report[keyPath: try #require(counters[counter])] = 1
        #expect(!report.isComplete && !report.isCompleteAndShown)
    }

    @Test func aCompleteBuildIsStampedOnlyWhenItsSiteShowsEverything() {
        var report = BuildReport(plan: Plan(provider: .local, items: []), output: URL(fileURLWithPath: "/tmp/public"))
        report.promptsWithoutImages = 1
        #expect(report.isComplete && !report.isCompleteAndShown)
        report.promptsWithoutImages = 0
        report.derivation.failures = [.init(original: "ab", reason: "libvips could not read it.")]
        #expect(report.isComplete && !report.isCompleteAndShown)
        report.derivation.failures = []
        report.stoppedBecause = "403 INSUFFICIENT_BALANCE"
        #expect(!report.isComplete)
    }

    @Test func theCommandWritesEachStepOnStderrFromTheList() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: KilledRunTests.binary.path), "build first: swift build")
        let site = try site()
        defer { site.cleanup() }
        let build = try ChildProcess(
            KilledRunTests.binary,
            [
                "build", site.url.path, "--webhook-listen", "127.0.0.1:0",
                "--webhook-url", "http://127.0.0.1/hooks",
            ],
            environment: [HatcheryEnvironment.Variable.webhookSecret.rawValue: "s"],
            capturingErrors: true
        )
        let result = await build.finish()
        #expect(result.status == 0, "\(result.output)")
        #expect(
            result.output.contains("[1/8] Load catalog\n") && result.output.contains("[8/8] Render gallery\n"),
            "\(result.output)"
        )
        #expect(result.output.contains("Generating: 2/2\n"))

        let fresh = try self.site()
        defer { fresh.cleanup() }
        let quiet = await
            (try ChildProcess(
                KilledRunTests.binary,
                ["build", fresh.url.path, "--quiet"],
                environment: [:],
                capturingErrors: true
            )).finish()
        #expect(quiet.status == 0 && !quiet.output.contains("[1/"), "\(quiet.output)")
    }

    @Test func theFlagsTheCommandParsedOnceReachTheBuild() async throws {
        // `validate` reads --max-spend, --poll-interval and --task-timeout and keeps them for
        // `run`: the cap the build applies is the one validated.
        let site = try site()
        defer { site.cleanup() }
        let result = await
            (try ChildProcess(
                KilledRunTests.binary,
                [
                    "build", site.url.path, "--quiet", "--max-spend", "0.01",
                    "--poll-interval", "0.5", "--task-timeout", "1",
                ],
                environment: [:],
                capturingErrors: true
            )).finish()
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("budget: $0.0100 spent of $0.0100 allowed"), "\(result.output)")
        #expect(result.output.contains("over budget, not submitted: 1 prompts"), "\(result.output)")
    }
}
