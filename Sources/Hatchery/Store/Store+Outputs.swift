import GRDB

extension Store {
    /// What the last render recorded of each site file it made, by path relative to the site root.
    public func siteOutputs() async throws(StoreError) -> [String: OutputRecord] {
        try await reading { db in try Self.siteOutputs(db) }
    }

    /// `siteOutputs()` with the digest of their states when it was recorded after them
    /// (`saveSiteOutputsDigest`), read together: nil when a render changed the records since.
    func recordedSite() async throws(StoreError) -> RecordedSite {
        try await reading { db in
            let row = try Row.fetchOne(db, sql: "SELECT digest, files FROM site_outputs_digest WHERE id = 1")
            let outputs = try Self.outputRecords(db)
            let digest = row.map { SiteDigest.Result(digest: $0[0], files: $0[1]) }
            // The digest stands for these records only when it counts as many files: a row added
            // or left out since (by hand: the store's triggers drop the digest on any change a
            // build makes) would otherwise be trusted as the disk, and a forged path deleted.
            return RecordedSite(outputs: outputs, digest: digest?.files == outputs.count ? digest : nil)
        }
    }

    private static func siteOutputs(_ db: Database) throws -> [String: OutputRecord] {
        var outputs: [String: OutputRecord] = [:]
        // Sized once: grown row by row, the table was copied as it doubled, both copies held.
        outputs.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM site_outputs") ?? 0)
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT path, digest, size, modified FROM site_outputs WHERE \(Self.isRecordedPath)"
        )
        while let row = try rows.next() {
            outputs[row[0]] = OutputRecord(digest: row[1], state: FileState(size: row[2], modified: row[3]))
        }
        return outputs
    }

    /// The rows a render could have written: a render writes every path as text without NUL.
    /// A row as a blob, or with a NUL (read back cut short at it), could read back as another
    /// row's path, and whichever of the two a look-up found, the other was taken as stale and
    /// its path's row deleted (found by the attack on the front-coded records).
    private static let isRecordedPath = "typeof(path) = 'text' AND instr(CAST(path AS BLOB), X'00') = 0"

    /// The rows in path order, as `OutputRecords` holds them.
    private static func outputRecords(_ db: Database) throws -> OutputRecords {
        var records = OutputRecords()
        records.reserve(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM site_outputs") ?? 0)
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT path, digest, size, modified FROM site_outputs WHERE \(Self.isRecordedPath) ORDER BY path"
        )
        while let row = try rows.next() {
            let path: String = row[0]
            // Only a path inside the site is ever deleted as stale: a row naming `../catalog.yaml`
            // (a store edited by hand) is not a record of the site.
            guard OutputRecords.isInsideSite(path) else { continue }
            records.append(path, OutputRecord(digest: row[1], state: FileState(size: row[2], modified: row[3])))
        }
        records.finish()
        return records
    }

    /// Records `digest`, `SiteDigest.compute(states:)` of what the last `saveSiteOutputs` wrote.
    func saveSiteOutputsDigest(_ digest: SiteDigest.Result) async throws(StoreError) {
        try await writing { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO site_outputs_digest (id, digest, files) VALUES (1, ?, ?)",
                arguments: [digest.digest, digest.files]
            )
        }
    }

    /// Records `changes` to the site's files: the rows of files made or remade, and the paths
    /// no longer in the site.
    func saveSiteOutputs(_ changes: SiteOutputChanges) async throws(StoreError) {
        try await writing { db in
            // The digest of the records before is no longer theirs.
            try db.execute(sql: "DELETE FROM site_outputs_digest")
            let delete = try db.makeStatement(sql: "DELETE FROM site_outputs WHERE path = ?")
            for path in changes.removed {
                try delete.execute(arguments: [path])
            }
            let upsert = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO site_outputs (path, digest, size, modified) VALUES (?, ?, ?, ?)"
            )
            for (path, record) in changes.records {
                try upsert.execute(arguments: [path, record.digest, record.state.size, record.state.modified])
            }
        }
    }

    /// Records `outputs` as the site's files, writing only the rows that differ from `previous`
    /// (what `siteOutputs()` returned before the render).
    public func saveSiteOutputs(
        _ outputs: [String: OutputRecord],
        previous: [String: OutputRecord]
    ) async throws(StoreError) {
        try await saveSiteOutputs(
            SiteOutputChanges(
                records: outputs.filter { previous[$0.key] != $0.value },
                removed: previous.keys.filter { outputs[$0] == nil }
            )
        )
    }
}
