import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file with `open`, `write` and `close`, and no `fsync`. Foundation's
/// `Data.write(to:)` syncs every file it writes to the device; for a site's pages that was one
/// device flush per page, which held a full re-render of 10,000 pages on the disk for seconds.
/// Only files that can be made again from the store are written this way: pages, data files and
/// the copies of originals in the site, whose recorded size and modification time make the next
/// build remake one a crash cut short. The store's originals and web sizes keep Foundation's
/// atomic, synced writes.
enum UnsyncedFile {
    /// A failed system call, by its `errno`.
    struct Failure: Error, Sendable {
        let code: Int32
        /// As `ErrorReason` words it: `"no such file or directory"`.
        var reason: String { ErrorReason.of(errno: code) }
    }

    /// Writes `data` to `path`, creating the file (mode 0666 less the umask, as Foundation and
    /// every other file of the site: umask 002 gives group-writable pages, as it did before) or
    /// truncating it, and returns its state as written: the size and modification time `fstat`
    /// gives before `close`.
    /// - Throws: `Failure` with the `errno` of the first call that failed; `ENOENT` when the
    ///   folder is missing.
    static func write(_ data: Data, to path: String) throws(Failure) -> FileState {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        var failure = data.withUnsafeBytes { writeAll($0, to: descriptor) }
        var info = stat()
        if failure == nil, fstat(descriptor, &info) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil, errno != EINTR { failure = errno }
        if let failure { throw Failure(code: failure) }
        return FileState(info)
    }
}

/// Writes all of `bytes`, again after a short write or an interruption; the `errno` of a failure.
private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    guard let start = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, start + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return nil
}
