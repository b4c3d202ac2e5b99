/// The files of a site on disk by relative path: as scanned, or the recorded states when a walk
/// proved the disk holds exactly them (`SiteFiles.init(recorded:scanning:)`).
struct DiskFiles: Sendable {
    private let scanned: [String: FileState]?
    private let recorded: [String: OutputRecord]

    init(scanned: [String: FileState]) {
        self.scanned = scanned
        recorded = [:]
    }

    init(recorded: [String: OutputRecord]) {
        scanned = nil
        self.recorded = recorded
    }

    subscript(path: String) -> FileState? {
        if let scanned { return scanned[path] }
        return recorded[path]?.state
    }

    var count: Int { scanned?.count ?? recorded.count }

    /// Whether these are the records, a walk having proved the disk holds exactly them.
    var isRecorded: Bool { scanned == nil }

    /// The paths `isIncluded` accepts, in no order.
    func paths(where isIncluded: (String) -> Bool) -> [String] {
        if let scanned { return scanned.keys.filter(isIncluded) }
        return recorded.keys.filter(isIncluded)
    }
}
