import Foundation
import Testing

@testable import Hatchery

/// The site's pages are written without an `fsync` each; what `UnsyncedFile` returns is what
/// the next build compares the file on disk with.
@Suite struct UnsyncedFileTests {
    @Test func itWritesTheBytesAndReturnsTheStateOnDisk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let path = folder.url.appendingPathComponent("page.html").path
        for bytes in [Data("<p>first</p>".utf8), Data(), Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0) })] {
            let state = try UnsyncedFile.write(bytes, to: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
            #expect(FolderScan.states(folder.url)["page.html"] == state)
        }
        // Readable by a web server running as another user (the umask allowing).
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o444 == 0o444 & ~Int(Self.umask))
    }

    @Test func failuresNameTheirCauseAsASentenceEnd() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        #expect(throws: UnsyncedFile.Failure.self) {
            try UnsyncedFile.write(Data("x".utf8), to: folder.url.appendingPathComponent("missing/page.html").path)
        }
        do {
            _ = try UnsyncedFile.write(Data("x".utf8), to: folder.url.path)
            Issue.record("a folder was written as a file")
        } catch {
            #expect(error.code == EISDIR)
            #expect(error.reason == "is a directory")
        }
    }

    /// The process's umask, read by setting it and back.
    static var umask: mode_t {
        let mask = Foundation.umask(0o022)
        _ = Foundation.umask(mask)
        return mask
    }
}
