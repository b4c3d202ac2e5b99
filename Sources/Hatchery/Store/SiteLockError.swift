import Foundation

/// Why a command could not take a site's lock.
public enum SiteLockError: Error, LocalizedError, Equatable {
    /// Another process holds the lock. `holder` is nil when its note could not be read (it had
    /// just taken the lock); `canWait` says whether the refused command has `--wait`.
    case busy(site: String, holder: SiteLockHolder?, refused: SiteLock.Command, canWait: Bool)
    case cannotOpen(path: String, reason: String)
    case notASite(SiteFolderError)

    public var errorDescription: String? {
        switch self {
        case .busy(let site, let holder, let refused, let canWait):
            let who =
                switch holder?.command {
                case .build?, nil: "Another hatchery build is running on \(site)"
                case .settle?: "A hatchery settle is running on \(site)"
                case .migration?: "Another hatchery command is updating the state database of \(site)"
                }
            let details = " (\(holder?.summary ?? "PID unknown: it has only just started"))."
            let advice =
                switch refused {
                case .build:
                    canWait ? " Wait for it, or pass --wait to queue behind it." : " Wait for it, then build again."
                case .settle: " Wait for it to finish, then settle again: the build may settle the task itself."
                case .migration: " Try again in a moment."
                }
            return who + details + advice
        case .cannotOpen(let path, let reason):
            return "Could not open the site's lock file \(path): \(reason). Check that the folder is writable."
        case .notASite(let problem):
            return problem.errorDescription
        }
    }
}
