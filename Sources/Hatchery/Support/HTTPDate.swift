import Foundation

/// HTTP dates (`Tue, 14 Nov 2023 22:13:25 GMT`), as `Retry-After` may carry them.
public enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reads an IMF-fixdate (RFC 9110, 5.6.7), the form servers must send: `Sun, 06 Nov 1994
    /// 08:49:37 GMT`. Read field by field with the strict readers, never by DateFormatter, which
    /// traps on some text (a combining mark in the day name, found by fuzzing). nil for anything
    /// else, and for days that do not exist.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].utf8.count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
            parts[1].utf8.count == 2, parts[3].utf8.count == 4,
            let day = try? DecimalText.integer(parts[1]), let year = try? DecimalText.integer(parts[3]),
            let month = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.utf8.count == 2 }),
            let hour = try? DecimalText.integer(clock[0]), let minute = try? DecimalText.integer(clock[1]),
            let second = try? DecimalText.integer(clock[2]), hour < 24, minute < 60, second < 61,
            (try? CalendarDay(year: Int(year), month: month + 1, day: Int(day))) != nil,
            let gmt = TimeZone(identifier: "GMT")
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = gmt
        return calendar.date(
            from: DateComponents(
                year: Int(year),
                month: month + 1,
                day: Int(day),
                hour: Int(hour),
                minute: Int(minute),
                second: Int(second)
            )
        )
    }

    public static func format(_ date: Date) -> String {
        let formatter = formatter()
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
