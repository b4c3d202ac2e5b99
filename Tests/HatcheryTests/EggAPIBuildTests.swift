import Foundation
import Testing

@testable import Hatchery

/// Whole builds through the real client against the simulator.
@Suite struct EggAPIBuildTests {
    static let prompts = (0..<10).map { i in
        "id: p\(i)\nprompt: Prompt number \(i), a \(["red", "blue", "green"][i % 3]) landscape\n"
            + (i % 3 == 0 ? "model: nanobanana-pro\n" : "") + "num_outputs: \(1 + i % 3)"
    }

    @Test func aCleanRunMatchesTheProvidersLedgerToTheMicroDollar() async throws {
        let api = try await SimulatedEggAPI.start()
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(Self.prompts), to: "catalog.yaml")

        let report = try await api.build(site.url)
        #expect(report.completed == 10 && report.failed == 0 && report.images == 19)
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 10 && stats.duplicatedBodies == 0)
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && ours == ["nanobanana": 150_000, "nanobanana-pro": 64_000])

        let again = try await api.build(site.url)
        #expect(again.submitted == 0 && again.resumed == 0)
        #expect(await api.simulator.stats().tasksCreated == 10)

        // The key is nowhere on disk: not in the database (or its WAL), not in the site.
        let files = FileManager.default.enumerator(at: site.url, includingPropertiesForKeys: nil)!
        var checked = 0
        for case let file as URL in files {
            guard let data = try? Data(contentsOf: file) else { continue }
            #expect(data.firstRange(of: Data(api.apiKey.utf8)) == nil, "\(file.path) holds the API key")
            checked += 1
        }
        #expect(checked > 20)
        await api.stop()
    }

    @Test func aRunUnderEveryFaultEndsWithEveryPromptSettledAndNothingPaidTwice() async throws {
        let api = try await SimulatedEggAPI.start { configuration in
            configuration.seed = 42
            configuration.faults.rateLimited = 0.1
            configuration.faults.rateLimitedBare = 0.1
            configuration.faults.serverError = 0.1
            configuration.faults.serverErrorAfterCreate = 0.15
            configuration.faults.slow = 0.05
            configuration.faults.slowDelay = .milliseconds(800)
            configuration.faults.malformedJSON = 0.1
            configuration.faults.truncatedDownload = 0.2
            configuration.faults.moderationWord = "green"
            configuration.faults.firstDrawStrikes = true
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(Self.prompts), to: "catalog.yaml")

        // Four at a time: one POST per model is in flight whatever the concurrency. A paid task
        // whose output came truncated on every fetch of a build is fetched by the next build,
        // which pays for nothing: build until none is left (the draws of a shared generator
        // depend on the order requests arrive in, so how many builds that takes varies). On a
        // loaded machine a build may also stop when every retry of a request outlasts the 400 ms
        // the slow fault is measured against; the next build carries on from the store.
        var report: BuildReport?
        for _ in 0..<6 {
            do {
                report = try await api.build(site.url, concurrency: 4, timeout: .milliseconds(400))
            } catch let error as BuildError {
                guard case .transport? = error.underlying as? ProviderError else { throw error }
                report = nil
                continue
            }
            if let report, report.outputsPending + report.interrupted == 0 { break }
        }
        try #require(report != nil, "every build stopped on a timeout")
        let store = try Store(siteDirectory: site.url)
        let tasks = try await store.tasks()
        // Every prompt completed, failed with its reason, or (when the machine is so loaded that
        // timestamps can no longer tell our tasks from another client's) listed by `status` with
        // the tasks that could be its: never lost, never sent twice.
        var listed: Set<String> = []
        for prompt in (0..<10).map({ "p\($0)" }) {
            let last = tasks.last { $0.promptID == prompt }
            if last?.status == .unknown, last?.candidateTasks.isEmpty == false { listed.insert(prompt) }
            #expect(
                last?.status == .completed || (last?.status == .failed && last?.error?.isEmpty == false)
                    || listed.contains(prompt),
                "\(prompt): \(String(describing: last?.status)) \(last?.error ?? "")"
            )
        }
        let moderated = tasks.filter { $0.failureKind == .moderation }
        #expect(Set(moderated.map(\.promptID)) == Set(["p2", "p5", "p8"]).subtracting(listed))
        #expect(moderated.allSatisfy { $0.costMicros == 0 })

        let stats = await api.simulator.stats()
        #expect(stats.duplicatedBodies == 0, "\(stats.bodies)")
        // Ten prompts draw too few requests for every rate to strike by chance; the first draw
        // of each fault strikes, so this run meets all of them whatever order requests come in.
        let everyFault: Set = [
            "429-retry-after", "429-bare", "5xx", "5xx-after-create", "slow", "malformed-json",
            "truncated-download", "moderation",
        ]
        #expect(everyFault.subtracting(stats.faults.keys).isEmpty, "\(stats.faults)")
        if listed.isEmpty {
            let (ours, theirs) = try await api.ledgers(site.url)
            #expect(ours == theirs)
        }
        await api.stop()
    }

    @Test func insufficientBalanceStopsSubmittingFinishesWhatIsInFlightAndSaysSo() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.balance = Money(micros: 30_000) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog((0..<6).map { "id: q\($0)\nprompt: Cheap prompt \($0)" }), to: "catalog.yaml")

        let report = try await api.build(site.url, concurrency: 1)
        #expect(report.completed == 3)
        #expect(report.failed == 1 && report.skipped == 2)
        #expect(report.stoppedBecause?.contains("INSUFFICIENT_BALANCE") == true)
        let store = try Store(siteDirectory: site.url)
        #expect(try await store.tasks(status: .failed).map(\.failureKind) == [.balance])
        let (ours, theirs) = try await api.ledgers(site.url)
        #expect(ours == theirs && ours == ["nanobanana": 30_000])
        await api.stop()
    }

    @Test func anIntentLeftByADeadRunIsFoundInTheTaskListNotResent() async throws {
        let api = try await SimulatedEggAPI.start()
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        let spec = try CatalogLoader().load(from: site.url).prompts[0]

        // The dead run committed its intent, sent the POST, and died before writing the id.
        let store = try Store(siteDirectory: site.url)
        let run = try await store.startRun(provider: .eggapi)
        try await store.syncPrompts(["fox"])
        _ = try await store.recordIntent(of: spec, run: run, provider: .eggapi, estimate: Money(micros: 10_000))
        let remote = try await api.withClient(clock: ContinuousClock()) { try await $0.submit(GenerationRequest(spec)) }

        let report = try await api.build(site.url)
        #expect(report.submitted == 0 && report.resumed == 1 && report.completed == 1)
        #expect(try await store.tasks().map(\.remoteID) == [remote])
        #expect(await api.simulator.stats().tasksCreated == 1)
        await api.stop()
    }

    @Test func twoUnknownsThatCannotBeToldApartAreLeftForThePerson() async throws {
        let api = try await SimulatedEggAPI.start()
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let (store, _) = try await intentsOfADeadRun(api, in: site)

        let report = try await api.build(site.url)
        #expect(report.ambiguous == 2 && report.submitted == 0)
        let unknown = try await store.tasks(status: .unknown)
        #expect(unknown.count == 2)
        #expect(await api.simulator.stats().tasksCreated == 2)

        // `status` names the candidates, and `settle --adopt` takes them. (Elimination does not
        // settle the second: the one left could also be another client's task made at the same
        // moment as the first, while the second request created nothing.)
        let status = try await ChildProcess.run(KilledRunTests.binary, ["status", site.url.path])
        let candidates = try #require(unknown.first?.candidateTasks.map(\.remoteID))
        #expect(candidates.count == 2 && candidates.allSatisfy { status.contains($0) } && status.contains("could be:"))
        let environment = ["EGGAPI_API_KEY": api.apiKey, "EGGAPI_BASE_URL": api.simulator.baseURL.absoluteString]
        func settle(_ arguments: [String]) async throws -> (status: Int32, output: String) {
            let result = await
                (try ChildProcess(
                    KilledRunTests.binary,
                    ["settle", site.url.path] + arguments,
                    environment: environment,
                    capturingErrors: true
                )).finish()
            return (result.status, result.output)
        }
        // A wrong id is refused before anything is written: unknown to the provider, not a
        // candidate, or not an id at all.
        let first = try #require(unknown.first?.id)
        for wrong in ["gen_nope", "gen_000001/../x", "gen_999999_abcdef01"] {
            let refused = try await settle([String(first), "--adopt", wrong])
            #expect(refused.status != 0 && !refused.output.contains("is now"), "\(wrong): \(refused.output)")
        }
        #expect(try await store.task(id: first)?.status == .unknown)
        for (task, remote) in zip(unknown, candidates) {
            let adopted = try await settle([String(task.id!), "--adopt", remote])
            #expect(adopted.status == 0, "\(adopted.output)")
        }
        let after = try await api.build(site.url)
        #expect(after.completed == 2 && after.submitted == 0 && after.unknown == 0)
        #expect(await api.simulator.stats().tasksCreated == 2)
        await api.stop()
    }

    @Test func aWebhookOnARequestsOwnPathSettlesWhatTheTaskListCannot() async throws {
        // The same two indistinguishable unknowns as above, but each request carried its own
        // webhook path, and each path received its task's webhook: both are adopted.
        let api = try await SimulatedEggAPI.start()
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let (store, claims) = try await intentsOfADeadRun(api, in: site, webhookTokens: true)
        let provider = EggAPIClient(configuration: api.configuration())
        let outcome = try await UnknownTaskSettler(provider: provider, store: store, webhookClaims: claims).settle()
        await provider.shutdown()
        #expect(outcome.adopted.count == 2 && outcome.ambiguous.isEmpty)
        #expect(Set(try await store.tasks().compactMap(\.remoteID)) == Set(claims.values))
        await api.stop()
    }

    /// A run that committed two intents of one model, sent both (each created its task) and
    /// died before writing either id. Returns the store and, per request's webhook token (when
    /// `webhookTokens`), the remote id it created.
    func intentsOfADeadRun(
        _ api: SimulatedEggAPI,
        in site: TemporaryDirectory,
        webhookTokens: Bool = false
    ) async throws -> (Store, [String: String]) {
        _ = try site.write(eggCatalog(["id: a\nprompt: A fox", "id: b\nprompt: A hare"]), to: "catalog.yaml")
        let specs = try CatalogLoader().load(from: site.url).prompts
        let store = try Store(siteDirectory: site.url)
        let run = try await store.startRun(provider: .eggapi)
        try await store.syncPrompts(["a", "b"])
        var created: [String: String] = [:]
        try await api.withClient(clock: ContinuousClock()) { client in
            for (index, spec) in specs.enumerated() {
                var request = GenerationRequest(spec)
                if webhookTokens {
                    request.webhookURL = TaskRunner<ContinuousClock>.webhookURL(
                        base: "http://127.0.0.1:9/hooks",
                        token: "tok\(index)"
                    )
                }
                _ = try await store.recordIntent(
                    promptID: spec.id,
                    runID: run,
                    fingerprint: Fingerprint(spec, provider: .eggapi),
                    provider: .eggapi,
                    request: request,
                    estimate: Money(micros: 10_000)
                )
                created["tok\(index)"] = try await client.submit(request)
            }
        }
        return (store, created)
    }
}
