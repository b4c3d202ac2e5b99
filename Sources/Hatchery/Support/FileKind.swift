import Foundation

/// What is at a path, symbolic links followed, asked before a file is opened: opening a FIFO
/// for reading waits for a writer forever, and a device (`/dev/zero`) never ends.
public enum FileKind: Equatable, Sendable {
    case missing
    case regularFile
    case folder
    /// Anything else, named for a message: "a FIFO (named pipe)", "a character device", ….
    case other(String)
    /// The path cannot be looked at, for a reason other than absence (a loop of symbolic
    /// links, a permission): the system's words, e.g. "too many levels of symbolic links".
    case unreachable(String)

    public init(at url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let code = errno
            self =
                code == ENOENT || code == ENOTDIR
                ? .missing : .unreachable(String(cString: strerror(code)).lowercased())
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .other("a FIFO (named pipe)")
        case S_IFCHR: self = .other("a character device")
        case S_IFBLK: self = .other("a block device")
        case S_IFSOCK: self = .other("a socket")
        default: self = .other("not a regular file")
        }
    }
}
