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

    /// Parses `"$0.0100"`, `"0.016000"`, `"2.5"`, `"$3"`. More than six decimal places is an
    /// error unless the extra digits are zeros: rounding money silently is never right.
    public init?(parsing text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        if body.hasPrefix("$") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty || parts.count == 2,
              wholeText.allSatisfy(\.isASCIIDigit)
        else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), !(wholeText.isEmpty && fraction.isEmpty) else { return nil }
        while fraction.count > 6, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= 6, wholeText.count <= 12 else { return nil }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        guard let whole = Int64(wholeText.isEmpty ? "0" : wholeText), let fractionMicros = Int64(padded) else { return nil }
        let micros = whole * Money.microsPerDollar + fractionMicros
        self.micros = negative ? -micros : micros
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

extension Character {
    /// One ASCII digit and nothing else: `"1\u{301}"` (a digit with a combining mark) is one
    /// Character that sorts between "0" and "9", and is not a digit.
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return (48...57).contains(ascii) && unicodeScalars.count == 1
    }
}

extension Sequence where Element == Money {
    /// The exact total.
    public func sum() -> Money { reduce(.zero, +) }
}
