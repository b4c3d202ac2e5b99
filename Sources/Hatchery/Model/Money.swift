import Foundation

/// An exact amount of US dollars, held as integer micro-dollars ($1 = 1,000,000).
///
/// Money never passes through a binary floating-point type: costs arrive as strings
/// (`"$0.0100"`, `"0.016000"`) and are parsed digit by digit.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let microsPerDollar: Int64 = 1_000_000
    public static let zero = Money(micros: 0)

    public var micros: Int64

    public init(micros: Int64) {
        self.micros = micros
    }

    /// The largest amount Hatchery reads: $999,999,999.999999. Thousands of such amounts still
    /// sum inside `Int64`, so adding costs read from outside cannot overflow.
    public static let largest = Money(micros: 999_999_999_999_999)

    /// Reads `[$]digits[.digits]` in ASCII, exactly: `"$0.0100"`, `"0.016000"`, `"2.5"`, `"$3"`.
    /// More than six decimal places is refused unless the extra digits are zeros (rounding money
    /// silently is never right); so are signs, spaces, exponents and digits of other scripts.
    ///
    /// - Throws: `ParseError` saying what is wrong; the caller adds where the text came from.
    public static func parse(_ text: String) throws(ParseError) -> Money {
        let expected = "an amount of dollars such as 2.50 or $0.0100"
        let body = text.hasPrefix("$") ? text.dropFirst() : Substring(text)
        let micros: Int64
        do {
            micros = try DecimalText.scaled(body, scale: 6)
        } catch .tooPrecise {
            throw ParseError(text: text, expected: expected, reason: "more than six decimal places")
        } catch .tooLarge {
            throw ParseError(text: text, expected: expected, reason: "the most is \(largest.formatted)")
        } catch {
            let reason =
                body.hasPrefix("-")
                ? "amounts are never negative" : "only ASCII digits, with one optional \"$\" before and one \".\""
            throw ParseError(text: text, expected: expected, reason: reason)
        }
        guard micros <= largest.micros else {
            throw ParseError(text: text, expected: expected, reason: "the most is \(largest.formatted)")
        }
        return Money(micros: micros)
    }

    /// `parse(_:)` for callers that only need to know whether the text is money.
    public init?(parsing text: String) {
        guard let money = try? Money.parse(text) else { return nil }
        self = money
    }

    /// `$0.0300`: at least four decimal places (how EggAPI shows prices), more when needed.
    public var formatted: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Money.microsPerDollar)
        var fraction = String(magnitude % UInt64(Money.microsPerDollar))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 4, fraction.last == "0" { fraction.removeLast() }
        return "\(sign)$\(whole).\(fraction)"
    }

    public var description: String { formatted }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.micros < rhs.micros }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros + rhs.micros) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros - rhs.micros) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(micros: lhs.micros * Int64(rhs)) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.micros += rhs.micros }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.micros -= rhs.micros }

    public init(from decoder: Decoder) throws {
        micros = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(micros)
    }
}

extension Sequence where Element == Money {
    /// The exact total.
    public func sum() -> Money { reduce(.zero, +) }
}
