/// Text that is not the value it should be. The parser says what it expected; the caller says
/// where the text came from (`catalog.yaml:4:9: budget`, `--max-spend`, a task's `cost`), so the
/// message a person reads names both.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was given, already shortened for a message (see `ValueQuote`).
    public var text: String
    /// What was expected, as a noun phrase: "an amount of dollars such as 2.50".
    public var expected: String
    /// Why this text is not that, when there is more to say than "it is not".
    public var reason: String?

    public init(text: String, expected: String, reason: String? = nil) {
        self.text = ValueQuote.quoted(text)
        self.expected = expected
        self.reason = reason
    }

    public var description: String {
        "\(text) is not \(expected)" + (reason.map { " (\($0))" } ?? "")
    }
}
