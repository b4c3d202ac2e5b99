import Foundation
import GRDB

/// Why the state database or the object folder could not be used.
public enum StoreError: Error, LocalizedError {
    case cannotOpen(path: String, reason: String)
    /// Another program held the database locked for longer than the store waits (10 s): a
    /// `sqlite3` shell with a transaction open, a backup tool. Another `hatchery` waits on the
    /// site's lock first, so it is rarely one.
    case busy(path: String)
    case database(String)
    case objectWrite(path: String, reason: String)
    case objectMissing(path: String)

    /// Whether `error` is SQLite's "database is locked" (`SQLITE_BUSY`, `SQLITE_LOCKED`).
    static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "Could not open the state database \(path): \(reason). Check the folder is writable, the disk has room and no file-size limit applies (`ulimit -f`). Keep the file: it records every task and what it cost, and a build without it would pay again for every image."
        case .busy(let path):
            "The state database \(path) is locked by another program (a `sqlite3` shell with a transaction open, a backup or sync tool) and stayed locked for 10 seconds. Let that program finish or close it, then run the command again. The database was not changed; keep it: it records every task and what it cost."
        case .database(let detail):
            "The state database refused an operation: \(detail)."
        case .objectWrite(let path, let reason):
            "Could not write the image \(path): \(reason). Check free disk space and permissions."
        case .objectMissing(let path):
            "The stored image \(path) is missing; run `hatchery build` to fetch or paint it again."
        }
    }
}
