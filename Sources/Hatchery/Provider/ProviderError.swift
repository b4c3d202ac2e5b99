import Foundation

/// Why talking to a provider failed.
public enum ProviderError: Error, LocalizedError, Equatable {
    case taskNotFound(id: String)
    case outputNotFound(url: String)
    case rejected(code: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .taskNotFound(let id):
            "The provider does not know task \(id); it may have expired or belong to another account."
        case .outputNotFound(let url):
            "The provider has no output at \(url); it may have been deleted after its retention period."
        case .rejected(let code, let message):
            "The provider refused the request (\(code)): \(message)"
        }
    }
}
