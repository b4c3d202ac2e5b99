import Foundation
import Testing

@testable import Hatchery

/// Dates, durations and counts from outside text: one reader each, ASCII digits only, every
/// failure a `ParseError` that says what was expected.
@Suite struct StrictParsingTests {
    @Test(
        "a day that exists is read",
        arguments: [("2026-02-28", 2026, 2, 28), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29)]
    )
    func readsDays(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try CalendarDay.parse(text)
        #expect((parsed.year, parsed.month, parsed.day) == (year, month, day))
        #expect(parsed.description == text)
    }

    @Test(
        "a day that does not exist, or is not YYYY-MM-DD, is refused",
        arguments: [
            "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "0000-01-01",
            "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00:00Z", "２０２６-01-01", "2026-0\u{661}-01", "", "--",
        ]
    )
    func refusesDays(text: String) {
        #expect(throws: ParseError.self) { try CalendarDay.parse(text) }
    }

    @Test func aRefusedDaySaysWhy() {
        let error = #expect(throws: ParseError.self) { try CalendarDay.parse("2026-02-30") }
        #expect(error?.description == "\"2026-02-30\" is not a day written YYYY-MM-DD (month 2 of 2026 has 28 days)")
    }

    @Test func timestampsOfDaysThatDoNotExistAreRefused() {
        #expect(Timestamp.parse("2026-02-30T10:00:00Z") == nil)
        #expect(Timestamp.parse("2026-04-31T10:00:00Z") == nil)
        #expect(Timestamp.parse("2024-02-29T10:00:00Z") != nil)
        #expect(Timestamp.parse("2026-0\u{661}-01T10:00:00Z") == nil)
    }

    @Test(
        "durations are read exactly",
        arguments: [
            ("2.5", Duration.TextUnit.seconds, Duration.milliseconds(2500)), ("0.05", .seconds, .milliseconds(50)),
            ("30", .seconds, .seconds(30)), ("0.01", .minutes, .milliseconds(600)),
            ("1440", .minutes, .seconds(86_400)),
        ]
    )
    func readsDurations(text: String, unit: Duration.TextUnit, expected: Duration) throws {
        #expect(try Duration.parse(text, unit: unit) == expected)
    }

    @Test(
        "what is not a plain decimal is not a duration",
        arguments: [
            "0x10", "1e3", "inf", "nan", "-1", "+1", " 1", "1.", ".5", "1\u{301}", "\u{661}", "0.0000001",
            "99999999999999",
        ]
    )
    func refusesDurations(text: String) {
        #expect(throws: ParseError.self) { try Duration.parse(text, unit: .seconds) }
    }

    @Test func integersAreASCIIDigitsOnly() throws {
        #expect(try DecimalText.integer("42") == 42)
        #expect(try DecimalText.integer("0042") == 42)
        for text in ["+42", "-1", "4_2", "\u{664}\u{662}", "42.0", "", "9223372036854775808"] {
            #expect(throws: DecimalText.Problem.self) { try DecimalText.integer(text) }
        }
        #expect(throws: DecimalText.Problem.tooLarge) { try DecimalText.integer("9223372036854775808") }
        #expect(try DecimalText.integer("9223372036854775807") == Int64.max)
    }

    @Test func retryAfterIsReadStrictly() {
        #expect(RetryAfter.parse("3") == .seconds(3))
        #expect(RetryAfter.parse("-3") == nil)
        #expect(RetryAfter.parse("\u{663}") == nil)
        #expect(RetryAfter.parse("99999999999999999999") == nil)
    }

    @Test func aTimeoutInTheEnvironmentIsReadStrictly() throws {
        let base = ["EGGAPI_API_KEY": "egg_sk_test"]
        #expect(
            try HatcheryEnvironment(base.merging(["EGGAPI_TIMEOUT": "2.5"]) { $1 }).eggAPIConfiguration().requestTimeout
                == .milliseconds(2500)
        )
        for text in ["0x10", "1e2", "0", "-5", "inf"] {
            #expect(throws: ProviderError.self) {
                try HatcheryEnvironment(base.merging(["EGGAPI_TIMEOUT": text]) { $1 }).eggAPIConfiguration()
            }
        }
    }

    @Test func quotedValuesAreShortAndPrintable() {
        let huge = String(repeating: "x", count: 10_000_000)
        let quoted = ValueQuote.quoted(huge)
        #expect(quoted.count <= 42)
        #expect(quoted.contains("…"))
        #expect(ValueQuote.quoted("a\nb\u{0}c\u{301}") == "\"a\\nb\\u{0}c\\u{301}\"")
        #expect(ValueQuote.quoted("say \"hi\"") == "\"say \\\"hi\\\"\"")
    }
}

/// Messages about the network say the cause in words (issue 11: a refused connection read
/// "connection reset (error set): Connection refused) (errno: 111)").
@Suite struct TransportReasonTests {
    @Test func aRefusedConnectionIsSaidPlainly() async throws {
        // Port 9 (discard) on the loopback: nothing listens there on these machines.
        let configuration = EggAPIConfiguration(
            baseURL: URL(string: "http://127.0.0.1:9")!,
            apiKey: APIKey("egg_sk_test"),
            retry: RetryPolicy(maxAttempts: 1)
        )
        let client = EggAPIClient(configuration: configuration)
        let error = await #expect(throws: ProviderError.self) { _ = try await client.usageSummary() }
        await client.shutdown()
        #expect(
            error?.localizedDescription == "Could not reach the provider: GET /v1/usage/summary: connection refused."
        )
    }
}

@Suite struct HTTPDateTests {
    @Test func readsTheFormServersSendAndWhatWeWrite() throws {
        let date = try #require(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(date.timeIntervalSince1970 == 784_111_777)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(HTTPDate.parse(HTTPDate.format(now)) == now)
    }

    @Test(
        "anything else is not a date, and nothing traps",
        arguments: [
            "Frí, 08 May 2026 10:35:00 GMT", "Fri, 30 Feb 2026 10:35:00 GMT", "Fri, 08 May 2026 24:00:00 GMT",
            "Fri, 08 Mai 2026 10:35:00 GMT", "Fri, 8 May 2026 10:35:00 GMT", "Fri, 08 May 2026 10:35:00 UTC",
            "Friday, 08-May-26 10:35:00 GMT", "", "Fri, \u{661}8 May 2026 10:35:00 GMT",
        ]
    )
    func refuses(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
