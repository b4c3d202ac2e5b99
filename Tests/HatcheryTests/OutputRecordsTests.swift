import Foundation
import Testing

@testable import Hatchery

/// `OutputRecords` holds a site's records in flat arrays sorted by path: every record must come
/// back as it went in, found by its path whatever the order it was added in, and no other path
/// may find one.
@Suite struct OutputRecordsTests {
    @Test func everyRecordIsFoundByItsPathAndComesBackAsItWentIn() {
        let names = ["a", "a-b", "a/b", "a b", "a!", "é", "中/x", "😀", "A", "~", "images/0f-1600.webp", "z", ""]
        var random = SeededGenerator(seed: 13)
        for round in 0..<30 {
            var records: [String: OutputRecord] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                let path = (0..<Int.random(in: 1...3, using: &random))
                    .map { _ in names[Int.random(in: names.indices, using: &random)] }.joined(separator: "/")
                let digest =
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: SiteOutputs.named
                    case 1: SHA256Digest.hex(of: path + "\(round)")
                    case 2: SHA256Digest.hex(of: path).uppercased()  // not ours: kept as written
                    default: "d\(Int.random(in: 0..<9, using: &random))"
                    }
                let state = FileState(size: Int64.random(in: 0...9_999, using: &random), modified: Int64(round))
                records[path] = OutputRecord(digest: digest, state: state)
            }
            let table = OutputRecords(records)
            #expect(table.count == records.count)
            #expect(table.dictionary == records, "round \(round)")
            for (path, record) in records {
                let index = table.index(of: path)
                #expect(index.map(table.path(at:)) == path, "round \(round): \(path)")
                #expect(table[path] == record)
                #expect(index.map { table.hasDigest(record.digest, at: $0) } == true)
                #expect(index.map { table.hasDigest(record.digest + "0", at: $0) } == false)
            }
            for path in ["b", "a/", "images", "a-b/c/d/e", "é/é/é/é"] where records[path] == nil {
                #expect(table.index(of: path) == nil, "round \(round): \(path)")
            }
            // In path order by bytes, as SQLite's ORDER BY gives the rows.
            let paths = table.indices.map { Array(table.path(at: $0).utf8) }
            #expect(zip(paths, paths.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        }
    }

    /// Paths are held as what they add to the one before: many paths sharing long beginnings
    /// (past the 255 bytes a share counts), across many blocks, each found and spelled back,
    /// added in order (as the store reads them) or not.
    @Test func pathsSharingLongBeginningsAcrossBlocksComeBackExactly() {
        var random = SeededGenerator(seed: 7)
        let long = String(repeating: "d", count: 300)
        var records: [String: OutputRecord] = [:]
        for index in 0..<(OutputRecords.restartInterval * 9 + 5) {
            let hash = SHA256Digest.hex(of: "\(index / 4)")
            let path =
                switch Int.random(in: 0..<4, using: &random) {
                case 0: "images/\(hash)-383c10ec00-\(360 * (index % 4 + 1)).webp"
                case 1: "\(long)/\(long.prefix(index % 7))\(index)"
                case 2: "prompts/p\(index)/index.html"
                default: "images/\(hash.prefix(index % 64))"
                }
            records[path] = OutputRecord(
                digest: SHA256Digest.hex(of: path),
                state: FileState(size: Int64(index), modified: 1)
            )
        }
        let ordered = records.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var appended = OutputRecords()
        for path in ordered { appended.append(path, records[path]!) }
        appended.finish()
        for table in [OutputRecords(records), appended] {
            #expect(table.indices.map(table.path(at:)) == ordered)
            #expect(table.dictionary == records)
            for (offset, path) in ordered.enumerated() {
                #expect(table.index(of: path) == offset)
                for probe in [path + "x", String(path.dropLast())] where records[probe] == nil {
                    #expect(table.index(of: probe) == nil, "\(probe)")
                }
            }
            #expect(table.index(of: "") == nil && table.index(of: "zzz") == nil && table.index(of: "a") == nil)
        }
    }

    /// A site's web images, four sizes of each original named by its hash, take well under
    /// half their bytes: each size after the first adds only its width.
    @Test func anImagesSizesTakeOnlyWhatTheirNamesAdd() {
        var records: [String: OutputRecord] = [:]
        for original in 0..<250 {
            let hash = SHA256Digest.hex(of: "\(original)")
            for width in [360, 720, 1080, 1600] {
                records["images/\(hash)-383c10ec00-\(width).webp"] = OutputRecord(
                    digest: SiteOutputs.named,
                    state: FileState(size: 1, modified: 1)
                )
            }
        }
        let table = OutputRecords(records)
        let raw = records.keys.reduce(0) { $0 + $1.utf8.count }
        #expect(table.heldPathBytes * 10 < raw * 4, "\(table.heldPathBytes) of \(raw)")
    }

    /// A row no render writes (a path as a blob, or with a NUL, by hand) that reads back as
    /// another row's path is no record: the real row is the one found, and a build keeps it.
    @Test func aRowThatReadsBackAsAnotherRowsPathIsNotARecord() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let store = try Store(siteDirectory: site.url)
        let real = try #require(try await store.siteOutputs()["index.html"])
        try await store.pool.write { db in
            for path in ["CAST(X'696e6465782e68746d6c0078' AS TEXT)", "CAST('index.html' AS BLOB)"] {
                try db.execute(
                    sql: "INSERT INTO site_outputs (path, digest, size, modified) VALUES (\(path), 'junk', 3, 1)"
                )
            }
        }
        let recorded = try await store.recordedSite()
        #expect(recorded.outputs["index.html"] == real)
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        #expect(try await store.siteOutputs()["index.html"]?.digest == real.digest)
        let rows = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT digest FROM site_outputs WHERE path = 'index.html'")
        }
        #expect(rows == [real.digest])
    }

    /// The store reads its rows into the table in path order; the table says what the rows say.
    @Test func theStoreReadsTheRecordsOfABuiltSite() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let store = try Store(siteDirectory: site.url)
        let rows = try await store.siteOutputs()
        let recorded = try await store.recordedSite().outputs
        #expect(!rows.isEmpty)
        #expect(recorded.dictionary == rows)
        // Pages carry 64-hex digests, images the mark of a named file: both come back exactly.
        #expect(rows.values.contains { $0.digest == SiteOutputs.named })
        #expect(rows.values.contains { $0.digest.utf8.count == 64 })
    }
}
