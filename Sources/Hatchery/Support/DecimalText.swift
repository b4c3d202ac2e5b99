/// Decimal numbers written in ASCII, read exactly into scaled integers. Money, durations and
/// counts from outside text all go through here: only the bytes `0`–`9` and one `.` count as a
/// number (no signs, spaces, exponents, hex, or digits from other scripts), and nothing passes
/// through floating point. Failures are `Problem`s; the typed parsers (`Money.parse`,
/// `Duration.parse`, `CalendarDay.parse`) turn them into `ParseError`s that say what was expected.
public enum DecimalText {
    public enum Problem: Error, Equatable, Sendable {
        /// Not `digits[.digits]`.
        case notDecimal
        /// More significant fraction digits than the scale keeps.
        case tooPrecise(places: Int)
        /// Larger than `Int64` holds after scaling.
        case tooLarge
    }

    /// `digits[.digits]` as `value × 10^scale`: `scaled("2.5", scale: 3)` is 2500. Fraction
    /// digits past `scale` must be zeros: rounding silently is never right.
    public static func scaled<S: StringProtocol>(_ text: S, scale: Int) throws(Problem) -> Int64 {
        let bytes = Array(text.utf8)
        let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(dot ?? bytes.endIndex)]
        var fraction = dot.map { bytes[($0 + 1)...] } ?? []
        guard !whole.isEmpty, whole.allSatisfy(isDigit), dot == nil || !fraction.isEmpty, fraction.allSatisfy(isDigit)
        else { throw .notDecimal }
        while fraction.count > scale, fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        guard fraction.count <= scale else { throw .tooPrecise(places: scale) }
        var value: Int64 = 0
        for digit in whole { try accumulate(&value, digit) }
        for index in 0..<scale {
            try accumulate(&value, index < fraction.count ? fraction[fraction.startIndex + index] : UInt8(ascii: "0"))
        }
        return value
    }

    /// A whole number in ASCII digits: `integer("42")` is 42; `"+42"`, `"4_2"`, `"٤٢"` are not.
    public static func integer<S: StringProtocol>(_ text: S) throws(Problem) -> Int64 {
        try scaled(text, scale: 0).checkedWhole(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    private static func accumulate(_ value: inout Int64, _ digit: UInt8) throws(Problem) {
        let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflowB) = times.addingReportingOverflow(Int64(digit - 48))
        guard !overflowA, !overflowB else { throw .tooLarge }
        value = sum
    }
}

extension Int64 {
    /// `integer` refuses a fraction even when it is zeros: "3.0" is not a count.
    fileprivate func checkedWhole<S: StringProtocol>(_ text: S) throws(DecimalText.Problem) -> Int64 {
        guard !text.utf8.contains(UInt8(ascii: ".")) else { throw .notDecimal }
        return self
    }
}
