import GRDB

extension Store {
    /// What the last render recorded of each site file it made, by path relative to the site root.
    public func siteOutputs() async throws(StoreError) -> [String: OutputRecord] {
        try await reading { db in
            var outputs: [String: OutputRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, digest, size, modified FROM site_outputs")
            while let row = try rows.next() {
                outputs[row[0]] = OutputRecord(digest: row[1], state: FileState(size: row[2], modified: row[3]))
            }
            return outputs
        }
    }

    /// Records `outputs` as the site's files, writing only the rows that differ from `previous`
    /// (what `siteOutputs()` returned before the render).
    public func saveSiteOutputs(
        _ outputs: [String: OutputRecord],
        previous: [String: OutputRecord]
    ) async throws(StoreError) {
        try await writing { db in
            let delete = try db.makeStatement(sql: "DELETE FROM site_outputs WHERE path = ?")
            for path in previous.keys where outputs[path] == nil {
                try delete.execute(arguments: [path])
            }
            let upsert = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO site_outputs (path, digest, size, modified) VALUES (?, ?, ?, ?)"
            )
            for (path, record) in outputs where previous[path] != record {
                try upsert.execute(arguments: [path, record.digest, record.state.size, record.state.modified])
            }
        }
    }
}
