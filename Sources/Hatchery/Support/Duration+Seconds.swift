import Foundation

extension Duration {
    /// In seconds, as a floating-point number: for arithmetic with `TimeInterval` and for
    /// printing times, never for money.
    public var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }

    /// The units a duration is written in on the command line and in the environment.
    public enum TextUnit: String, Sendable {
        case seconds, minutes

        var microseconds: Int64 { self == .seconds ? 1_000_000 : 60_000_000 }
    }

    /// Reads a decimal number of `unit`s in ASCII, exactly to the microsecond: `"2.5"` seconds,
    /// `"0.5"` minutes. No signs, exponents, `inf` or `nan`, and at most a day's worth of
    /// microseconds times a thousand, so nothing downstream overflows.
    ///
    /// - Throws: `ParseError` saying what is wrong; the caller names the flag or variable.
    public static func parse(_ text: String, unit: TextUnit) throws(ParseError) -> Duration {
        let expected = "a number of \(unit.rawValue) such as 2.5"
        let micros: Int64
        do {
            micros = try DecimalText.scaled(text, scale: 6)
        } catch .tooPrecise {
            throw ParseError(text: text, expected: expected, reason: "more than six decimal places")
        } catch .tooLarge {
            throw ParseError(text: text, expected: expected, reason: "too large")
        } catch {
            throw ParseError(text: text, expected: expected, reason: "only ASCII digits and one \".\"")
        }
        let limit: Int64 = 86_400_000  // a thousand days of seconds, or of minutes: far beyond any timeout
        guard micros / 1_000_000 <= limit else { throw ParseError(text: text, expected: expected, reason: "too large") }
        return .microseconds(micros) * Int(unit.microseconds / 1_000_000)
    }
}
