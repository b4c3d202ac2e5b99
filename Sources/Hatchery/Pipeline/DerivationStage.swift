import Foundation
import Synchronization

/// Makes the web images of every original the gallery shows, once per original and recipe:
/// each original is decoded once for all its sizes, originals are spread over the cores, and
/// what a build no longer needs is deleted at the end.
public struct DerivationStage: Sendable {
    public struct Summary: Sendable, Equatable {
        /// Originals converted by this build.
        public var made = 0
        /// Originals whose web images were already there.
        public var reused = 0
        /// Derived files deleted: of removed prompts, or of an earlier recipe.
        public var removed = 0
        /// Originals libvips could not convert; their pages show the PNG instead.
        public var failures: [Failure] = []
    }

    public struct Failure: Sendable, Equatable {
        public var original: String
        public var reason: String
    }

    let store: Store
    let deriver: ImageDeriver
    let parallelism: Int
    /// Told of each original as it is converted, as a batch titled `Making web images`.
    let observer: any BuildObserver

    public init(
        store: Store,
        deriver: ImageDeriver,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        observer: any BuildObserver = SilentBuildObserver()
    ) {
        self.store = store
        self.deriver = deriver
        self.parallelism = max(1, parallelism)
        self.observer = observer
    }

    /// The batch title the observer sees while originals are converted.
    public static let progressTitle = "Making web images"

    /// Makes what is missing for `originals` (SHA-256s of stored PNGs) and returns all their
    /// web images. `known` is what the store records (`Store.derivedImages()`), when the caller
    /// read it already; else it is read here.
    public func run(
        originals: Set<String>,
        known: consuming [WebImage]? = nil
    ) async throws -> (images: DerivedImages, summary: Summary) {
        let recipe = deriver.recipe
        let folder = store.derivedFolder
        try createFolder(folder)
        var records: [WebImage]
        switch consume known {
        case .some(let list): records = list
        case .none: records = try await store.derivedImages()
        }
        let tag = recipe.tag
        func isCurrent(_ image: WebImage) -> Bool { image.recipe == tag && originals.contains(image.originalSha256) }
        // The records of other recipes and of originals no longer shown are let go here, their
        // files named for the store to forget below; the rest become `current` where they are,
        // not copied beside the list as it was read.
        let knownCount = records.count
        var otherFiles: [String] = []
        for image in records where !isCurrent(image) { otherFiles.append(image.file) }
        records.removeAll { !isCurrent($0) }
        let current = DerivedImages(consume records)
        var summary = Summary()
        var missing: [String] = []
        // One listing of the folder rather than a look-up per file: tens of thousands of files.
        let present = FolderScan.paths(folder)
        for original in originals.sorted() {
            let sizes = current[original: original]
            let complete = sizes.count == recipe.sizes.count && sizes.allSatisfy { present.contains($0.file) }
            if complete { summary.reused += 1 } else { missing.append(original) }
        }

        // What the build freed so far (the catalog, the store's snapshots, the plan) goes back
        // to the kernel before libvips' buffers come on top of it: a one-text rebuild of 10,000
        // prompts peaked at 171 MiB with this against 184 MiB without (6 pairs), at 0.2 s more.
        if !missing.isEmpty { AllocatorTuning.releaseFreedMemory() }
        // A worker reuses freed buffers from its second image on; with no second image to make,
        // keeping them only holds memory (a one-text rebuild of 100,000 prompts kept 125 MiB).
        let outcomes = await AllocatorTuning.whileConvertingImages(if: missing.count > parallelism) {
            await convert(missing, into: folder)
        }
        var made: [WebImage] = []
        for (original, outcome) in zip(missing, outcomes) {
            switch outcome {
            case .success(let records):
                made += records
                summary.made += 1
            case .failure(let error):
                summary.failures.append(Failure(original: original, reason: ErrorReason.of(error)))
            }
        }
        try await store.saveDerivedImages(made)

        // Nothing made, every record current and every file in the folder one of theirs (each
        // was found there above): nothing to delete, and the sets of tens of thousands of
        // names that would tell so are not made.
        if missing.isEmpty, knownCount == current.count, present.count == current.count {
            return (current, summary)
        }
        // The sizes made again replace their originals' records, in place: at 100,000 prompts the
        // copies and sets of every name that once told this (kept, known, present) peaked a
        // one-text rebuild 135 MiB above the rest of the build.
        let redone = Set(missing)
        var remaining = (consume current).records
        var replaced: [String] = []
        for image in remaining where redone.contains(image.originalSha256) { replaced.append(image.file) }
        remaining.removeAll { redone.contains($0.originalSha256) }
        remaining.append(contentsOf: made)
        let kept = DerivedImages(consume remaining)
        summary.removed = try await removeUnused(
            keeping: kept,
            candidates: otherFiles + replaced,
            present: consume present,
            folder: folder
        )
        return (kept, summary)
    }

    /// Converts each original on a worker thread, `parallelism` at a time. libvips blocks, so
    /// this stays off Swift's cooperative threads.
    private func convert(_ originals: [String], into folder: URL) async -> [Result<[WebImage], DerivationError>] {
        guard !originals.isEmpty else { return [] }
        let deriver = deriver
        let objects = store.objects
        let parallelism = parallelism
        let observer = observer
        observer.tasksStarted(Self.progressTitle, total: originals.count)
        defer { observer.tasksFinished() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let results = Mutex([Result<[WebImage], DerivationError>?](repeating: nil, count: originals.count))
                let next = Atomic(0)
                // `parallelism` workers, each taking the next original until none is left.
                DispatchQueue.concurrentPerform(iterations: min(parallelism, originals.count)) { _ in
                    while true {
                        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < originals.count else { return }
                        let result = Self.convert(originals[index], objects: objects, deriver: deriver, into: folder)
                        results.withLock { $0[index] = result }
                        observer.taskFinished(failed: (try? result.get()) == nil)
                    }
                }
                continuation.resume(returning: results.withLock { $0.map { $0! } })
            }
        }
    }

    private static func convert(
        _ original: String,
        objects: ObjectStore,
        deriver: ImageDeriver,
        into folder: URL
    ) -> Result<[WebImage], DerivationError> {
        let source = objects.url(sha256: original)
        guard let png = try? Data(contentsOf: source) else {
            return .failure(.conversionFailed("the original \(source.path) could not be read"))
        }
        do {
            return .success(
                try deriver.derive(png: png).map { output throws(DerivationError) in
                    let file = deriver.recipe.fileName(original: original, size: output.size)
                    let target = folder.appendingPathComponent(file)
                    do {
                        try output.webp.write(to: target, options: .atomic)
                    } catch {
                        throw .write(path: target.path, reason: ErrorReason.of(error))
                    }
                    return WebImage(
                        file: file,
                        originalSha256: original,
                        recipe: deriver.recipe.tag,
                        role: output.size.role,
                        width: output.width,
                        height: output.height,
                        bytes: output.webp.count
                    )
                }
            )
        } catch {
            return .failure(error)
        }
    }

    /// Deletes the rows of `candidates` (the files of records let go) that no record of
    /// `keeping` names, and every file `present` in the folder that none names: each set is
    /// emptied of `keeping`'s names in place, rather than `keeping`'s names made into one.
    private func removeUnused(
        keeping: DerivedImages,
        candidates: [String],
        present: consuming Set<String>,
        folder: URL
    ) async throws -> Int {
        var unused = Set(candidates)
        var stray = present
        for image in keeping.records {
            let file = image.file
            unused.remove(file)
            stray.remove(file)
        }
        try await store.deleteDerivedImages(files: Array(unused))
        var removed = 0
        for file in stray {
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))) != nil { removed += 1 }
        }
        return removed
    }

    private func createFolder(_ folder: URL) throws(DerivationError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .write(path: folder.path, reason: ErrorReason.of(error))
        }
    }
}
