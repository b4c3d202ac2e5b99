/// A day of the Gregorian calendar, `YYYY-MM-DD`, as `spend --since` and `--until` take it and
/// as timestamps carry it. Only days that exist: `2026-02-30` is refused, not rolled over into
/// March.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// - Throws: `ParseError` when the fields do not name a real day.
    public init(year: Int, month: Int, day: Int) throws(ParseError) {
        let text = "\(year)-\(month)-\(day)"
        guard (1...9999).contains(year) else {
            throw ParseError(text: text, expected: "a day", reason: "years run from 0001 to 9999")
        }
        guard (1...12).contains(month) else {
            throw ParseError(text: text, expected: "a day", reason: "no month \(month)")
        }
        let last = Self.daysIn(month: month, year: year)
        guard (1...last).contains(day) else {
            throw ParseError(text: text, expected: "a day", reason: "month \(month) of \(year) has \(last) days")
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads `YYYY-MM-DD` in ASCII digits.
    ///
    /// - Throws: `ParseError` naming what is wrong.
    public static func parse(_ text: String) throws(ParseError) -> CalendarDay {
        let expected = "a day written YYYY-MM-DD"
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].utf8.count == 4, fields[1].utf8.count == 2, fields[2].utf8.count == 2,
            let year = try? DecimalText.integer(fields[0]), let month = try? DecimalText.integer(fields[1]),
            let day = try? DecimalText.integer(fields[2])
        else { throw ParseError(text: text, expected: expected) }
        do {
            return try CalendarDay(year: Int(year), month: Int(month), day: Int(day))
        } catch {
            throw ParseError(text: text, expected: expected, reason: error.reason)
        }
    }

    /// `2026-02-28`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
