import Foundation
import Testing

@testable import Hatchery

/// `readdir` returns records only `d_reclen` bytes long; a build once crashed reading a whole
/// 256-byte `d_name` past the last record of its buffer, at the end of a page.
@Suite struct FolderScanEntryTests {
    /// A record for `a.html` that ends where an unreadable page begins: reading past its name
    /// faults. In a child process, so that the fault fails the test, not the run.
    @Test func anEntryEndingAtAnUnreadablePageIsReadInPlace() async {
        await #expect(processExitsWith: .success) {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            guard let memory = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                memory != MAP_FAILED, mprotect(memory + page, page, PROT_NONE) == 0,
                let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)
            else { exit(2) }
            let name = Array("a.html".utf8) + [0]
            let length = (offset + name.count + 7) & ~7
            let record = memory + page - length
            record.initializeMemory(as: UInt8.self, repeating: 0, count: length)
            (record + offset).copyMemory(from: name, byteCount: name.count)
            let entry = record.assumingMemoryBound(to: dirent.self)
            let read = FolderScan.entryName(entry)
            guard read.bytes == Array("a.html".utf8), strcmp(read.cString, "a.html") == 0 else { exit(3) }
        }
    }

    @Test func namesOfARealFolderAreWhole() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let names = ["a", "b.html", String(repeating: "n", count: 255), "caf\u{E9}.json"]
        for name in names { _ = try folder.write("x", to: name) }
        let listed = try #require(FolderScan.list(Array(folder.url.path.utf8)))
        #expect(Set(listed.map { String(decoding: $0.name, as: UTF8.self) }) == Set(names))
        #expect(FolderScan.paths(folder.url) == Set(names))
    }
}
