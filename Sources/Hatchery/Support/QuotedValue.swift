/// A value from outside, shortened and made printable for an error message: at most `limit`
/// characters with an ellipsis in the middle, control characters and invisible marks shown as
/// `\u{…}`, inside double quotes. A 10 MB value never reaches a terminal whole.
public struct QuotedValue: Sendable, CustomStringConvertible {
    public var value: Substring
    public var limit: Int

    public init<S: StringProtocol>(_ value: S, limit: Int = 40) {
        self.value = Substring(value)
        self.limit = max(8, limit)
    }

    public var description: String {
        var pieces: [String] = []
        // Counting stops early: the length of a huge value is never walked to the end.
        let head = value.prefix(limit + 1)
        if head.count <= limit {
            pieces = [Self.printable(head)]
        } else {
            let half = (limit - 1) / 2
            pieces = [Self.printable(value.prefix(half)), "…", Self.printable(value.suffix(half))]
        }
        return "\"" + pieces.joined() + "\""
    }

    private static func printable(_ text: Substring) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark,
                 .unassigned, .surrogate, .privateUse:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                if scalar == "\"" || scalar == "\\" { result += "\\" }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
