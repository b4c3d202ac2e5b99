import Synchronization
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A running EggAPI simulator on loopback.
public final class Simulator: Sendable {
    public let baseURL: URL
    public let port: Int
    private let state: SimulatorState
    private let server: Task<Void, any Error>

    private init(baseURL: URL, port: Int, state: SimulatorState, server: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
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
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "eggapi-sim"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let server = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw SimulatorError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let url = URL(string: "http://\(configuration.host):\(port)")!
        base.set(url.absoluteString)
        return Simulator(baseURL: url, port: port, state: state, server: server)
    }

    /// Blocks until the server stops (for the command-line simulator).
    public func wait() async throws {
        try await server.value
    }

    public func stop() async {
        server.cancel()
        _ = await server.result
    }

    /// How many tasks each distinct request body created: more than one means paid twice.
    public func stats() async -> SimulatorStats {
        await state.stats()
    }
}

public enum SimulatorError: Error, LocalizedError {
    case couldNotBind(host: String, port: Int)

    public var errorDescription: String? {
        switch self {
        case .couldNotBind(let host, let port): "Could not listen on \(host):\(port); pick another --port (0 picks a free one)."
        }
    }
}

/// The base URL, known only once the port is bound.
final class BaseURLBox: Sendable {
    private let storage = Mutex("")
    var value: String { storage.withLock { $0 } }
    func set(_ value: String) { storage.withLock { $0 = value } }
}
