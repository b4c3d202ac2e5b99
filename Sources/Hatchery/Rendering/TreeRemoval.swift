import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deletes a folder tree entry by entry, so that when something cannot be deleted the failure
/// names that entry and why. A tree a deploy step made read-only gets a second try after its
/// folders are made writable again.
struct TreeRemoval: Sendable {
    /// What blocked a removal: the entry that could not be deleted, and the system's reason.
    struct Failure: Error, Equatable {
        var path: String
        var reason: String
    }

    /// Deletes one file or one empty folder (its path as bytes); returns 0 or an errno. The seam
    /// tests replace: they run as root, whom permissions do not stop, so they refuse entries
    /// themselves.
    var removeEntry: @Sendable (_ path: [UInt8], _ isFolder: Bool) -> Int32 = { path, isFolder in
        let name = FolderScan.cPath(path)
        return (isFolder ? rmdir(name) : unlink(name)) == 0 ? 0 : errno
    }

    /// Deletes `root` and everything under it; nil when it is gone (or was never there).
    func remove(_ root: URL) -> Failure? {
        remove(Array(root.path.utf8))
    }

    /// Deletes the tree at `root`, a path as bytes: entries are listed and deleted by their
    /// bytes, so a name that is not UTF-8 (which no `String` spells) goes too.
    func remove(_ root: [UInt8]) -> Failure? {
        guard let failure = removeTree(root) else { return nil }
        // Permissions are the usual cause (`chmod -R a-w`): an entry can only be deleted from a
        // writable folder. Anything else (an immutable file, a mount point) fails again.
        guard failure.code == EACCES || failure.code == EPERM else { return failure.failure }
        makeFoldersWritable(root)
        return removeTree(root)?.failure
    }

    private func removeTree(_ path: [UInt8]) -> (failure: Failure, code: Int32)? {
        var info = stat()
        guard lstat(FolderScan.cPath(path), &info) == 0 else {
            return errno == ENOENT ? nil : (Self.failure(path, errno), errno)
        }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        var first: (failure: Failure, code: Int32)?
        if isFolder {
            // An unreadable folder cannot be listed: rmdir below names it.
            for (name, _, _) in FolderScan.list(path, sorted: false) ?? [] {
                if let failure = removeTree(path + [47] + name), first == nil { first = failure }
            }
        }
        // Keep deleting what can be deleted, and report the deepest entry that blocked.
        if let first { return first }
        let code = removeEntry(path, isFolder)
        return code == 0 || code == ENOENT ? nil : (Self.failure(path, code), code)
    }

    private static func failure(_ path: [UInt8], _ code: Int32) -> Failure {
        Failure(path: String(decoding: path, as: UTF8.self), reason: describe(code))
    }

    /// Gives the owner read, write and search permission on every folder under `path`.
    private func makeFoldersWritable(_ path: [UInt8]) {
        var info = stat()
        guard lstat(FolderScan.cPath(path), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        _ = chmod(FolderScan.cPath(path), (info.st_mode & 0o7777) | S_IRWXU)
        for (name, _, _) in FolderScan.list(path, sorted: false) ?? [] {
            makeFoldersWritable(path + [47] + name)
        }
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}
