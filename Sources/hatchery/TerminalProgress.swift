import Foundation
import Hatchery
import Synchronization

/// A build's progress on stderr: `[i/N] step` lines and notes, and each batch of tasks as one
/// redrawn bar on a terminal or a plain line at each tenth when piped. `--quiet` installs none.
final class TerminalProgress: BuildObserver {
    private struct Batch {
        var title = ""
        var total = 0
        var done = 0
        var failed = 0
        var lastTenth = -1
    }

    private let interactive: Bool
    /// Tasks finish concurrently: the batch is counted and drawn under one lock.
    private let batch = Mutex(Batch())

    init(interactive: Bool = isatty(STDERR_FILENO) != 0) {
        self.interactive = interactive
    }

    func stepStarted(index: Int, count: Int, name: String) {
        Self.write("[\(index)/\(count)] \(name)\n")
    }

    func note(_ text: String) {
        Self.write(text + "\n")
    }

    func tasksStarted(_ title: String, total: Int) {
        batch.withLock { batch in
            batch = Batch(title: title, total: total)
            draw(batch: &batch)
        }
    }

    func taskFinished(failed: Bool) {
        batch.withLock { batch in
            batch.done += 1
            if failed { batch.failed += 1 }
            draw(batch: &batch)
        }
    }

    func tasksFinished() {
        if interactive, batch.withLock({ $0.total }) > 0 { Self.write("\n") }
    }

    private func draw(batch: inout Batch) {
        guard batch.total > 0 else { return }
        let failures = batch.failed > 0 ? ", \(batch.failed) failed" : ""
        if interactive {
            let width = 30
            let filled = batch.done * width / batch.total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            Self.write("\r\(batch.title) [\(bar)] \(batch.done)/\(batch.total)\(failures)")
        } else {
            let tenth = batch.done * 10 / batch.total
            guard tenth != batch.lastTenth else { return }
            batch.lastTenth = tenth
            Self.write("\(batch.title): \(batch.done)/\(batch.total)\(failures)\n")
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
