/// The EggAPI key. Its description is redacted so that it cannot reach a log, an error
/// message or the database through string interpolation.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<redacted API key>" }
    public var debugDescription: String { description }

    /// `text` with every occurrence of the key blanked out, for text that came from elsewhere.
    public func redacting(_ text: String) -> String {
        value.count >= 4 ? text.replacingOccurrences(of: value, with: description) : text
    }

    var authorization: String { "Bearer \(value)" }
}
