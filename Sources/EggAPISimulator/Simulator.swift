import Synchronization
import Foundation
import Hummingbird
import Logging
import Hatchery

/// A running EggAPI simulator on loopback.
public final class Simulator: Sendable {
    public let baseURL: URL
    private let state: SimulatorState
    private let server: RunningServer

    public var port: Int { server.port }

    private init(baseURL: URL, state: SimulatorState, server: RunningServer) {
        self.baseURL = baseURL
        self.state = state
        self.server = server
    }

    /// Starts serving and returns once the port is bound.
    public static func start(_ configuration: SimulatorConfiguration, logger: Logger = Logger(label: "eggapi-sim")) async throws -> Simulator {
        let state = SimulatorState(configuration: configuration)
        let base = BaseURLBox()
        let router = Router()
        let webhooks = WebhookSender(state: state, configuration: configuration, baseURL: { base.value })
        SimulatorRoutes(state: state, configuration: configuration, baseURL: { base.value }, webhooks: webhooks).register(on: router)
        let server = try await RunningServer.start(router: router, host: configuration.host, port: configuration.port,
                                                   name: "eggapi-sim", logger: logger)
        let url = URL(string: "http://\(configuration.host):\(server.port)")!
        base.set(url.absoluteString)
        return Simulator(baseURL: url, state: state, server: server)
    }

    /// Blocks until the server stops (for the command-line simulator).
    public func wait() async throws {
        try await server.wait()
    }

    public func stop() async {
        await server.stop()
    }

    /// How many tasks each distinct request body created: more than one means paid twice.
    public func stats() async -> SimulatorStats {
        await state.stats()
    }
}

/// The base URL, known only once the port is bound.
final class BaseURLBox: Sendable {
    private let storage = Mutex("")
    var value: String { storage.withLock { $0 } }
    func set(_ value: String) { storage.withLock { $0 = value } }
}
