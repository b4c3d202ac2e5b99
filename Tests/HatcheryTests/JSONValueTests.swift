import Foundation
import Testing

@testable import Hatchery

/// `JSONValue` writes what `PrettyJSON` (Foundation's encoder) writes, for any text.
@Suite struct JSONValueTests {
    struct Sample: Encodable {
        var text: String
        var optional: String?
        var number: Int64
        var flag: Bool
        var list: [String]
        var empty: [String]
        var nested: [String: Int64]
    }

    @Test func writesTheBytesFoundationWrites() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = [
            "a", "Z", "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{0}", "\u{1}", "\u{1f}", "\u{7f}",
            "é", "✓", "\u{2028}", "\u{2029}", "👩‍👩‍👧", " ", "{", "}",
        ]
        for round in 0..<500 {
            let text = String(
                (0..<Int.random(in: 0..<24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            )
            let sample = Sample(
                text: text,
                optional: round % 2 == 0 ? nil : text,
                number: Int64.random(in: Int64.min...Int64.max, using: &generator),
                flag: round % 3 == 0,
                list: [text, "b"],
                empty: [],
                nested: ["zeta": 1, "alpha": -2, "b_z": 3, "bZ": 4]
            )
            let value = JSONValue.object([
                ("text", .string(sample.text)), ("optional", sample.optional.map(JSONValue.string)),
                ("number", .int(sample.number)), ("flag", .bool(sample.flag)),
                ("list", .array(sample.list.map(JSONValue.string))), ("empty", .array([])),
                ("nested", .object(sample.nested.map { ($0.key, JSONValue.int($0.value)) })),
            ])
            #expect(value.bytes() == Array(try PrettyJSON.data(sample)), "\(text.debugDescription)")
            // Nested as the manifest nests its entries: the text indented after, in one pass.
            #expect(value.bytes(nestedAt: 2) == SiteManifest.indented(value.bytes(), by: "    "))
        }
    }
}
