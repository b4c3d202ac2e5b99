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

    @Test func imagesDamagedByHandAreMadeAgain() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let before = try Self.bytes(site.url)
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
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let before = try Self.bytes(site.url)
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
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let before = try Self.bytes(site.url)
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("public/manifest.json"))

        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Self.bytes(site.url) == before)
    }

    /// A site folder (`images/`, `prompts/`) swapped for a symbolic link to a folder elsewhere
    /// (a deploy step sharing images): the build writes nothing through the link, and leaves a
    /// real folder with every file, not a site without it.
    @Test(arguments: ["images", "prompts"])
    func aFolderReplacedByALinkIsMadeAgainInPlace(folder: String) async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let before = try Self.bytes(site.url)
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
}
