import Hatchery

/// How a cost string is written. Never rounded: a style asks for at least `places` decimals,
/// and more are written when the exact amount needs them (`$0.016` stays `$0.016` in `.dollars(2)`).
public enum CostStyle: Sendable, Equatable, Hashable {
    /// `$0.01`, `$0.0100`, `$0.010000` for 2, 4, 6 places.
    case dollars(Int)
    /// `0.010000`: no `$`, as webhook bodies write it.
    case plain(Int)
    /// `.dollars(places)` with `suffix` after the digits: not money, for clients that must refuse
    /// such a cost without crashing (`"$0.0100\u{301}"`, a digit with a combining mark).
    case garbled(Int, suffix: String)

    /// The names `eggapi-sim` takes: `2`, `4`, `6` (with `$`) and `plain6` (without).
    public init?(name: String) {
        if name.hasPrefix("plain"), let places = Int(name.dropFirst(5)), (0...6).contains(places) {
            self = .plain(places)
        } else if let places = Int(name), (0...6).contains(places) {
            self = .dollars(places)
        } else {
            return nil
        }
    }

    /// The exact amount with at least this style's places, more only when they are not zeros.
    public func text(_ money: Money) -> String {
        let (sign, places, suffix) =
            switch self {
            case .dollars(let places): ("$", places, "")
            case .plain(let places): ("", places, "")
            case .garbled(let places, let suffix): ("$", places, suffix)
            }
        let minus = money.micros < 0 ? "-" : ""
        let magnitude = money.micros.magnitude
        var fraction = String(magnitude % UInt64(Money.microsPerDollar))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > places, fraction.last == "0" { fraction.removeLast() }
        let whole = magnitude / UInt64(Money.microsPerDollar)
        return (fraction.isEmpty ? "\(minus)\(sign)\(whole)" : "\(minus)\(sign)\(whole).\(fraction)") + suffix
    }
}
