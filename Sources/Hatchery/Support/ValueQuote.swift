/// Outside text (a catalog value, a flag, a provider's string) quoted in an error message.
///
/// The text comes back in double quotes with quotes, backslashes and invisible or
/// line-breaking characters escaped (`\n`, `\u{202E}`), and, past `limit` Unicode scalars,
/// cut to its start and end around `…`, so that a 10 MB value costs one short line of
/// stderr: `"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…aaaaaaaa"`.
public enum ValueQuote {
    /// Scalars shown in full; a longer text shows its first `limit - 10` and last 8.
    public static let defaultLimit = 40

    public static func quoted(_ text: String, limit: Int = defaultLimit) -> String {
        let scalars = text.unicodeScalars
        // Bytes bound scalars from above: a short text is never counted twice.
        guard text.utf8.count > limit, scalars.count > limit else { return "\"\(escaped(scalars[...]))\"" }
        let head = scalars.prefix(max(1, limit - 10))
        let tail = scalars.suffix(8)
        return "\"\(escaped(head))…\(escaped(tail))\""
    }

    private static func escaped(_ scalars: Substring.UnicodeScalarView) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isInvisible(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Controls, line and paragraph separators, zero-width spaces, the bidirectional overrides
    /// that could make a message read differently from what it says, and combining marks,
    /// which would otherwise fuse with the character before them (`"1\u{301}"` shows as `1́`,
    /// hiding why it is not a digit).
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .format, .nonspacingMark, .enclosingMark, .unassigned,
            .privateUse, .surrogate:
            return true
        default:
            return (0x200B...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0xFEFF
        }
    }
}
