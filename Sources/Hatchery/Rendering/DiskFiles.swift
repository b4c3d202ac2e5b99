/// The files of a site on disk by relative path: as scanned, or the recorded states when a walk
/// proved the disk holds exactly them (`SiteFiles.init(recorded:scanning:)`).
struct DiskFiles: Sendable {
    private let scanned: [String: FileState]?
    private let recorded: OutputRecords

    init(scanned: [String: FileState]) {
        self.scanned = scanned
        recorded = OutputRecords()
    }

    init(recorded: OutputRecords) {
        scanned = nil
        self.recorded = recorded
    }

    subscript(path: String) -> FileState? {
        if let scanned { return scanned[path] }
        return recorded.index(of: path).map(recorded.state(at:))
    }

    /// The state of the file recorded at `index` of the records, when they are the disk (a
    /// look-up without the search).
    func state(recordedAt index: Int) -> FileState? {
        scanned == nil ? recorded.state(at: index) : nil
    }

    var count: Int { scanned?.count ?? recorded.count }

    /// Whether these are the records, a walk having proved the disk holds exactly them.
    var isRecorded: Bool { scanned == nil }

    /// The paths `isIncluded` accepts, in no order.
    func paths(where isIncluded: (String) -> Bool) -> [String] {
        if let scanned { return scanned.keys.filter(isIncluded) }
        return recorded.indices.lazy.map(recorded.path(at:)).filter(isIncluded)
    }
}
