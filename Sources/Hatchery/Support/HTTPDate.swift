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

    /// nil for anything that is not printable ASCII of a date's length: Foundation's
    /// DateFormatter traps on some other text (a combining mark, found by fuzzing).
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= 64, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return formatter().date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = formatter()
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
