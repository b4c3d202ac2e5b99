import Testing

@testable import Hatchery

@Suite struct MoneyTests {
    @Test(
        "parses every cost format EggAPI uses, exactly",
        arguments: [
            ("$0.00", 0), ("$0.0000", 0), ("$0.0100", 10_000), ("0.016000", 16_000), ("$0.032", 32_000),
            ("2.50", 2_500_000), ("$3", 3_000_000), ("0.1234560", 123_456), ("0.5", 500_000),
        ] as [(String, Int64)]
    )
    func parses(text: String, micros: Int64) {
        #expect(Money(parsing: text)?.micros == micros)
    }

    @Test(
        "refuses what is not exactly [$]digits[.digits] in ASCII",
        arguments: [
            "", "$", "abc", "1.2.3", "0.0000001", "1e3", "$-1", "-1", "NaN", ".5", "5.", " 1", "1 ", "+1", "$$1",
            "1\u{301}", "$0.0100\u{301}", "\u{661}", "１", "0x10", "1_000", "1,5", "1000000000",
        ]
    )
    func refuses(text: String) {
        #expect(Money(parsing: text) == nil)
        #expect(throws: ParseError.self) { try Money.parse(text) }
    }

    @Test func saysWhyAnAmountIsRefused() {
        #expect(
            throws: ParseError(
                text: "-1",
                expected: "an amount of dollars such as 2.50 or $0.0100",
                reason: "amounts are never negative"
            )
        ) {
            try Money.parse("-1")
        }
        #expect(
            throws: ParseError(
                text: "0.0000001",
                expected: "an amount of dollars such as 2.50 or $0.0100",
                reason: "more than six decimal places"
            )
        ) { try Money.parse("0.0000001") }
        // The combining mark is shown, not swallowed into the digit before it.
        let error = #expect(throws: ParseError.self) { try Money.parse("1\u{301}") }
        #expect(error?.description.hasPrefix("\"1\\u{301}\" is not an amount") == true)
    }

    @Test func theLargestAmountsStillSumWithoutOverflow() throws {
        let largest = try Money.parse("999999999.999999")
        #expect(largest == Money.largest)
        #expect(Array(repeating: largest, count: 9000).sum().micros > 0)
    }

    @Test func formatsWithAtLeastFourPlaces() {
        #expect(Money(micros: 30_000).formatted == "$0.0300")
        #expect(Money(micros: 0).formatted == "$0.0000")
        #expect(Money(micros: 1_234_567).formatted == "$1.234567")
        #expect(Money(micros: 2_500_000).formatted == "$2.5000")
    }

    @Test func sumsExactly() {
        // 0.1 ten times is not 1.0 in binary floating point; in micro-dollars it is.
        #expect(Array(repeating: Money(parsing: "0.1")!, count: 10).sum() == Money(micros: 1_000_000))
    }
}
