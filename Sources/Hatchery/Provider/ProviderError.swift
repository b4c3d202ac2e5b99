import Foundation

/// Why talking to a provider failed. Messages never include the API key.
public enum ProviderError: Error, LocalizedError, Equatable {
    case taskNotFound(id: String)
    case outputNotFound(url: String)
    case rejected(code: String, message: String)
    case unauthorized(message: String)
    case forbidden(code: String, message: String)
    case insufficientBalance(message: String)
    case rateLimited(attempts: Int)
    case server(status: Int, code: String, message: String)
    case transport(String)
    case malformedResponse(String)
    case bodyTooLarge(limit: Int)
    /// A request that creates something may or may not have done so.
    case outcomeUnknown(String)
    /// A request that creates something got no answer at all (a timeout, a dropped connection):
    /// the provider may not even have read it yet, and may still act on it a while later.
    case unanswered(String)
    case missingAPIKey(variable: String)
    case invalidAPIKey(variable: String)
    case invalidBaseURL(String)
    case invalidTimeout(variable: String, problem: ParseError)

    public var errorDescription: String? {
        switch self {
        case .taskNotFound(let id):
            "The provider does not know task \(id); it may have expired or belong to another account."
        case .outputNotFound(let url):
            "The provider has no output at \(url); it may have been deleted after its retention period."
        case .rejected(let code, let message):
            "The provider refused the request as invalid (\(code)): \(Self.short(message)). Fix the catalog entry; retrying will not help."
        case .unauthorized(let message):
            "The API key was refused (401 UNAUTHORIZED: \(Self.short(message))). Check EGGAPI_API_KEY holds a current key."
        case .forbidden(let code, let message):
            "The provider forbids this request (403 \(code)): \(Self.short(message))."
        case .insufficientBalance(let message):
            "The account's balance is too low (403 INSUFFICIENT_BALANCE: \(Self.short(message))). Submitting has stopped; tasks already in flight are still followed. Top up, then build again."
        case .rateLimited(let attempts):
            "The provider kept answering 429 RATE_LIMITED after \(attempts) attempts; lower --concurrency or try later."
        case .server(let status, let code, let message):
            "The provider failed (HTTP \(status) \(code)): \(Self.short(message)). Try again later."
        case .transport(let detail):
            "Could not reach the provider: \(Self.short(detail))."
        case .malformedResponse(let detail):
            "The provider's answer could not be read: \(Self.short(detail))."
        case .bodyTooLarge(let limit):
            "The provider's answer was larger than the \(limit) bytes allowed; it was refused."
        case .outcomeUnknown(let detail), .unanswered(let detail):
            "A submission's outcome is unknown (\(detail)): the task may or may not exist. It is recorded as `unknown` and will be looked up before anything is sent again."
        case .missingAPIKey(let variable):
            "No API key: set \(variable) in the environment (it is never written to disk), or use `provider: local`."
        case .invalidAPIKey(let variable):
            "\(variable) holds a space, line break or other character that cannot be sent in an HTTP header (was it read from a file with two lines?). Set it to the key alone."
        case .invalidBaseURL(let text):
            "EGGAPI_BASE_URL is not an http(s) URL: \(ValueQuote.quoted(text, limit: 80))."
        case .invalidTimeout(let variable, let problem):
            "\(variable): \(problem). Set it to the seconds one request may take, such as 30."
        }
    }

    /// A provider's text as a message quotes it: whole when short, else its start and end.
    /// Answers may be megabytes long, and every message is printed and stored.
    static func short(_ text: String) -> String {
        let trimmed = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard trimmed.utf8.count > 300 else { return trimmed }
        return String(trimmed.prefix(200)) + " … " + String(trimmed.suffix(60))
    }
}
