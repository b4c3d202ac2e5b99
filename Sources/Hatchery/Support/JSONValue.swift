/// A JSON value built directly and written as `PrettyJSON` writes Foundation's encoding: keys in
/// byte order, two-space indents, `" : "` between key and value, empty containers on two lines,
/// the same escapes. For the files a build writes once per prompt (the manifest's entries, the
/// sidecars, the search index): through `JSONEncoder` they took a third of a rebuild's time.
/// Tests hold the bytes equal to `PrettyJSON`'s.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case array([JSONValue])
    /// Members whose value is nil are left out, as `encodeIfPresent` leaves them.
    case object([(key: String, value: JSONValue?)])

    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        left.bytes() == right.bytes()
    }

    /// The pretty-printed text, with no trailing newline.
    public func bytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(to: &output, indent: 0)
        return output
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &output)
        case .int(let number):
            output.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            output.append(10)
            for (index, element) in elements.enumerated() {
                Self.writeIndent(indent + 1, to: &output)
                element.write(to: &output, indent: indent + 1)
                if index < elements.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(10)
            }
            if elements.isEmpty { output.append(10) }
            Self.writeIndent(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            let present = members.compactMap { member in member.value.map { (member.key, $0) } }
                .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            output.append(UInt8(ascii: "{"))
            output.append(10)
            for (index, (key, value)) in present.enumerated() {
                Self.writeIndent(indent + 1, to: &output)
                Self.writeString(key, to: &output)
                output.append(contentsOf: " : ".utf8)
                value.write(to: &output, indent: indent + 1)
                if index < present.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(10)
            }
            if present.isEmpty { output.append(10) }
            Self.writeIndent(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeIndent(_ depth: Int, to output: inout [UInt8]) {
        for _ in 0..<depth * 2 { output.append(32) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes and escapes as Foundation does: `"` and `\`, the short escapes for backspace,
    /// form feed, newline, return and tab, `\u00xx` for other control characters; nothing else.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [92, UInt8(ascii: "\"")])
            case 92: output.append(contentsOf: [92, 92])
            case 8: output.append(contentsOf: [92, UInt8(ascii: "b")])
            case 12: output.append(contentsOf: [92, UInt8(ascii: "f")])
            case 10: output.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: output.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: output.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 15)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
