import Foundation
import Testing

@testable import Hatchery

/// A build repairs what a hand in `public/` broke (issue 13): damaged images, a folder where a
/// page goes, a file where a folder goes, a deleted manifest.
@Suite struct HandEditRepairTests {
    static func bytes(_ site: URL) throws -> [String: Data] {
        let folder = site.appendingPathComponent("public")
        var files: [String: Data] = [:]
        for path in FolderScan.states(folder).keys {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    /// A site built from `IncrementalRenderTests.catalog()`, with its files' bytes as built.
    static func builtSite() async throws -> (site: TemporaryDirectory, files: [String: Data]) {
        let site = try TemporaryDirectory()
        do {
            _ = try site.write(IncrementalRenderTests.catalog(), to: "catalog.yaml")
            _ = try await IncrementalRenderTests.build(site.url, since: [:])
            return (site, try bytes(site.url))
        } catch {
            site.cleanup()
            throw error
        }
    }

    @Test func imagesDamagedByHandAreMadeAgain() async throws {
        let (site, before) = try await Self.builtSite()
        defer { site.cleanup() }
        let images = site.url.appendingPathComponent("public/images")
        let names = try FileManager.default.contentsOfDirectory(atPath: images.path).sorted()
        let original = try #require(names.first { $0.hasSuffix(".png") })
        let web = try #require(names.first { $0.hasSuffix(".webp") })
        try Data().write(to: images.appendingPathComponent(original))
        // Same size, other bytes: a size check alone would keep it.
        let size = try #require(before["images/" + web]?.count)
        try Data(repeating: 7, count: size).write(to: images.appendingPathComponent(web))

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Self.bytes(site.url) == before)
    }

    @Test func aFolderWhereAPageGoesAndAFileWhereAFolderGoesAreReplaced() async throws {
        let (site, before) = try await Self.builtSite()
        defer { site.cleanup() }
        let manager = FileManager.default
        let page = site.url.appendingPathComponent("public/prompts/a.html")
        try manager.removeItem(at: page)
        try manager.createDirectory(at: page.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: page.appendingPathComponent("inner/file"))
        let tags = site.url.appendingPathComponent("public/tags")
        try manager.removeItem(at: tags)
        try Data("x".utf8).write(to: tags)

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Self.bytes(site.url) == before)
    }

    @Test func aSiteWhoseManifestWasDeletedIsStillRebuilt() async throws {
        let (site, before) = try await Self.builtSite()
        defer { site.cleanup() }
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("public/manifest.json"))

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Self.bytes(site.url) == before)
    }

    /// A site folder (`images/`, `prompts/`) swapped for a symbolic link to a folder elsewhere
    /// (a deploy step sharing images): the build writes nothing through the link, and leaves a
    /// real folder with every file, not a site without it.
    @Test(arguments: ["images", "prompts"])
    func aFolderReplacedByALinkIsMadeAgainInPlace(folder: String) async throws {
        let (site, before) = try await Self.builtSite()
        defer { site.cleanup() }
        let manager = FileManager.default
        let elsewhere = site.url.appendingPathComponent("elsewhere")
        try manager.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let inSite = site.url.appendingPathComponent("public/\(folder)")
        try manager.removeItem(at: inSite)
        try manager.createSymbolicLink(at: inSite, withDestinationURL: elsewhere)

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try manager.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        var info = stat()
        #expect(lstat(inSite.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
        #expect(try Self.bytes(site.url) == before)
    }

    /// Creates a file at `relative` (UTF-8 parts joined by `/`, with raw `name` bytes last)
    /// under `folder`, making the folders on its way: names Foundation cannot spell.
    private static func makeFile(in folder: URL, at parts: [[UInt8]]) -> Bool {
        var path = Array(folder.path.utf8)
        for (index, part) in parts.enumerated() {
            path += [47] + part
            let terminated = path.map { CChar(bitPattern: $0) } + [0]
            if index < parts.count - 1 {
                _ = mkdir(terminated, 0o755)
            } else {
                let descriptor = open(terminated, O_CREAT | O_WRONLY, 0o644)
                guard descriptor >= 0 else { return false }
                close(descriptor)
            }
        }
        return true
    }

    /// Files whose names are not UTF-8 (an archive unpacked from another system): no output's,
    /// so deleted like any other stray file, and the build after is answered from the stamp.
    /// They were kept (the scan spelled them with U+FFFD, a name no file has), and every later
    /// build missed the stamp, whose walk saw them.
    @Test func filesWhoseNamesAreNotUTF8AreDeletedAndTheNextBuildIsANoOp() async throws {
        let (site, before) = try await Self.builtSite()
        defer { site.cleanup() }
        let output = site.url.appendingPathComponent("public")
        let topLevel = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(Self.makeFile(in: output, at: [[0x78, 0xFF]]))
        #expect(Self.makeFile(in: output, at: [Array("prompts".utf8), [0xC3, 0x28, 0x2E, 0x68]]))
        #expect(Self.makeFile(in: output, at: [[0xFE], Array("inner".utf8), Array("x.html".utf8)]))
        // A folder where a page goes, holding such a file.
        let page = output.appendingPathComponent("prompts/a.html")
        try FileManager.default.removeItem(at: page)
        #expect(Self.makeFile(in: output, at: [Array("prompts".utf8), Array("a.html".utf8), [0xFF]]))

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Self.bytes(site.url) == before)
        #expect(SiteDigest.compute(output)?.files == before.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == topLevel)
        #expect(try await IncrementalRenderTests.build(site.url, since: [:]).report.unchangedSince != nil)
    }
}
