import Foundation

/// How one task writes its times: RFC 3339 with 0, 3 or 6 fraction digits and an offset.
struct TimestampStyle: Sendable, Equatable {
    var fractionDigits: Int
    /// Minutes east of UTC; 0 is written `Z`.
    var offsetMinutes: Int

    /// What the simulator always wrote: milliseconds, UTC (now truncated, as every style is).
    static let fractionalUTC = TimestampStyle(fractionDigits: 3, offsetMinutes: 0)

    /// `date` in this style. Digits are truncated, never rounded, so the written time never
    /// lies after the instant: a whole second means "somewhere in that second".
    func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        // `seconds - whole` is exact, so the fraction never carries into the next second.
        let micros = min(999_999, Int(((seconds - whole) * 1_000_000).rounded(.down)))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let local = Date(timeIntervalSince1970: whole + Double(offsetMinutes * 60))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        var text = String(
            format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld",
            c.year!,
            c.month!,
            c.day!,
            c.hour!,
            c.minute!,
            c.second!
        )
        if fractionDigits > 0 {
            let digits = String(format: "%06ld", micros)
            text += "." + digits.prefix(min(6, fractionDigits))
        }
        if offsetMinutes == 0 { return text + "Z" }
        let magnitude = abs(offsetMinutes)
        return text + (offsetMinutes < 0 ? "-" : "+") + String(format: "%02ld:%02ld", magnitude / 60, magnitude % 60)
    }
}
