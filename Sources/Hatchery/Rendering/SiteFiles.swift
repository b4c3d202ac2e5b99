import Foundation

/// What a render starts from: what the last build recorded of each file of the site, and the
/// files on disk now. A build reads both while it loads the catalog (`StoreReadAhead`),
/// on another core: neither depends on the catalog, and together they were a fifth of a
/// one-title rebuild at 10,000 prompts, spent waiting in line.
struct SiteFiles: Sendable {
    /// By path relative to the site root (`Store.recordedSite()`).
    var previous: OutputRecords
    /// Every file in the site now, by relative path.
    var disk: DiskFiles
    /// Entries whose names are not UTF-8, by relative path as bytes: stale whatever they hold.
    var undecodable: [[UInt8]]
    /// The site folder (`""`) and each folder at its top, by name, as `lstat` saw them just
    /// before the scan: a file added to or deleted from one of them, or the folder replaced,
    /// changes its modification time.
    var folders: [String: FileState]
    /// When the records stand for the disk: the sum of each top-level folder as the walk that
    /// proved them found it, which the stamp reuses for every folder the render left alone (at
    /// 10,000 prompts, `images/` holds two thirds of the files). nil otherwise.
    var folderDigests: [String: SiteDigest.Sum]?

    /// Reads `site` now, with `recorded` as the last render left it. When the records carry
    /// their digest and a walk of `site` gives the same (no file added, deleted, edited or
    /// touched since), the records stand for the disk: the walk only hashes, where a scan
    /// made a second table of every file (at 10,000 prompts, 61,000 paths, an eighth of a
    /// one-title rebuild's CPU).
    init(recorded: RecordedSite, scanning site: URL) {
        folders = Self.folderStates(site)
        previous = recorded.outputs
        if let digest = recorded.digest, let walk = SiteDigest.walk(site), walk.result == digest {
            disk = DiskFiles(recorded: recorded.outputs)
            undecodable = []
            folderDigests = walk.folders
        } else {
            let scan = FolderScan.scan(site)
            disk = DiskFiles(scanned: scan.states)
            undecodable = scan.undecodable
        }
    }

    /// Reads `site` now, with `previous` as recorded.
    init(previous: [String: OutputRecord], scanning site: URL) {
        self.init(recorded: RecordedSite(outputs: OutputRecords(previous), digest: nil), scanning: site)
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
