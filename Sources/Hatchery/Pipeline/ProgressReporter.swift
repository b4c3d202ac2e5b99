import Foundation

/// Progress on stderr: one redrawn line on a terminal, plain lines at each tenth when piped,
/// nothing when quiet. An actor because tasks finish concurrently.
public actor ProgressReporter {
    public enum Mode: Sendable {
        case automatic
        case quiet
    }

    private let enabled: Bool
    private let interactive: Bool
    private var title = ""
    private var total = 0
    private var done = 0
    private var failed = 0
    private var lastTenth = -1

    public init(mode: Mode = .automatic) {
        enabled = mode != .quiet
        interactive = isatty(STDERR_FILENO) != 0
    }

    public func start(_ title: String, total: Int) {
        self.title = title
        self.total = total
        done = 0
        failed = 0
        lastTenth = -1
        draw()
    }

    public func advance(failed didFail: Bool = false) {
        done += 1
        if didFail { failed += 1 }
        draw()
    }

    public func finish() {
        if enabled, interactive, total > 0 { Self.write("\n") }
    }

    /// A line on stderr, unless quiet.
    public nonisolated func note(_ text: String) {
        if enabled { Self.write(text + "\n") }
    }

    /// A line on stderr for a step of the build, e.g. `[2/6] Plan`.
    public nonisolated func step(_ text: String) {
        Self.write(text + "\n")
    }

    private func draw() {
        guard enabled, total > 0 else { return }
        let failures = failed > 0 ? ", \(failed) failed" : ""
        if interactive {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            Self.write("\r\(title) [\(bar)] \(done)/\(total)\(failures)")
        } else {
            let tenth = done * 10 / total
            guard tenth != lastTenth else { return }
            lastTenth = tenth
            Self.write("\(title): \(done)/\(total)\(failures)\n")
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
