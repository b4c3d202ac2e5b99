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

    /// The states of `records(after:)`, without making that table.
    func states(after previous: [String: OutputRecord]) -> [(key: String, value: FileState)] {
        let removed = Set(removed)
        var states: [(key: String, value: FileState)] = []
        states.reserveCapacity(previous.count + records.count)
        for (path, record) in previous where records[path] == nil && !removed.contains(path) {
            states.append((path, record.state))
        }
        for (path, record) in records { states.append((path, record.state)) }
        return states
    }
}
