import Foundation
import Hatchery
import Hummingbird
import Logging
import Synchronization

/// A running EggAPI simulator on loopback, and its second origin for outputs when the shape
/// plan serves any from there.
public final class Simulator: Sendable {
    public let baseURL: URL
    /// The second origin (`http://host:port`), nil unless `shapes.outputOrigins` holds `.cdn`.
    public let outputBaseURL: URL?
    private let state: SimulatorState
    private let server: RunningServer
    private let outputServer: RunningServer?

    public var port: Int { server.port }

    private init(
        baseURL: URL,
        outputBaseURL: URL?,
        state: SimulatorState,
        server: RunningServer,
        outputServer: RunningServer?
    ) {
        self.baseURL = baseURL
        self.outputBaseURL = outputBaseURL
        self.state = state
        self.server = server
        self.outputServer = outputServer
    }

    /// Starts serving and returns once the port (and the output port, if any) is bound.
    public static func start(
        _ configuration: SimulatorConfiguration,
        logger: Logger = Logger(label: "eggapi-sim")
    ) async throws -> Simulator {
        let state = SimulatorState(configuration: configuration)
        let files = OutputFiles(state: state, configuration: configuration)
        var outputServer: RunningServer?
        var outputURL: URL?
        if configuration.shapes.needsOutputOrigin {
            let started = try await OutputOriginServer(state: state, files: files)
                .start(host: configuration.host, port: configuration.outputPort, logger: logger)
            outputServer = started
            outputURL = URL(string: "http://\(configuration.host):\(started.port)")!
        }
        let base = BaseURLBox()
        let router = Router()
        let origins = Origins(api: { base.value }, outputs: outputURL?.absoluteString)
        let webhooks = WebhookSender(state: state, configuration: configuration, origins: origins)
        SimulatorRoutes(state: state, configuration: configuration, origins: origins, webhooks: webhooks, files: files)
            .register(on: router)
        let server: RunningServer
        do {
            server = try await RunningServer.start(
                router: router,
                host: configuration.host,
                port: configuration.port,
                name: "eggapi-sim",
                logger: logger
            )
        } catch {
            await outputServer?.stop()
            throw error
        }
        let url = URL(string: "http://\(configuration.host):\(server.port)")!
        base.set(url.absoluteString)
        return Simulator(
            baseURL: url,
            outputBaseURL: outputURL,
            state: state,
            server: server,
            outputServer: outputServer
        )
    }

    /// Blocks until the server stops (for the command-line simulator).
    public func wait() async throws {
        try await server.wait()
    }

    public func stop() async {
        await server.stop()
        await outputServer?.stop()
    }

    /// Tasks created from now on take `latency`, and tasks in flight end within it: a test
    /// holds tasks open with a long latency until an event, then lets them finish.
    public func setLatency(_ latency: Duration) async {
        await state.setLatency(latency, now: Date())
    }

    /// What the simulator did: tasks per request body (more than one means paid twice), the
    /// ledger, foreign tasks, keys seen at the output origin, and every task.
    public func stats() async -> SimulatorStats {
        await state.stats(outputBase: outputBaseURL?.absoluteString)
    }
}

/// The base URL, known only once the port is bound.
final class BaseURLBox: Sendable {
    private let storage = Mutex("")
    var value: String { storage.withLock { $0 } }
    func set(_ value: String) { storage.withLock { $0 = value } }
}

/// Where URLs point: the API's origin (known once bound) and the second origin, if any.
struct Origins: Sendable {
    let api: @Sendable () -> String
    let outputs: String?
}
