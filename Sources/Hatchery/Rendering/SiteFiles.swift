import Foundation

/// What a render starts from: what the last build recorded of each file of the site, and the
/// files on disk now. A build reads both while it loads the catalog (`StoreReadAhead`),
/// on another core: neither depends on the catalog, and together they were a fifth of a
/// one-title rebuild at 10,000 prompts, spent waiting in line.
struct SiteFiles: Sendable {
    /// By path relative to the site root (`Store.siteOutputs()`).
    var previous: [String: OutputRecord]
    /// Every file in the site now, by relative path.
    var disk: DiskFiles
    /// Entries whose names are not UTF-8, by relative path as bytes: stale whatever they hold.
    var undecodable: [[UInt8]]
    /// The site folder (`""`) and each folder at its top, by name, as `lstat` saw them just
    /// before the scan: a file added to or deleted from one of them, or the folder replaced,
    /// changes its modification time.
    var folders: [String: FileState]
    /// When the records stand for the disk: the digest of each top-level folder as the walk
    /// that proved them found it, which the stamp reuses for every folder the render left
    /// alone (at 10,000 prompts, `images/` holds two thirds of the files). nil otherwise.
    var folderDigests: [String: SiteDigest.Result]?

    /// `public/` as walked before its records are read: the states of its folders, then the
    /// digest of every file in it. Nothing but the render writes there, and the walk needs no
    /// store, so a build begins it first, on a core of its own (`StoreReadAhead`).
    struct Walked: Sendable {
        let folders: [String: FileState]
        /// nil when `public/` could not be walked whole.
        let walk: SiteDigest.Walk?

        init(_ site: URL) {
            // Before the walk: a file added or deleted while it runs changes a folder's time.
            folders = SiteFiles.folderStates(site)
            walk = SiteDigest.walk(site)
        }
    }

    /// Reads `site` now, with `recorded` as the last render left it. When the records carry
    /// their digest and a walk of `site` gives the same (no file added, deleted, edited or
    /// touched since), the records stand for the disk: the walk only hashes, where a scan
    /// made a second table of every file (at 10,000 prompts, 61,000 paths, an eighth of a
    /// one-title rebuild's CPU).
    init(recorded: RecordedSite, scanning site: URL) {
        self.init(recorded: recorded, walked: Walked(site), site: site)
    }

    /// `site` with `recorded` as the last render left it, from `walked`, a walk of `site` made
    /// since the last render: the records stand for the disk when the walk found their digest,
    /// else `site` is scanned now.
    init(recorded: RecordedSite, walked: Walked, site: URL) {
        folders = walked.folders
        previous = recorded.outputs
        if let digest = recorded.digest, let walk = walked.walk, walk.result == digest {
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
        self.init(recorded: RecordedSite(outputs: previous, digest: nil), scanning: site)
    }

    /// Whether `site` and its top-level folders are as they were when it was read: false when
    /// a person deleted, added or replaced files there since (`public/` itself, `images/`,
    /// `prompts/`, …), and the site must be read again before the render trusts the read.
    func isCurrent(_ site: URL) -> Bool {
        Self.folderStates(site) == folders
    }

    fileprivate static func folderStates(_ site: URL) -> [String: FileState] {
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
