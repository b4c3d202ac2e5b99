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

    public static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = formatter()
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
