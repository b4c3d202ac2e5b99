import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`, what `ulimit -n` sets). A build holds
/// tens at once: the store's connections with their write-ahead logs, a folder scan and a
/// libvips conversion on every core, the provider's connections. Under the limit, each of those
/// fails in its own words ("unable to open database file", a templates folder that seems
/// empty), none of which names the limit; `check` names it before anything opens.
public enum OpenFileLimit {
    /// What a build may hold open at once on a machine with `cores` cores: the store, theme and
    /// provider (a fixed part), and per core a scan, a conversion and their files.
    public static func required(cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        64 + 8 * max(1, cores)
    }

    /// Raises the soft limit towards the hard one, as Go's runtime does at start: the soft limit
    /// is a default of the shell's (often 1,024, in some containers far less), the hard one what
    /// the system allows. It stops at 65,536, since code that closes every descriptor up to the
    /// limit (before running a child process) takes time in proportion. The setting is the
    /// whole process's, so the executable makes it, first thing. Returns the soft limit now, or
    /// nil when it cannot be read.
    @discardableResult
    public static func raise() -> Int? {
        var limit = rlimit()
        guard getrlimit(resourceKind, &limit) == 0 else { return nil }
        let target = min(limit.rlim_max, 65_536)
        if limit.rlim_cur < target {
            var raised = limit
            raised.rlim_cur = target
            if setrlimit(resourceKind, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// Throws `OpenFileLimitError` when the soft limit is under `required()`.
    public static func check(cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(OpenFileLimitError) {
        var limit = rlimit()
        guard getrlimit(resourceKind, &limit) == 0 else { return }
        let needed = required(cores: cores)
        guard Int(clamping: limit.rlim_cur) < needed else { return }
        throw OpenFileLimitError(
            limit: Int(clamping: limit.rlim_cur),
            hardLimit: Int(clamping: limit.rlim_max),
            required: needed,
            cores: cores
        )
    }

    #if canImport(Glibc)
    private static let resourceKind = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceKind = RLIMIT_NOFILE
    #endif
}

/// The open-file limit is under what a build needs (`OpenFileLimit.check`).
public struct OpenFileLimitError: Error, LocalizedError, Equatable {
    /// The soft limit, `ulimit -n`.
    public var limit: Int
    /// What the soft limit may be raised to without privileges (`ulimit -Hn`).
    public var hardLimit: Int
    public var required: Int
    public var cores: Int

    public var errorDescription: String? {
        let raise =
            hardLimit >= required
            ? "Raise it in this shell with `ulimit -n \(min(hardLimit, max(required, 1024)))`, then run the command again."
            : "The system allows at most \(hardLimit) (`ulimit -Hn`): raise the hard limit (the `nofile` line of /etc/security/limits.conf, or the container's `--ulimit nofile=…`), then run the command again."
        return
            "Hatchery needs up to \(required) open files on this \(cores)-core machine, and the open-file limit is \(limit) (`ulimit -n`). \(raise) Nothing was read or changed."
    }
}
