/// A file's size and modification time, as `stat` gives them.
public struct FileState: Sendable, Equatable {
    /// In bytes.
    public var size: Int64
    /// Nanoseconds since 1970-01-01 UTC.
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }
}
