import Foundation

extension Duration {
    /// In seconds, as a floating-point number: for arithmetic with `TimeInterval` and for
    /// printing times, never for money.
    public var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
