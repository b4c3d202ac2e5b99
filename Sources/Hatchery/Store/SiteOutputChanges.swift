/// How a render's records differ from the last build's (`Store.saveSiteOutputs(_:)`).
struct SiteOutputChanges: Sendable {
    /// New or changed records, by path relative to the site root.
    var records: [String: OutputRecord]
    /// Paths recorded before and no longer in the site.
    var removed: [String]
}

extension SiteOutputChanges {
    /// `previous` with these changes made: the records `Store.saveSiteOutputs(_:)` leaves.
    func records(after previous: [String: OutputRecord]) -> [String: OutputRecord] {
        var records = previous
        for path in removed { records[path] = nil }
        records.merge(self.records) { _, new in new }
        return records
    }

    /// The states of `records(after:)`, without making that table or any list of them (read
    /// once, as they are hashed), but for the files in the top-level folders `skipping` names.
    func states(
        after previous: OutputRecords,
        skipping: Set<String> = []
    ) -> some Sequence<(key: String, value: FileState)> {
        let removed = Set(removed)
        let records = records
        let kept = previous.indices.lazy
            .map { index -> (key: String, value: FileState) in (previous.path(at: index), previous.state(at: index)) }
            .filter { !Self.isIn($0.key, skipping) && records[$0.key] == nil && !removed.contains($0.key) }
        let changed = records.lazy
            .filter { path, _ in !Self.isIn(path, skipping) }
            .map { (key: $0.key, value: $0.value.state) }
        return [AnySequence(kept), AnySequence(changed)].joined()
    }

    /// The top-level folders (by name) that hold a changed or removed file.
    var folders: Set<String> {
        var folders: Set<String> = []
        for path in records.keys { if let folder = Self.topFolder(of: path) { folders.insert(folder) } }
        for path in removed { if let folder = Self.topFolder(of: path) { folders.insert(folder) } }
        return folders
    }

    private static func topFolder(of path: String) -> String? {
        path.utf8.firstIndex(of: 47).map { String(path[..<$0]) }
    }

    private static func isIn(_ path: String, _ folders: Set<String>) -> Bool {
        guard !folders.isEmpty, let slash = path.utf8.firstIndex(of: 47) else { return false }
        return folders.contains(String(path[..<slash]))
    }
}
