import AsyncHTTPClient
import EggAPISimulator
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import Hatchery

/// The simulator on 127.0.0.1 with a fresh key, and clients and builds pointed at it.
struct SimulatedEggAPI {
    let simulator: Simulator
    let apiKey: String

    static func start(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> SimulatedEggAPI {
        let key = "egg_sk_test_\(UUID().uuidString.prefix(8))"
        var configuration = SimulatorConfiguration(apiKey: key)
        configuration.latency = .milliseconds(200)
        configuration.imageLongSide = 96
        configure(&configuration)
        var quiet = Logger(label: "eggapi-sim")
        quiet.logLevel = .critical
        return SimulatedEggAPI(simulator: try await Simulator.start(configuration, logger: quiet), apiKey: key)
    }

    /// Fast retries for tests; Retry-After is still obeyed, up to a short cap.
    func configuration(timeout: Duration = .seconds(10)) -> EggAPIConfiguration {
        EggAPIConfiguration(
            baseURL: simulator.baseURL,
            apiKey: APIKey(apiKey),
            requestTimeout: timeout,
            retry: RetryPolicy(
                maxAttempts: 8,
                base: .milliseconds(20),
                cap: .milliseconds(200),
                retryAfterCap: .milliseconds(300)
            )
        )
    }

    /// Runs `body` with a client that is shut down however `body` ends: an HTTP client
    /// dropped without shutdown stops the whole test process.
    func withClient<C: Clock, T>(
        clock: C,
        configuration: EggAPIConfiguration? = nil,
        _ body: (EggAPIClient<C>) async throws -> T
    ) async throws -> T where C.Duration == Duration {
        let client = EggAPIClient(configuration: configuration ?? self.configuration(), clock: clock)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    func build(_ site: URL, concurrency: Int = 4, timeout: Duration = .seconds(10)) async throws -> BuildReport {
        let configuration = configuration(timeout: timeout)
        let options = BuildOptions(siteDirectory: site, concurrency: concurrency, pollInterval: .milliseconds(50))
        return try await BuildPipeline(options: options) { _ in EggAPIClient(configuration: configuration) }.run()
    }

    /// Hatchery's spend on EggAPI per model, and the simulator's own ledger, in micro-dollars.
    func ledgers(_ site: URL) async throws -> (hatchery: [String: Int64], provider: [String: Int64]) {
        let store = try Store(siteDirectory: site)
        let ours = try await store.spend(by: [.model], filter: SpendFilter(provider: .eggapi)).rows
        let theirs = try await withClient(clock: ContinuousClock()) { try await $0.usageSummary() }
        return (
            Dictionary(uniqueKeysWithValues: ours.filter { $0.costMicros > 0 }.map { ($0.model ?? "", $0.costMicros) }),
            Dictionary(uniqueKeysWithValues: theirs.filter { $0.cost.micros > 0 }.map { ($0.model, $0.cost.micros) })
        )
    }

    func stop() async {
        await simulator.stop()
    }
}

/// A catalog for the eggapi provider.
func eggCatalog(_ prompts: [String]) -> String {
    Fixtures.catalog(prompts).replacingOccurrences(of: "provider: local", with: "provider: eggapi")
}

/// A clock that does not sleep: it records what it was asked to wait.
final class RecordingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = ContinuousClock.Instant

    private let waits = Mutex<[Duration]>([])

    var now: Instant { ContinuousClock.now }
    var minimumResolution: Duration { .zero }
    var recorded: [Duration] { waits.withLock { $0 } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let wait = ContinuousClock.now.duration(to: deadline)
        waits.withLock { $0.append(wait) }
    }
}

/// A clock whose waits do not run out while a test lasts (ten minutes each): whatever ends a
/// wait early (a webhook, a cancellation) is what the test observes. `expired` counts waits
/// that did run out, which a test expects to be zero.
final class StallingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    typealias Instant = ContinuousClock.Instant

    private let runOut = Mutex(0)

    var now: Instant { ContinuousClock.now }
    var minimumResolution: Duration { .zero }
    var expired: Int { runOut.withLock { $0 } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await Task.sleep(for: .seconds(600))
        runOut.withLock { $0 += 1 }
    }
}

/// A clock that moves only when someone sleeps on it: each sleep returns at once and moves
/// `now` to its deadline, so a test can follow a task for "hours" in no time.
final class VirtualClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    struct Instant: InstantProtocol {
        var offset: Swift.Duration
        func advanced(by duration: Swift.Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Swift.Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    private let sleeps = Mutex(0)

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .zero }
    var sleepCount: Int { sleeps.withLock { $0 } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        sleeps.withLock { $0 += 1 }
        await Task.yield()
    }
}

/// One answer of the simulator read as raw HTTP: status, headers, bytes, and the JSON envelope.
struct RawAnswer {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    /// `data` of the envelope, as an object.
    var object: [String: Any] { json["data"] as? [String: Any] ?? [:] }
}

extension SimulatedEggAPI {
    /// One raw request, with the key unless `authorized` is false; `path` may be a whole URL.
    func raw(
        _ method: HTTPMethod,
        _ path: String,
        body: String? = nil,
        authorized: Bool = true
    ) async throws -> RawAnswer {
        let url = path.hasPrefix("http") ? path : simulator.baseURL.absoluteString + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        if authorized { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        // A generous bound: the suite shares two cores with a JVM and a browser.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 64 << 20))
        let headers = Dictionary(
            response.headers.map { ($0.name.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first }
        )
        return RawAnswer(status: Int(response.status.code), headers: headers, body: data)
    }

    /// Creates a task and returns the POST's task object.
    func post(
        model: String = "nanobanana",
        prompt: String,
        outputs: Int = 1,
        aspect: String = "16:9"
    ) async throws -> [String: Any] {
        let body = #"{"model":"\#(model)","prompt":"\#(prompt)","num_outputs":\#(outputs),"aspect_ratio":"\#(aspect)"}"#
        let answer = try await raw(.POST, "/v1/generate", body: body)
        #expect(answer.status == 202, "POST: \(String(decoding: answer.body, as: UTF8.self))")
        return answer.object
    }

    /// Polls the simulator's own stats (no fault applies to them) until `done` holds; gives up,
    /// recording an issue, after 3,000 polls so that a broken simulator cannot hang the suite.
    func waitUntil(_ done: (SimulatorStats) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<3000 {
            if done(await simulator.stats()) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the simulator never reached the awaited state", sourceLocation: sourceLocation)
    }

    /// Waits until every task the stats list is completed, failed or canceled.
    func waitForEveryTaskToEnd() async throws {
        try await waitUntil { $0.tasks.allSatisfy { ["completed", "failed", "canceled"].contains($0.status) } }
    }
}
