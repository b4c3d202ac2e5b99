import Foundation
import Testing

@testable import Hatchery

/// `UnsyncedFile` writes the site's pages and data files: their bytes, their state as a later
/// `stat` sees it, and their mode are those of the Foundation write it replaced.
@Suite struct UnsyncedFileTests {
    /// Under umask 002 (a site folder shared by a group) a page is group-writable, as the web sizes,
    /// the streamed files and the pages before `UnsyncedFile` were: not 0644 among 0664 files. In a
    /// child process, since the umask is the whole process's.
    @Test func aPageHasTheModeFoundationGivesUnderTheUmask() async {
        await #expect(processExitsWith: .success) {
            umask(0o002)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unsynced-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appendingPathComponent("page.html")
            let reference = folder.appendingPathComponent("reference.html")
            _ = try UnsyncedFile.write(Data("<p>".utf8), to: page.path)
            try Data("<p>".utf8).write(to: reference)
            var pageInfo = stat()
            var referenceInfo = stat()
            guard stat(page.path, &pageInfo) == 0, stat(reference.path, &referenceInfo) == 0,
                pageInfo.st_mode & 0o777 == 0o664, referenceInfo.st_mode & 0o777 == 0o664
            else { exit(1) }
        }
    }

    @Test(arguments: [Data(), Data("<!doctype html>\n".utf8), Data(repeating: 0, count: 1 << 20)])
    func theFileHasTheBytesAndTheStateReturned(data: Data) throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let file = folder.url.appendingPathComponent("file").path
        try Data("longer than the empty file, to be truncated".utf8).write(to: URL(fileURLWithPath: file))
        let state = try UnsyncedFile.write(data, to: file)
        var info = stat()
        #expect(stat(file, &info) == 0)
        #expect(FileState(info) == state)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == data)
    }

    @Test func aMissingFolderIsENOENT() {
        #expect(throws: UnsyncedFile.Failure.self) {
            _ = try UnsyncedFile.write(Data("x".utf8), to: "/nonexistent-\(UUID().uuidString)/page.html")
        }
        do {
            _ = try UnsyncedFile.write(Data("x".utf8), to: "/nonexistent-\(UUID().uuidString)/page.html")
        } catch {
            #expect(error.code == ENOENT)
            #expect(error.reason == "no such file or directory")
        }
    }

    @Test func aFolderWhereThePageGoesIsEISDIR() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        do {
            _ = try UnsyncedFile.write(Data("x".utf8), to: folder.url.path)
            Issue.record("a folder was written as a file")
        } catch {
            #expect(error.code == EISDIR)
            #expect(error.reason == "is a directory")
        }
    }
}
