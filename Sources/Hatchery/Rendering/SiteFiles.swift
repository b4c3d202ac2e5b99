import Foundation

/// What a render starts from: what the last build recorded of each file of the site, and the
/// files on disk now. A build reads both while it plans (`BuildContext.startReadingSiteFiles`),
/// on another core: neither depends on the catalog, and together they were a fifth of a
/// one-title rebuild at 10,000 prompts, spent waiting in line.
struct SiteFiles: Sendable {
    /// By path relative to the site root (`Store.siteOutputs()`).
    var previous: [String: OutputRecord]
    /// Every file in the site now, by relative path (`FolderScan.scan`).
    var disk: [String: FileState]
    /// Entries whose names are not UTF-8, by relative path as bytes: stale whatever they hold.
    var undecodable: [[UInt8]]

    /// Reads `site` now, with `previous` as recorded.
    init(previous: [String: OutputRecord], scanning site: URL) {
        let scan = FolderScan.scan(site)
        self.previous = previous
        disk = scan.states
        undecodable = scan.undecodable
    }
}
