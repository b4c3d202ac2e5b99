import Foundation

/// A harness failure (not an invariant violation): the harness could not do its part.
public struct ChaosError: LocalizedError, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
