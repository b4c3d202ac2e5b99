import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Receives EggAPI webhooks for the duration of a build. A verified event wakes the task's
/// poller; a bad or stale signature is refused with 401 and changes nothing; a duplicate is
/// answered 200 like the first. Answers are immediate: no work happens in the request.
public final class WebhookReceiver: Sendable {
    private let server: RunningServer
    private let box: CountsBox

    public var accepted: Int { box.counts.withLock { $0.accepted } }
    public var duplicates: Int { box.counts.withLock { $0.duplicates } }
    public var rejected: Int { box.counts.withLock { $0.rejected } }

    public var port: Int { server.port }

    private init(server: RunningServer, box: CountsBox) {
        self.server = server
        self.box = box
    }

    public static func start(
        host: String,
        port: Int,
        verifier: WebhookVerifier,
        signals: CompletionSignals,
        logger: Logger = Logger(label: "hatchery.webhooks")
    ) async throws -> WebhookReceiver {
        let seen = Mutex<Set<WebhookEvent>>([])
        let box = CountsBox()
        let router = Router()
        router.post("/**") { request, _ -> HTTPResponse.Status in
            let body = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            let timestamp = request.headers.first { $0.name.canonicalName == "x-eggapi-timestamp" }?.value
            let signature = request.headers.first { $0.name.canonicalName == "x-eggapi-signature" }?.value
            if let rejection = verifier.verify(body: body, timestamp: timestamp, signature: signature) {
                box.add(rejected: 1)
                logger.warning("webhook refused", metadata: ["reason": "\(rejection)"])
                return .unauthorized
            }
            guard let event = try? JSONDecoder().decode(WebhookEvent.self, from: body) else { return .badRequest }
            let path = request.uri.path
            if let range = path.range(of: "/t-", options: .backwards) {
                await signals.claim(token: String(path[range.upperBound...]), remoteID: event.taskID)
            }
            let isNew = seen.withLock { $0.insert(event).inserted }
            if isNew {
                box.add(accepted: 1)
                await signals.notify(event.taskID)
            } else {
                box.add(duplicates: 1)
            }
            return .ok
        }
        let server = try await RunningServer.start(
            router: router,
            host: host,
            port: port,
            name: "hatchery-webhooks",
            logger: logger
        )
        return WebhookReceiver(server: server, box: box)
    }

    public func stop() async {
        await server.stop()
    }
}

/// Shares the receiver's counters between its handler and its owner.
final class CountsBox: Sendable {
    let counts = Mutex<(accepted: Int, duplicates: Int, rejected: Int)>((0, 0, 0))

    func add(accepted: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
        counts.withLock {
            $0.accepted += accepted
            $0.duplicates += duplicates
            $0.rejected += rejected
        }
    }
}

public enum WebhookError: Error, LocalizedError {
    case missingSecret(variable: String)
    case badAddress(String)

    public var errorDescription: String? {
        switch self {
        case .missingSecret(let variable):
            "Webhooks need a secret to be verified: set \(variable) to the secret configured at EggAPI."
        case .badAddress(let text):
            "--webhook-listen takes HOST:PORT, e.g. 127.0.0.1:8787; got \(text)."
        }
    }
}
