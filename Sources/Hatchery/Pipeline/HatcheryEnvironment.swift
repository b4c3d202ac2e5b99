import Foundation

/// Every environment variable Hatchery reads, parsed in one place. The `hatchery` command reads
/// its process environment once and passes this value down; library code never reads the
/// process environment itself, so a test hands it a dictionary.
///
/// Each value is parsed when the value is built, but its error is thrown only when it is asked
/// for: a build on the local provider never fails over an EggAPI variable. The key and the
/// webhook secret never appear in `description`, `debugDescription` or a `dump`.
public struct HatcheryEnvironment: Sendable {
    /// The variables Hatchery reads.
    public enum Variable: String, Sendable, CaseIterable {
        /// EggAPI's API key: required by the `eggapi` provider and `spend --reconcile`.
        case apiKey = "EGGAPI_API_KEY"
        /// An EggAPI base URL other than `https://api.eggapi.ai` (http or https, with a host).
        case baseURL = "EGGAPI_BASE_URL"
        /// Seconds one JSON request to EggAPI may take, more than 0 (default 30).
        case timeout = "EGGAPI_TIMEOUT"
        /// The secret EggAPI signs webhooks with, for `build --webhook-listen`.
        case webhookSecret = "EGGAPI_WEBHOOK_SECRET"
    }

    private let eggAPI: Result<EggAPIConfiguration, ProviderError>
    private let webhook: Result<String, WebhookError>
    /// Which of `Variable` were set, for `description`.
    private let set: [Variable]

    /// Reads Hatchery's variables from `environment` (a process environment, or a test's
    /// dictionary); other variables are ignored. Never throws: see the accessors.
    public init(_ environment: [String: String] = [:]) {
        eggAPI = Result { () throws(ProviderError) in try Self.eggAPIConfiguration(environment) }
        webhook = Result { () throws(WebhookError) in
            guard let secret = environment[Variable.webhookSecret.rawValue], !secret.isEmpty else {
                throw .missingSecret(variable: Variable.webhookSecret.rawValue)
            }
            return secret
        }
        set = Variable.allCases.filter { environment[$0.rawValue] != nil }
    }

    /// EggAPI's configuration: the key from `EGGAPI_API_KEY` (trimmed; at least one printable
    /// ASCII character, nothing else), `EGGAPI_BASE_URL` (default `https://api.eggapi.ai`, a
    /// trailing `/v1` dropped) and `EGGAPI_TIMEOUT` (seconds per request).
    /// Throws `ProviderError.missingAPIKey`, `.invalidAPIKey` (without quoting the key),
    /// `.invalidBaseURL` or `.invalidTimeout`, each naming its variable.
    public func eggAPIConfiguration() throws(ProviderError) -> EggAPIConfiguration {
        try eggAPI.get()
    }

    /// The webhook secret from `EGGAPI_WEBHOOK_SECRET`; throws `WebhookError.missingSecret` when
    /// it is unset or empty.
    public func webhookSecret() throws(WebhookError) -> String {
        try webhook.get()
    }

    private static func eggAPIConfiguration(
        _ environment: [String: String]
    ) throws(ProviderError) -> EggAPIConfiguration {
        let keyVariable = Variable.apiKey.rawValue
        guard let key = environment[keyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            throw .missingAPIKey(variable: keyVariable)
        }
        // A key read from a two-line file holds a line break: as a header value it would be
        // refused by the HTTP layer, whose error text quotes the header. Refuse it here, before
        // anything is recorded or sent, without showing it.
        guard key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw .invalidAPIKey(variable: keyVariable)
        }
        var baseURL = EggAPIConfiguration.defaultBaseURL
        if let text = environment[Variable.baseURL.rawValue], !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme),
                url.host != nil, url.port.map({ (1...65_535).contains($0) }) ?? true
            else { throw .invalidBaseURL(text) }
            // Every path is under /v1 already: a base URL that ends in it would ask for /v1/v1/….
            var trimmed = url.absoluteString
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            if trimmed.hasSuffix("/v1") { trimmed.removeLast(3) }
            baseURL = URL(string: trimmed) ?? url
        }
        var configuration = EggAPIConfiguration(baseURL: baseURL, apiKey: APIKey(key))
        let timeoutVariable = Variable.timeout.rawValue
        if let text = environment[timeoutVariable] {
            let timeout: Duration
            do {
                timeout = try Duration.parse(text, unit: .seconds)
            } catch {
                throw .invalidTimeout(variable: timeoutVariable, problem: error)
            }
            guard timeout > .zero else {
                throw .invalidTimeout(
                    variable: timeoutVariable,
                    problem: ParseError(text: text, expected: "a timeout", reason: "it must be more than 0")
                )
            }
            configuration.requestTimeout = timeout
        }
        return configuration
    }
}

extension HatcheryEnvironment: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The names of the variables that are set, never their values.
    public var description: String {
        "HatcheryEnvironment(set: \(set.map(\.rawValue).joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    /// What `dump` and a debugger show: the names only.
    public var customMirror: Mirror {
        Mirror(self, children: ["set": set.map(\.rawValue)], displayStyle: .struct)
    }
}
