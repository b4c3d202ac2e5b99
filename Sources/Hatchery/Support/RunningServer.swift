import Foundation
import Hummingbird
import Logging

/// A Hummingbird server started in the background, known by the port it bound. Stopping is by
/// cancellation, which the server logs as an error: its own log is kept to critical messages.
public final class RunningServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Serves `router` on `host:port` (0 picks a free port) and returns once it listens.
    public static func start(
        router: Router<BasicRequestContext>,
        host: String,
        port: Int,
        name: String,
        logger: Logger
    ) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: name),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: serverLogger
        )
        let task = Task { try await app.run() }
        // If the server fails to bind, `run` ends and the stream finishes without a port.
        Task {
            _ = await task.result
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            task.cancel()
            throw RunningServerError.couldNotListen(host: host, port: port)
        }
        return RunningServer(port: bound, task: task)
    }

    /// Waits until the server stops.
    public func wait() async throws {
        try await task.value
    }

    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

public enum RunningServerError: Error, LocalizedError, Equatable {
    case couldNotListen(host: String, port: Int)

    public var errorDescription: String? {
        switch self {
        case .couldNotListen(let host, let port):
            "Could not listen on \(host):\(port); the port may be taken. Choose another (0 picks a free one)."
        }
    }
}
