import Foundation

/// Who holds a site's lock: the note the holder writes into `build.lock`, three lines such as
/// `pid 1234`, `started 2026-11-30T07:12:03Z`, `command build`.
public struct SiteLockHolder: Sendable, Equatable {
    public var pid: Int32
    public var started: Date
    public var command: SiteLock.Command

    public init(pid: Int32, started: Date, command: SiteLock.Command) {
        self.pid = pid
        self.started = started
        self.command = command
    }

    /// Reads a note; nil unless it has all three lines.
    init?(note: String) {
        var fields: [Substring: Substring] = [:]
        for line in note.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[line[..<space]] = line[line.index(after: space)...]
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }),
            let started = fields["started"].flatMap({ Timestamp.parse(String($0)) }),
            let command = fields["command"].flatMap({ SiteLock.Command(rawValue: String($0)) })
        else { return nil }
        self.init(pid: pid, started: started, command: command)
    }

    /// Whether the process is still there (signal 0 checks without sending anything).
    var isAlive: Bool { kill(pid, 0) == 0 || errno == EPERM }

    var note: String {
        "pid \(pid)\nstarted \(Timestamp.format(started))\ncommand \(command.rawValue)\n"
    }

    /// `PID 1234, started 2026-11-30 07:12:03 UTC`.
    public var summary: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: started)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return
            "PID \(pid), started \(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }
}
