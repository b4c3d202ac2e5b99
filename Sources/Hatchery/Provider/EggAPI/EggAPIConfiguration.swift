import Foundation

/// Where and how to reach EggAPI. `HatcheryEnvironment` makes one from the environment.
public struct EggAPIConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.eggapi.ai")!

    public var baseURL: URL
    public var apiKey: APIKey
    /// For JSON calls, from sending to the last byte.
    public var requestTimeout: Duration
    public var downloadTimeout: Duration
    public var maxJSONBytes: Int
    public var maxImageBytes: Int
    public var retry: RetryPolicy

    public init(
        baseURL: URL = EggAPIConfiguration.defaultBaseURL,
        apiKey: APIKey,
        requestTimeout: Duration = .seconds(30),
        downloadTimeout: Duration = .seconds(120),
        maxJSONBytes: Int = 4 << 20,
        maxImageBytes: Int = 64 << 20,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.downloadTimeout = downloadTimeout
        self.maxJSONBytes = maxJSONBytes
        self.maxImageBytes = maxImageBytes
        self.retry = retry
    }
}
