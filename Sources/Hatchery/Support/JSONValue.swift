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
        bytes(nestedAt: 0)
    }

    /// The pretty-printed text as it reads `depth` levels (two spaces each) into a document:
    /// every line but the empty ones, the first included, indented by `depth` more. The
    /// manifest's entries, in one pass where indenting the text after copied it again (18 MB at
    /// 10,000 prompts).
    public func bytes(nestedAt depth: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        Self.writeIndent(depth, to: &output)
        write(to: &output, indent: depth)
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
            Self.writeContainer("[", "]", count: elements.count, indent: indent, to: &output) { index, output in
                elements[index].write(to: &output, indent: indent + 1)
            }
        case .object(let members):
            var present = members.compactMap { member in member.value.map { (member.key, $0) } }
            // Callers list members in order where they can; sorting only when they do not.
            let precedes: ((String, JSONValue), (String, JSONValue)) -> Bool = {
                $0.0.utf8.lexicographicallyPrecedes($1.0.utf8)
            }
            if !zip(present, present.dropFirst()).allSatisfy(precedes) { present.sort(by: precedes) }
            Self.writeContainer("{", "}", count: present.count, indent: indent, to: &output) { index, output in
                Self.writeString(present[index].0, to: &output)
                output.append(contentsOf: " : ".utf8)
                present[index].1.write(to: &output, indent: indent + 1)
            }
        }
    }

    /// `open`, each of `count` items on its own line one level in, commas between, `close`.
    private static func writeContainer(
        _ open: Unicode.Scalar,
        _ close: Unicode.Scalar,
        count: Int,
        indent: Int,
        to output: inout [UInt8],
        item: (Int, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: open))
        output.append(10)
        for index in 0..<count {
            writeIndent(indent + 1, to: &output)
            item(index, &output)
            if index < count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(10)
        }
        if count == 0 { output.append(10) }
        writeIndent(indent, to: &output)
        output.append(UInt8(ascii: close))
    }

    private static func writeIndent(_ depth: Int, to output: inout [UInt8]) {
        for _ in 0..<depth * 2 { output.append(32) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes and escapes as Foundation does: `"` and `\`, the short escapes for backspace,
    /// form feed, newline, return and tab, `\u00xx` for other control characters; nothing else.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        // Runs that need no escape (nearly every text) are copied whole.
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices where bytes[index] < 32 || bytes[index] == 34 || bytes[index] == 92 {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                appendEscape(bytes[index], to: &output)
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [92, UInt8(ascii: "\"")])
        case 92: output.append(contentsOf: [92, 92])
        case 8: output.append(contentsOf: [92, UInt8(ascii: "b")])
        case 12: output.append(contentsOf: [92, UInt8(ascii: "f")])
        case 10: output.append(contentsOf: [92, UInt8(ascii: "n")])
        case 13: output.append(contentsOf: [92, UInt8(ascii: "r")])
        case 9: output.append(contentsOf: [92, UInt8(ascii: "t")])
        default:
            output.append(contentsOf: Array("\\u00".utf8))
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 15)])
        }
    }
}
