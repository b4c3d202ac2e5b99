import Foundation

/// The reads a build makes before it renders, begun while it loads the catalog: none depends
/// on the catalog, and at 10,000 prompts they were about a quarter of a one-title rebuild's
/// CPU, made one after another on one core once the catalog was read. Each is taken once.
///
/// A store read is kept only while the store's revision is still the one read before the
/// reads began: every change to prompts, tasks, images and web images bumps it, by trigger,
/// so a build that synced prompts, settled, resumed or generated reads again what it changed.
/// The read of `public/` has its own rule (`siteFiles(waited:)`).
struct StoreReadAhead: Sendable {
    /// The site's store, opened before the catalog was read; the build goes on with it.
    let store: Store
    private let revision: Int64
    private let output: URL
    private var gallery: EarlyRead<GalleryRecords>
    private var planning: EarlyRead<StoreSnapshot>
    private var webImages: EarlyRead<[WebImage]>
    private var files: EarlyRead<SiteFiles>
    /// Ends once every read has, whatever it found; it keeps none of their values alive (each
    /// is let go of once taken), so a build can wait on it however it ends.
    let ended: Task<Void, Never>

    /// Opens the store of `siteDirectory` and starts the reads, `public/` being `output`; nil
    /// for a site with no store yet (nothing to read), or when the store cannot be opened now:
    /// `Open store, templates and provider` then opens it and says why it cannot.
    static func begin(siteDirectory: URL, output: URL) async -> StoreReadAhead? {
        guard FileManager.default.fileExists(atPath: SiteFolder.stateFile(in: siteDirectory).path),
            let store = try? Store(siteDirectory: siteDirectory),
            let revision = try? await store.revision()
        else { return nil }
        // One read after another, in the order the build takes them: side by side they took
        // the core the catalog was loading on, which the build waits for first, and the other
        // core then idled while the build planned and checked the web images alone.
        let planning = Task { try await store.snapshot() }
        let planned = end(of: planning)
        let webImages = Task {
            await planned.value
            return try await store.derivedImages()
        }
        let webImagesRead = end(of: webImages)
        let gallery = Task {
            await webImagesRead.value
            return try await GalleryRecords.read(from: store)
        }
        let galleryRead = end(of: gallery)
        let files = Task {
            await galleryRead.value
            return SiteFiles(recorded: try await store.recordedSite(), scanning: output)
        }
        // Each read waits for the one before it: the last one's end is all of theirs.
        let ended = end(of: files)
        return StoreReadAhead(
            store: store,
            revision: revision,
            output: output,
            gallery: EarlyRead(gallery),
            planning: EarlyRead(planning),
            webImages: EarlyRead(webImages),
            files: EarlyRead(files),
            ended: ended
        )
    }

    /// A task that ends when `read` has and then holds nothing of it. The next read waits on
    /// this rather than on `read`: a task keeps what its closure captured until it ends, so the
    /// scan of `public/` waiting on the gallery read kept that read's records, stale or not,
    /// for as long as the scan ran.
    private static func end<Value>(of read: Task<Value, any Error>) -> Task<Void, Never> {
        Task { _ = await read.result }
    }

    /// What the gallery shows from the store (`GalleryRecords.read`).
    mutating func galleryRecords() async throws -> GalleryRecords {
        if let early = try await gallery.take(if: storeIsUnchanged) { return early }
        return try await GalleryRecords.read(from: store)
    }

    /// What planning compares the catalog with (`Store.snapshot`).
    mutating func snapshot() async throws -> StoreSnapshot {
        if let early = try await planning.take(if: storeIsUnchanged) { return early }
        return try await store.snapshot()
    }

    /// The web images the store records (`Store.derivedImages`).
    mutating func derivedImages() async throws -> [WebImage] {
        if let early = try await webImages.take(if: storeIsUnchanged) { return early }
        return try await store.derivedImages()
    }

    /// `public/`'s files and what the last render recorded of them, as read early unless the
    /// build `waited` on the provider since or `public/` or a folder at its top changed
    /// meanwhile (`SiteFiles.isCurrent`): then read now, so that a file a person deleted in
    /// the meantime is made by this build. Nothing before the render writes the records.
    mutating func siteFiles(waited: Bool) async throws -> SiteFiles {
        // Asked before the early read is awaited: a build that waited drops it unfinished.
        if let early = await files.take(if: { !waited }), early.isCurrent(output) { return early }
        return SiteFiles(recorded: try await store.recordedSite(), scanning: output)
    }

    /// Lets go of the early read of `public/` without taking it, for a build that waited on the
    /// provider: the render reads it again (`siteFiles(waited:)`), and held until then, its
    /// records of every file of the site sat beside the conversion of the new images, which is
    /// where a build that generated peaks.
    mutating func dropSiteFiles() async {
        _ = await files.take(if: { false })
    }

    /// Whether the early read of `public/` is still held (neither taken nor dropped).
    var holdsSiteFiles: Bool { files.isHeld }

    /// Waits for the reads not yet taken to end, whatever they found: a test changes the
    /// store after them to see that they are read again.
    func finished() async {
        await gallery.finished()
        await planning.finished()
        await webImages.finished()
        await files.finished()
    }

    /// Whether the store is still at the revision read before the reads began: a read that
    /// began then still describes it. Captures the store alone, not the reads.
    private var storeIsUnchanged: @Sendable () async throws -> Bool {
        { [store, revision] in try await store.revision() == revision }
    }
}
