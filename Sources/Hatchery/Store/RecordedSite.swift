/// What the last render recorded of the site's files (`Store.recordedSite()`).
struct RecordedSite: Sendable {
    /// By path relative to the site root.
    var outputs: OutputRecords
    /// The digest of `outputs`' states, when recorded after them.
    var digest: SiteDigest.Result?
}
