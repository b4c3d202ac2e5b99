import Foundation

/// Why the state database or the object folder could not be used.
public enum StoreError: Error, LocalizedError {
    case cannotOpen(path: String, reason: String)
    case database(String)
    case objectWrite(path: String, reason: String)
    case objectMissing(path: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "Could not open the state database \(path): \(reason). Check the folder is writable, the disk has room and no file-size limit applies (`ulimit -f`). Keep the file: it records every task and what it cost, and a build without it would pay again for every image."
        case .database(let detail):
            "The state database refused an operation: \(detail)."
        case .objectWrite(let path, let reason):
            "Could not write the image \(path): \(reason). Check free disk space and permissions."
        case .objectMissing(let path):
            "The stored image \(path) is missing; run `hatchery build` to fetch or paint it again."
        }
    }
}
