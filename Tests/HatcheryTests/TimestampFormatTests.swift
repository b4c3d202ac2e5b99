import Foundation
import Testing

@testable import Hatchery

/// Dates are written by arithmetic, not by a formatter made per call: the text must be what
/// Foundation's formatters wrote, for every day from 1970 to 2200 and times across the day.
@Suite struct TimestampFormatTests {
    @Test func writesWhatFoundationsFormattersWrote() {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let minutes = DateFormatter()
        minutes.locale = Locale(identifier: "en_US_POSIX")
        minutes.timeZone = TimeZone(identifier: "UTC")
        minutes.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        var generator = SystemRandomNumberGenerator()
        // Every day's midnight and last millisecond, and a random instant each day, leap days included.
        for day in stride(from: 0, to: 84_000, by: 3) {
            let midnight = TimeInterval(day) * 86_400
            let instants = [
                midnight, midnight + 86_399.999,
                midnight + TimeInterval(Int.random(in: 0..<86_400_000, using: &generator)) / 1000,
            ]
            for seconds in instants {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(Timestamp.format(date) == iso.string(from: date), "\(seconds)")
                #expect(Timestamp.formatMinutes(date) == minutes.string(from: date), "\(seconds)")
            }
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_778_236_200.123)) == "2026-05-08T10:30:00.123Z")
    }
}

/// The other text a page builds by hand instead of through Foundation's formatting.
@Suite struct HandFormattedTextTests {
    @Test func fixedDecimalsAreWhatPrintfWrites() {
        for ratio in [16.0 / 9, 9.0 / 16, 1, 4.0 / 3, 3.0 / 4, 21.0 / 9, 0.1, 12.3456789] {
            for places in [2, 4] {
                #expect(
                    GalleryRenderer.fixed(ratio, places: places) == String(format: "%.\(places)f", ratio),
                    "\(ratio)"
                )
            }
        }
        #expect(
            GalleryRenderer.cardShape(width: 1024, height: 576) == "--ratio: 1.7778; --basis: 26.67rem; --cap: 53.33rem"
        )
    }

    @Test func theSearchIndexEscapesLineSeparatorsAndNothingElse() {
        let json = Array("[\"a\u{2028}b\u{2029}c é ✓\"]".utf8)
        #expect(
            String(decoding: SearchIndex.escapingLineSeparators(json), as: UTF8.self) == "[\"a\\u2028b\\u2029c é ✓\"]"
        )
    }

    @Test func aLongPromptIsTitledByItsFirstEightWords() {
        var spec = PromptSpec(id: "a", prompt: "one two three four five six seven eight nine ten", model: "nanobanana")
        #expect(spec.displayTitle == "one two three four five six seven eight…")
        spec.prompt = "one two  three"
        #expect(spec.displayTitle == "one two three…")
        spec.prompt = "one two three four five six seven eight"
        #expect(spec.displayTitle == "one two three four five six seven eight")
        spec.prompt = "one two three four five six seven eight  "
        #expect(spec.displayTitle == "one two three four five six seven eight…")
    }
}

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
        }
    }
}
