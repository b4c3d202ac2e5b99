import Foundation

/// A build step that failed, named so the user knows where.
public struct BuildError: Error, LocalizedError {
    public var step: String
    public var underlying: any Error

    public var errorDescription: String? {
        let reason = (underlying as? LocalizedError)?.errorDescription ?? String(describing: underlying)
        return "\(step) failed: \(reason)"
    }
}

/// The catalog asks for something this build cannot do.
public enum BuildSetupError: Error, LocalizedError {
    case providerUnavailable(ProviderKind, reason: String)

    public var errorDescription: String? {
        switch self {
        case .providerUnavailable(let kind, let reason):
            "The \(kind.rawValue) provider cannot be used: \(reason)"
        }
    }
}
