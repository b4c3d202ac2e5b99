import Foundation
import GRDB
import Testing

@testable import Hatchery

/// A render records the digest of its files' states beside them (`Store.recordedSite()`), and
/// the next build trusts the records for the disk only when a walk of the site gives that digest.
@Suite struct RecordedSiteTests {
    @Test func aBuildRecordsTheDigestOfTheSiteItLeft() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let recorded = try await Store(siteDirectory: site.url).recordedSite()
        let walked = try #require(SiteDigest.compute(site.url.appendingPathComponent("public")))
        #expect(recorded.digest == walked)
        #expect(SiteDigest.compute(states: recorded.outputs.dictionary.mapValues(\.state)) == walked)
    }

    @Test func newRecordsDropTheDigestUntilItIsRecordedAgain() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let store = try Store(siteDirectory: site.url)
        let before = try await store.recordedSite()
        var outputs = before.outputs.dictionary
        outputs["extra.html"] = OutputRecord(digest: "d", state: FileState(size: 1, modified: 2))
        try await store.saveSiteOutputs(outputs, previous: before.outputs.dictionary)
        #expect(try await store.recordedSite().digest == nil)
        let digest = SiteDigest.compute(states: outputs.mapValues(\.state))
        try await store.saveSiteOutputsDigest(digest)
        let after = try await store.recordedSite()
        #expect(after.digest == digest)
        #expect(after.outputs.dictionary == outputs)
    }

    /// A row deleted by anything but a render (a build from before the digest, sqlite3 by hand)
    /// drops the digest too: the records without it stood for a disk that still held its file,
    /// which no output owned and none found stale, so a dropped prompt's page stayed.
    @Test func aRecordDeletedOutsideARenderDropsTheDigest() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let store = try Store(siteDirectory: site.url)
        try await store.pool.write { db in
            try db.execute(sql: "DELETE FROM site_outputs WHERE path = 'prompts/e.html'")
        }
        #expect(try await store.recordedSite().digest == nil)
        _ = try site.write(IncrementalRenderTests.catalog(dropping: ["e"]), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let page = site.url.appendingPathComponent("public/prompts/e.html")
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    /// A store edited by hand, with the digest row put back after (the triggers drop it on any
    /// change): a row naming a file outside the site, or one row more than the digest counts, is
    /// not trusted as the disk, and no build deletes what such a row names (found by the attack).
    @Test(arguments: ["outside", "added", "duplicate"])
    func forgedRecordsAreNotTrustedAndNothingOutsideTheSiteIsDeleted(forgery: String) async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let store = try Store(siteDirectory: site.url)
        let honest = try await store.recordedSite()
        #expect(honest.digest != nil)
        try await store.pool.write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT digest, files FROM site_outputs_digest"))
            switch forgery {
            case "outside":
                try db.execute(sql: "UPDATE site_outputs SET path = '../catalog.yaml' WHERE path = 'prompts/e.html'")
            case "added":
                try db.execute(sql: "INSERT INTO site_outputs VALUES ('../catalog.yaml', 'd', 1, 1)")
            default:
                try db.execute(sql: "INSERT INTO site_outputs VALUES (CAST('index.html' AS BLOB), 'd', 1, 1)")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO site_outputs_digest (id, digest, files) VALUES (1, ?, ?)",
                arguments: [row[0], row[1]]
            )
        }
        let forged = try await store.recordedSite()
        #expect(forged.outputs.index(of: "../catalog.yaml") == nil)
        if forgery != "outside" {
            // The row outside the site, or the blob, is left out; the rest are the honest records.
            #expect(forged.outputs.dictionary == honest.outputs.dictionary)
        } else {
            #expect(forged.digest == nil, "\(forgery)")
        }

        _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "Retitled"), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("catalog.yaml").path))
        let index = site.url.appendingPathComponent("public/index.html")
        #expect(FileManager.default.fileExists(atPath: index.path), "\(forgery)")
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/prompts/e.html").path))
        #expect(before.keys.contains("prompts/e.html"))
    }

    /// Records whose digest is the walk's stand for the disk; any other digest, or none, makes
    /// the build scan. The records here lie about one file's time, to tell which was used.
    @Test func theRecordsStandForTheDiskOnlyWhenTheWalkGivesTheirDigest() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let output = site.url.appendingPathComponent("public")
        let recorded = try await Store(siteDirectory: site.url).recordedSite()
        let walked = try #require(SiteDigest.compute(output))
        let scanned = FolderScan.states(output)
        var lies = recorded.outputs.dictionary
        let page = try #require(lies["index.html"])
        lies["index.html"] = OutputRecord(digest: page.digest, state: FileState(size: 1, modified: 1))
        let lying = OutputRecords(lies)

        let trusted = SiteFiles(recorded: RecordedSite(outputs: lying, digest: walked), scanning: output)
        #expect(trusted.disk["index.html"] == FileState(size: 1, modified: 1))
        #expect(trusted.disk.count == lying.count)

        for digest in [nil, SiteDigest.Result(digest: String(repeating: "0", count: 64), files: walked.files)] {
            let read = SiteFiles(recorded: RecordedSite(outputs: lying, digest: digest), scanning: output)
            #expect(read.disk["index.html"] == scanned["index.html"])
            #expect(read.disk.count == scanned.count)
        }
    }

    /// A render writes only the records that changed: after each kind of change, the records
    /// are still exactly the site's files, and their digest a walk's.
    @Test func theRecordsFollowEveryKindOfChange() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let output = site.url.appendingPathComponent("public")
        let store = try Store(siteDirectory: site.url)
        let changes: [(String, () throws -> Void)] = [
            (
                "a title",
                { _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "A new title"), to: "catalog.yaml") }
            ),
            (
                "a page deleted by hand",
                { try FileManager.default.removeItem(at: output.appendingPathComponent("prompts/a.html")) }
            ),
            ("a stray file", { try Data("stray".utf8).write(to: output.appendingPathComponent("prompts/stray.html")) }),
            (
                "a prompt dropped",
                {
                    _ = try site.write(
                        IncrementalRenderTests.catalog(titleOfC: "A new title", dropping: ["e"]),
                        to: "catalog.yaml"
                    )
                }
            ),
            (
                "a page edited by hand",
                { try Data("edited".utf8).write(to: output.appendingPathComponent("index.html")) }
            ),
        ]
        for (change, make) in changes {
            try make()
            _ = try await IncrementalRenderTests.build(site.url, since: [:])
            let recorded = try await store.recordedSite()
            let states = recorded.outputs.dictionary.mapValues(\.state)
            let disk = FolderScan.states(output)
            let differing = Set(states.keys).union(disk.keys).filter { states[$0] != disk[$0] }.sorted()
            #expect(differing.isEmpty, "\(change): \(differing)")
            #expect(recorded.digest == SiteDigest.compute(output), "\(change)")
        }
    }

    /// The walk that proves the records sees what a scan would: a page edited in place, its
    /// size kept, is made again by the next build (a title edit elsewhere).
    @Test func aPageEditedInPlaceAfterABuildIsMadeAgainByTheNext() async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let page = site.url.appendingPathComponent("public/prompts/a.html")
        var bytes = try #require(before["prompts/a.html"])
        bytes[bytes.startIndex] = bytes[bytes.startIndex] == 0x20 ? 0x0A : 0x20
        try bytes.write(to: page)
        _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "A new title"), to: "catalog.yaml")
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(try Data(contentsOf: page) == before["prompts/a.html"])
    }
}
