import Foundation

/// A data file written to the staging folder as it is made, and hashed on the way: for the
/// manifest and the search index, which grow with the gallery, so that neither is ever held
/// whole in memory. `SiteOutputs.stream` keeps it when its digest is new and drops it otherwise.
struct StreamedOutput {
    let file: URL
    private let handle: FileHandle
    private let hasher = SHA256Hasher()
    private var buffer: [UInt8] = []
    /// Written in pieces of about this many bytes.
    private static let chunk = 1 << 16

    init(at file: URL) throws(RenderError) {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            handle = try FileHandle(forWritingTo: file)
        } catch {
            throw .write(path: file.path, reason: ErrorReason.of(error))
        }
        self.file = file
        buffer.reserveCapacity(Self.chunk)
    }

    mutating func append<Bytes: Sequence>(_ bytes: Bytes) throws(RenderError) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { try flush() }
    }

    mutating func append(_ text: String) throws(RenderError) {
        try append(text.utf8)
    }

    /// Writes what is buffered, closes the file and returns the digest of everything appended.
    mutating func finish() throws(RenderError) -> String {
        try flush()
        do {
            try handle.close()
        } catch {
            throw .write(path: file.path, reason: ErrorReason.of(error))
        }
        return hasher.finish()
    }

    private mutating func flush() throws(RenderError) {
        guard !buffer.isEmpty else { return }
        hasher.update(buffer)
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .write(path: file.path, reason: ErrorReason.of(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
