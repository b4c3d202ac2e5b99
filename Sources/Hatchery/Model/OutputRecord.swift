/// What a build recorded of one file it wrote into the site: the digest of what the file was
/// made from (`OutputDigest`), and the file's size and modification time as written, so that
/// a file edited or replaced by hand since is made again even when its inputs are the same.
public struct OutputRecord: Sendable, Equatable {
    /// 64 lowercase hex characters.
    public var digest: String
    public var state: FileState

    /// The digest recorded for a file whose name covers its content (an original, a web size):
    /// only its state is compared.
    public static let named = "named"

    public init(digest: String, state: FileState) {
        self.digest = digest
        self.state = state
    }
}
