import Foundation

/// Original images stored by content: `objects/ab/abcdef….png`, written once, never changed.
public struct ObjectStore: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The path of an object, relative to the store's folder, as kept in the database.
    public static func relativePath(sha256: String) -> String {
        "objects/\(sha256.prefix(2))/\(sha256).png"
    }

    public func url(sha256: String) -> URL {
        folder.appendingPathComponent("\(sha256.prefix(2))/\(sha256).png")
    }

    /// Stores `data` under its SHA-256 and returns the digest. A crash mid-write leaves only a
    /// temporary file: the object appears whole or not at all.
    public func put(_ data: Data) throws(StoreError) -> String {
        let sha = SHA256Digest.hex(of: data)
        let target = url(sha256: sha)
        if FileManager.default.fileExists(atPath: target.path) { return sha }
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try data.write(to: target, options: .atomic)
        } catch {
            throw .objectWrite(path: target.path, reason: ErrorReason.of(error))
        }
        return sha
    }

    public func contains(sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(sha256: sha256).path)
    }
}
