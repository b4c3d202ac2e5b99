import Foundation

/// Where and how to reach EggAPI.
public struct EggAPIConfiguration: Sendable {
    public static let keyVariable = "EGGAPI_API_KEY"
    public static let baseURLVariable = "EGGAPI_BASE_URL"
    public static let timeoutVariable = "EGGAPI_TIMEOUT"
    public static let defaultBaseURL = URL(string: "https://api.eggapi.ai")!

    public var baseURL: URL
    public var apiKey: APIKey
    /// For JSON calls, from sending to the last byte.
    public var requestTimeout: Duration
    public var downloadTimeout: Duration
    public var maxJSONBytes: Int
    public var maxImageBytes: Int
    public var retry: RetryPolicy

    public init(baseURL: URL = EggAPIConfiguration.defaultBaseURL, apiKey: APIKey,
                requestTimeout: Duration = .seconds(30), downloadTimeout: Duration = .seconds(120),
                maxJSONBytes: Int = 4 << 20, maxImageBytes: Int = 64 << 20, retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.downloadTimeout = downloadTimeout
        self.maxJSONBytes = maxJSONBytes
        self.maxImageBytes = maxImageBytes
        self.retry = retry
    }

    /// Reads `EGGAPI_API_KEY`, and optionally `EGGAPI_BASE_URL` and `EGGAPI_TIMEOUT` (seconds per request).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(ProviderError) -> Self {
        guard let key = environment[keyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            throw .missingAPIKey(variable: keyVariable)
        }
        // A key read from a two-line file holds a line break: as a header value it would be
        // refused by the HTTP layer, whose error text quotes the header. Refuse it here, before
        // anything is recorded or sent, without showing it.
        guard key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw .invalidAPIKey(variable: keyVariable)
        }
        var baseURL = defaultBaseURL
        if let text = environment[baseURLVariable], !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host != nil, url.port.map({ (1...65_535).contains($0) }) ?? true
            else { throw .invalidBaseURL(text) }
            // Every path is under /v1 already: a base URL that ends in it would ask for /v1/v1/….
            var trimmed = url.absoluteString
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            if trimmed.hasSuffix("/v1") { trimmed.removeLast(3) }
            baseURL = URL(string: trimmed) ?? url
        }
        var configuration = EggAPIConfiguration(baseURL: baseURL, apiKey: APIKey(key))
        if let text = environment[timeoutVariable] {
            let timeout: Duration
            do {
                timeout = try Duration.parse(text, unit: .seconds)
            } catch {
                throw .invalidTimeout(variable: timeoutVariable, problem: error)
            }
            guard timeout > .zero else {
                throw .invalidTimeout(variable: timeoutVariable, problem: ParseError(text: text, expected: "a timeout", reason: "it must be more than 0"))
            }
            configuration.requestTimeout = timeout
        }
        return configuration
    }
}
