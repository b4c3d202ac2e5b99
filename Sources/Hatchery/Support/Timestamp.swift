import Foundation

/// RFC 3339 timestamps as EggAPI writes them: `2026-05-08T10:30:00Z` and
/// `2025-12-25T21:03:47.879577+08:00` (any number of fraction digits, any offset). The one reader
/// of timestamps from outside: ASCII digits only, and only days that exist.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        parseWithPrecision(text)?.date
    }

    /// The instant and how precise it is: 1 s for `10:30:00Z`, 0.001 s for `10:30:00.123Z`. The
    /// moment meant lies in `date ..< date + precision`.
    public static func parseWithPrecision(_ text: String) -> (date: Date, precision: TimeInterval)? {
        let scalars = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            scalars.count >= 20, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
            scalars[10] == UInt8(ascii: "T") || scalars[10] == UInt8(ascii: " ") || scalars[10] == UInt8(ascii: "t"),
            (1...12).contains(month), (1...CalendarDay.daysIn(month: month, year: year)).contains(day), hour < 24,
            minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanoseconds = 0
        var precision: TimeInterval = 1
        if scalars[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < scalars.count, (48...57).contains(scalars[index]) {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int(scalars[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            precision = pow(10, -Double(min(digits, 9)))
            for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
        }
        guard index < scalars.count else { return nil }
        var offsetSeconds = 0
        switch scalars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == scalars.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let hours = number(index + 1, 2), let minutes = number(index + 4, 2), index + 6 == scalars.count
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (scalars[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let base = calendar.date(from: components) else { return nil }
        return (base.addingTimeInterval(TimeInterval(-offsetSeconds) + TimeInterval(nanoseconds) / 1e9), precision)
    }

    /// `2026-05-08T10:30:00.123Z`, as the simulator writes them (to the nearest millisecond).
    public static func format(_ date: Date) -> String {
        let (time, milliseconds) = utc(date)
        return "\(digits(time.year, 4))-\(digits(time.month, 2))-\(digits(time.day, 2))T"
            + "\(digits(time.hour, 2)):\(digits(time.minute, 2)):\(digits(time.second, 2)).\(digits(milliseconds, 3))Z"
    }

    /// `2026-05-08 10:30 UTC`, as pages show when an image was made.
    public static func formatMinutes(_ date: Date) -> String {
        let (time, _) = utc(date)
        return "\(digits(time.year, 4))-\(digits(time.month, 2))-\(digits(time.day, 2)) "
            + "\(digits(time.hour, 2)):\(digits(time.minute, 2)) UTC"
    }

    /// The calendar fields of `date` in UTC, and its milliseconds. By arithmetic on the Unix
    /// time rather than a date formatter: a build formats tens of thousands of dates, and making
    /// a formatter each time took a fifth of a render.
    private static func utc(
        _ date: Date
    ) -> (
        (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int), milliseconds: Int
    ) {
        let total = Int((date.timeIntervalSince1970 * 1000).rounded())
        let milliseconds = ((total % 1000) + 1000) % 1000
        let seconds = (total - milliseconds) / 1000
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let days = (seconds - secondOfDay) / 86_400
        // Howard Hinnant's days_from_civil, inverted: the proleptic Gregorian calendar.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (
            (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60),
            milliseconds
        )
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
