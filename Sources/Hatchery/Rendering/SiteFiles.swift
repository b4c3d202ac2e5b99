import Foundation

/// What a render starts from: what the last build recorded of each file of the site, and the
/// files on disk now. A build reads both while it loads the catalog (`StoreReadAhead`),
/// on another core: neither depends on the catalog, and together they were a fifth of a
/// one-title rebuild at 10,000 prompts, spent waiting in line.
struct SiteFiles: Sendable {
    /// By path relative to the site root (`Store.siteOutputs()`).
    var previous: [String: OutputRecord]
    /// Every file in the site now, by relative path (`FolderScan.scan`).
    var disk: [String: FileState]
    /// Entries whose names are not UTF-8, by relative path as bytes: stale whatever they hold.
    var undecodable: [[UInt8]]
    /// The site folder (`""`) and each folder at its top, by name, as `lstat` saw them just
    /// before the scan: a file added to or deleted from one of them, or the folder replaced,
    /// changes its modification time.
    var folders: [String: FileState]

    /// Reads `site` now, with `previous` as recorded.
    init(previous: [String: OutputRecord], scanning site: URL) {
        folders = Self.folderStates(site)
        let scan = FolderScan.scan(site)
        self.previous = previous
        disk = scan.states
        undecodable = scan.undecodable
    }

    /// Whether `site` and its top-level folders are as they were when it was read: false when
    /// a person deleted, added or replaced files there since (`public/` itself, `images/`,
    /// `prompts/`, …), and the site must be read again before the render trusts the read.
    func isCurrent(_ site: URL) -> Bool {
        Self.folderStates(site) == folders
    }

    private static func folderStates(_ site: URL) -> [String: FileState] {
        var info = stat()
        guard lstat(site.path, &info) == 0 else { return [:] }
        var states = ["": FileState(info)]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? [] {
            if lstat(site.appendingPathComponent(name).path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                states[name] = FileState(info)
            }
        }
        return states
    }
}
