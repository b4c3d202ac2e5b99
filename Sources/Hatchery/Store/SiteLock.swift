import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per site: an exclusive `flock` on `DIR/.hatchery/build.lock`, taken by `build` and
/// `settle` before they open the store and held until they end.
///
/// The kernel drops a `flock` when its descriptor closes, however the process ends (`kill -9`
/// included), so a lock never outlives its holder and there is nothing stale to clean up. The
/// file's contents are only a note for whoever is refused: the holder's PID, when it took the
/// lock and what it is doing.
public final class SiteLock: Sendable {
    /// What holds the lock, as the refused side reads it.
    public enum Command: String, Sendable {
        case build, settle
        /// A reader (`status`, `spend`, `plan`) bringing the schema up to date, for a moment.
        case migration
    }

    /// `DIR/.hatchery/build.lock`.
    public let file: URL
    /// The open descriptor that carries the lock; nil once released.
    private let descriptor: Mutex<Int32?>

    private init(file: URL, descriptor: Int32) {
        self.file = file
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// The lock file of the site in `siteDirectory`.
    public static func file(siteDirectory: URL) -> URL {
        siteDirectory.appendingPathComponent(SiteFolder.Names.stateFolder).appendingPathComponent(SiteFolder.Names.lock)
    }

    /// Takes the site's lock. When another process holds it: with `waiting`, calls `onWait` once
    /// with the holder and tries again every `interval` of `clock` until it is free; without,
    /// fails at once naming the holder.
    public static func acquire<C: Clock>(
        siteDirectory: URL,
        for command: Command,
        waiting: Bool,
        clock: C,
        interval: Duration = .milliseconds(250),
        onWait: (SiteLockHolder?) -> Void = { _ in }
    ) async throws -> SiteLock
    where C.Duration == Duration {
        var announced = false
        var unsigned = 0
        while true {
            if let lock = try attempt(siteDirectory: siteDirectory, for: command) { return lock }
            let holder = holder(siteDirectory: siteDirectory)
            // A holder writes its note just after it takes the lock: one that has only just
            // started (two builds started together) is given a moment to sign, so that the
            // refusal can name it. A note naming a process that is gone is a killed holder's.
            if holder.map(\.isAlive) != true, unsigned < 50 {
                unsigned += 1
                try await clock.sleep(for: .milliseconds(2))
                continue
            }
            guard waiting else {
                throw SiteLockError.busy(
                    site: siteDirectory.path,
                    holder: holder,
                    refused: command,
                    canWait: command == .build
                )
            }
            if !announced {
                onWait(holder)
                announced = true
            }
            // LOCK_NB and a sleep rather than a blocking flock: no thread is held up, the wait
            // can be cancelled, and tests drive it with their own clock.
            try await clock.sleep(for: interval)
        }
    }

    /// Takes the site's lock if it is free; nil when another process (or another open of the
    /// file in this one) holds it.
    public static func attempt(siteDirectory: URL, for command: Command) throws(SiteLockError) -> SiteLock? {
        let file = file(siteDirectory: siteDirectory)
        do {
            _ = try SiteFolder(existing: siteDirectory)
        } catch {
            throw .notASite(error)
        }
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
        } catch {
            throw .cannotOpen(path: file.path, reason: ErrorReason.of(error))
        }
        // No O_TRUNC: opening must not wipe the holder's note. O_CLOEXEC: a child process must
        // not inherit the descriptor and keep the site locked after this process ends.
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: file.path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw .cannotOpen(path: file.path, reason: String(cString: strerror(code)))
        }
        let note = SiteLockHolder(pid: getpid(), started: Date(), command: command).note
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return SiteLock(file: file, descriptor: descriptor)
    }

    /// Who holds the site's lock, as its note says; nil when the note is missing or unreadable
    /// (the holder took the lock but has not written it yet, or nobody holds it).
    public static func holder(siteDirectory: URL) -> SiteLockHolder? {
        guard let text = try? String(contentsOf: file(siteDirectory: siteDirectory), encoding: .utf8) else {
            return nil
        }
        return SiteLockHolder(note: text)
    }

    /// Lets the next process in. Safe to call more than once; the end of the process does the same.
    public func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            // Clear the note first so that nobody reads a finished holder as the current one.
            _ = ftruncate(open, 0)
            close(open)
            descriptor = nil
        }
    }
}
