import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// EggAPI over HTTP: every documented endpoint, a timeout on every request, a byte cap on
/// every body, and the only retry layer in Hatchery.
///
/// GETs are retried on 429, 5xx and transport errors. A POST creates a task and a charge, so
/// it is retried only when the server said it did not act (429); a timeout or 5xx after
/// sending is reported as `outcomeUnknown`, never resent.
public struct EggAPIClient<C: Clock>: GenerationProvider where C.Duration == Duration {
    public let kind = ProviderKind.eggapi
    public let configuration: EggAPIConfiguration
    private let http: HTTPClient
    private let ownsHTTPClient: Bool
    private let clock: C
    private let logger: Logger

    /// A client with its own HTTP connection pool, released by `shutdown()`.
    public init(configuration: EggAPIConfiguration, clock: C, logger: Logger = Logger(label: "hatchery.eggapi")) {
        var http = HTTPClient.Configuration()
        http.timeout = .init(connect: .seconds(10), read: .seconds(60))
        http.redirectConfiguration = .follow(max: 3, allowCycles: false)
        self.init(
            configuration: configuration,
            http: HTTPClient(eventLoopGroupProvider: .singleton, configuration: http),
            owns: true,
            clock: clock,
            logger: logger
        )
    }

    init(configuration: EggAPIConfiguration, http: HTTPClient, owns: Bool, clock: C, logger: Logger) {
        self.configuration = configuration
        self.http = http
        self.ownsHTTPClient = owns
        self.clock = clock
        self.logger = logger
    }

    public func shutdown() async {
        if ownsHTTPClient { try? await http.shutdown() }
    }

    // MARK: Endpoints

    public func submit(_ request: GenerationRequest) async throws -> String {
        try await create(request).id
    }

    public func create(_ request: GenerationRequest) async throws -> ProviderTask {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(request)
        return ProviderTask(try await call(.POST, "/v1/generate", body: body) as EggAPIWire.Task)
    }

    public func task(id: String) async throws -> ProviderTask {
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id
        do {
            return ProviderTask(try await call(.GET, "/v1/tasks/\(escaped)") as EggAPIWire.Task)
        } catch ProviderError.rejected(let code, _) where code == "NOT_FOUND" {
            throw ProviderError.taskNotFound(id: id)
        }
    }

    /// One page of `GET /v1/tasks` (newest first).
    public func listTasks(page: Int, perPage: Int = 100) async throws -> (tasks: [ProviderTask], totalPages: Int?) {
        let result: EggAPIWire.Page<EggAPIWire.Task> = try await call(
            .GET,
            "/v1/tasks?page=\(page)&per_page=\(min(max(perPage, 1), 100))"
        )
        return (result.items.map(ProviderTask.init), result.pagination?.totalPages)
    }

    public func tasks(createdSince date: Date) async throws -> [ProviderTask] {
        var found: [ProviderTask] = []
        var page = 1
        // Pages run newest first: stop at the first page that reaches back past `date`.
        while page <= 100 {
            let (tasks, totalPages) = try await listTasks(page: page)
            found += tasks.filter { ($0.createdAt ?? .distantFuture) >= date }
            let reachedBack = tasks.contains { ($0.createdAt ?? .distantFuture) < date }
            if tasks.isEmpty || reachedBack || page >= (totalPages ?? page) { break }
            page += 1
        }
        return found
    }

    /// One page of `GET /v1/usage`; the records' fields are undocumented, so all are optional.
    public func usage(page: Int, perPage: Int = 100) async throws -> [UsageRecord] {
        let result: EggAPIWire.Page<UsageRecord> = try await call(
            .GET,
            "/v1/usage?page=\(page)&per_page=\(min(max(perPage, 1), 100))"
        )
        return result.items
    }

    /// `GET /v1/usage/summary`: the provider's spend per model.
    public func usageSummary() async throws -> [ProviderUsage] {
        let rows: [EggAPIWire.UsageSummaryRow] = try await call(.GET, "/v1/usage/summary")
        return try rows.map { row throws(ProviderError) in
            // A total that is not money is never read as zero: a reconciliation would then
            // report a difference that is not there, or hide one that is.
            guard let cost = row.totalCost?.money else {
                let problem = row.totalCost?.problem.map { ": \($0)" } ?? " is missing"
                throw .malformedResponse(
                    "GET /v1/usage/summary: the total_cost of \(ValueQuote.quoted(row.model))\(problem)"
                )
            }
            return ProviderUsage(
                model: row.model,
                units: row.totalUnits ?? 0,
                cost: cost,
                requests: row.requestCount ?? 0
            )
        }
    }

    /// Downloads an output. The key is sent only to the API's own origin (scheme, host and
    /// port), never to a CDN or another port of the same host. A 404 or 410 means the output
    /// is gone: `outputNotFound`, which the caller does not retry.
    public func download(_ output: URL) async throws -> Data {
        guard let scheme = output.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw ProviderError.outputNotFound(url: output.absoluteString)
        }
        do {
            return try await send(
                .GET,
                output,
                body: nil,
                limit: configuration.maxImageBytes,
                timeout: configuration.downloadTimeout,
                authorize: Origin(output) == Origin(configuration.baseURL)
            ) {
                Data(buffer: $0)
            }
        } catch ProviderError.rejected(let code, _) where ["NOT_FOUND", "HTTP_404", "HTTP_410", "GONE"].contains(code) {
            throw ProviderError.outputNotFound(url: output.absoluteString)
        }
    }

    public var submissionTimeout: Duration { configuration.requestTimeout }

    /// Every attempt `send` may make of a POST (it retries only on 429), each waiting its full
    /// timeout, with the longest wait between them.
    public var longestSubmission: Duration {
        let attempts = max(1, configuration.retry.maxAttempts)
        let wait = max(configuration.retry.cap, configuration.retry.retryAfterCap)
        return configuration.requestTimeout * attempts + wait * (attempts - 1)
    }

    // MARK: Transport

    private func call<T: Decodable>(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> T {
        guard let url = URL(string: configuration.baseURL.absoluteString.trimmingSuffix("/") + path) else {
            throw ProviderError.invalidBaseURL(configuration.baseURL.absoluteString)
        }
        return try await send(
            method,
            url,
            body: body,
            limit: configuration.maxJSONBytes,
            timeout: configuration.requestTimeout,
            authorize: true
        ) { buffer in
            let envelope = try JSONDecoder().decode(EggAPIWire.Envelope<T>.self, from: buffer)
            guard let data = envelope.data else { throw ProviderError.malformedResponse("the response has no data") }
            return data
        }
    }

    /// Sends one request, retrying what is safe to retry, and decodes the successful body.
    /// An unreadable 2xx is retried for a GET; for a POST the task exists but its id is lost.
    private func send<T>(
        _ method: HTTPMethod,
        _ url: URL,
        body: Data?,
        limit: Int,
        timeout: Duration,
        authorize: Bool,
        decode: (ByteBuffer) throws -> T
    ) async throws -> T {
        let policy = configuration.retry
        let label = "\(method.rawValue) \(url.path)"
        var attempt = 0
        while true {
            attempt += 1
            let verdict: Verdict
            do {
                var request = HTTPClientRequest(url: url.absoluteString)
                request.method = method
                request.headers.add(name: "Accept", value: "application/json")
                request.headers.add(name: "User-Agent", value: "hatchery/0.1")
                if authorize { request.headers.add(name: "Authorization", value: configuration.apiKey.authorization) }
                if let body {
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(data: body))
                }
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                logger.debug(
                    "request",
                    metadata: ["request": "\(label)", "status": "\(response.status.code)", "attempt": "\(attempt)"]
                )
                let buffer: ByteBuffer
                do {
                    buffer = try await response.body.collect(upTo: limit)
                } catch is NIOTooManyBytesError {
                    throw ProviderError.bodyTooLarge(limit: limit)
                }
                if (200..<300).contains(response.status.code) {
                    do {
                        return try decode(buffer)
                    } catch {
                        let problem = ProviderError.malformedResponse("\(label): \(error)")
                        if method == .POST {
                            throw ProviderError.outcomeUnknown("the answer to \(label) could not be read")
                        }
                        verdict = .retry(after: nil, otherwise: problem)
                    }
                } else {
                    verdict = judge(
                        status: Int(response.status.code),
                        body: buffer,
                        headers: response.headers,
                        method: method
                    )
                }
            } catch let error as ProviderError {
                throw error
            } catch {
                let detail = configuration.apiKey.redacting(TransportReason.of(error))
                verdict =
                    method == .POST && !Self.failedBeforeSending(error)
                    ? .fail(ProviderError.unanswered("\(label): \(detail)"))
                    : .retry(after: nil, otherwise: ProviderError.transport("\(label): \(detail)"))
            }
            switch verdict {
            case .fail(let error):
                throw error
            case .retry(let retryAfter, let error):
                guard attempt < policy.maxAttempts else { throw error }
                let wait = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, unit: Double.random(in: 0..<1))
                logger.debug("retrying", metadata: ["request": "\(label)", "attempt": "\(attempt)", "wait": "\(wait)"])
                try await clock.sleep(for: wait)
            }
        }
    }

    private enum Verdict {
        case retry(after: Duration?, otherwise: ProviderError)
        case fail(ProviderError)
    }

    private func judge(status: Int, body: ByteBuffer, headers: HTTPHeaders, method: HTTPMethod) -> Verdict {
        let envelope = try? JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.ErrorBody>.self, from: body)
        let code = envelope?.error?.code ?? "HTTP_\(status)"
        let message = configuration.apiKey.redacting(envelope?.error?.message ?? "no message")
        switch status {
        case 429:
            // The server refused before acting: safe to retry even a POST.
            return .retry(
                after: RetryAfter.parse(headers.first(name: "Retry-After")),
                otherwise: .rateLimited(attempts: configuration.retry.maxAttempts)
            )
        case 500...599:
            let error = ProviderError.server(status: status, code: code, message: message)
            return method == .POST
                ? .fail(.outcomeUnknown("HTTP \(status) \(code) after sending")) : .retry(after: nil, otherwise: error)
        case 401:
            return .fail(.unauthorized(message: message))
        case 403 where code == "INSUFFICIENT_BALANCE":
            return .fail(.insufficientBalance(message: message))
        case 403:
            return .fail(.forbidden(code: code, message: message))
        default:
            return .fail(.rejected(code: code, message: message))
        }
    }

    /// Errors that show the request never left: resending cannot create a second task.
    private static func failedBeforeSending(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError, error == .connectTimeout { return true }
        let text = String(describing: error)
        return text.contains("connectTimeout") || text.contains("Connection refused")
            || text.contains("connectionRefused")
    }
}

extension EggAPIClient where C == ContinuousClock {
    public init(configuration: EggAPIConfiguration) {
        self.init(configuration: configuration, clock: ContinuousClock())
    }
}

/// A row of the provider's usage summary.
public struct ProviderUsage: Sendable, Equatable, Codable {
    public var model: String
    public var units: Int
    public var cost: Money
    public var requests: Int
}

/// A record of `GET /v1/usage`; undocumented, so every field is optional.
public struct UsageRecord: Sendable, Decodable {
    public var id: String?
    public var taskID: String?
    public var model: String?
    public var cost: Money?

    enum CodingKeys: String, CodingKey {
        case id, model, cost
        case taskID = "task_id"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try? container.decodeIfPresent(String.self, forKey: .id)
        taskID = try? container.decodeIfPresent(String.self, forKey: .taskID)
        model = try? container.decodeIfPresent(String.self, forKey: .model)
        cost = (try? container.decodeIfPresent(EggAPIWire.Cost.self, forKey: .cost))??.money
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
