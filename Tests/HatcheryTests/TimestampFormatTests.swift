import Foundation
import Testing

@testable import Hatchery

/// Dates are written by arithmetic, not by a formatter made per call: the text must be what
/// Foundation's formatters wrote, for every day from 1970 to 2200 and times across the day.
@Suite struct TimestampFormatTests {
    @Test func writesWhatFoundationsFormattersWrote() {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let minutes = DateFormatter()
        minutes.locale = Locale(identifier: "en_US_POSIX")
        minutes.timeZone = TimeZone(identifier: "UTC")
        minutes.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        var generator = SystemRandomNumberGenerator()
        // Every day's midnight and last millisecond, and a random instant each day, leap days included.
        for day in stride(from: 0, to: 84_000, by: 3) {
            let midnight = TimeInterval(day) * 86_400
            let instants = [
                midnight, midnight + 86_399.999,
                midnight + TimeInterval(Int.random(in: 0..<86_400_000, using: &generator)) / 1000,
            ]
            for seconds in instants {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(Timestamp.format(date) == iso.string(from: date), "\(seconds)")
                #expect(Timestamp.formatMinutes(date) == minutes.string(from: date), "\(seconds)")
            }
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_778_236_200.123)) == "2026-05-08T10:30:00.123Z")
    }
}
