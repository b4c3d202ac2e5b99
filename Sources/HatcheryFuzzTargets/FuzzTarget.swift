import Foundation

/// One parser of outside bytes, driven by arbitrary input: libFuzzer calls it through
/// `hatchery-fuzz`, and `FuzzCorpusTests` replays every committed input through it.
///
/// A target returns normally for any input the parser accepts or refuses with its own error; it
/// throws `FuzzFinding` when a property the parser promises does not hold. A crash is a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case money
    case catalog
    case eggapi
    case png
    case webhook
    case retryAfter = "retry-after"

    /// Runs one input through the target.
    public func run(_ input: Data) throws(FuzzFinding) {
        switch self {
        case .money: try MoneyTarget.run(input)
        case .catalog: try CatalogTarget.run(input)
        case .eggapi: try EggAPITarget.run(input)
        case .png: try PNGTarget.run(input)
        case .webhook: try WebhookTarget.run(input)
        case .retryAfter: try RetryAfterTarget.run(input)
        }
    }

    /// The names `HATCHERY_FUZZ_TARGET`, `scripts/fuzz` and the corpus folders use.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A property a parser promises that did not hold for one input.
public struct FuzzFinding: Error, CustomStringConvertible {
    public var target: String
    public var message: String

    public init(_ target: FuzzTarget, _ message: String) {
        self.target = target.rawValue
        self.message = message
    }

    public var description: String { "\(target): \(message)" }
}
