import Foundation
import Logging
import Testing

@testable import Hatchery

/// A build starts its store reads before it loads the catalog (`StoreReadAhead`); these hold
/// that what it takes is the store as it is when taken, not as it was when the reads began.
@Suite struct StoreReadAheadTests {
    static func begin(_ site: URL) async throws -> StoreReadAhead {
        try #require(await StoreReadAhead.begin(siteDirectory: site, output: site.appendingPathComponent("public")))
    }

    /// How `hatchery build` opens the site at `site`.
    static func opening(_ site: URL) -> BuildOpening<ContinuousClock> {
        BuildOpening(
            options: BuildOptions(siteDirectory: site),
            prices: .eggAPI,
            makeProvider: ProviderFactories.standard(HatcheryEnvironment([:])),
            clock: ContinuousClock(),
            logger: Logger(label: "test"),
            observer: SilentBuildObserver()
        )
    }

    @Test func readsTakenWithTheStoreUnchangedAreTheStoresNow() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        var readAhead = try await Self.begin(site.url)
        let store = readAhead.store
        let records = try await readAhead.galleryRecords()
        let fresh = try await GalleryRecords.read(from: store)
        #expect(records.shown == fresh.shown && !records.shown.isEmpty)
        #expect(records.history.mapValues { $0.map(\.taskID) } == fresh.history.mapValues { $0.map(\.taskID) })
        #expect(try await readAhead.snapshot().currentFingerprints == store.snapshot().currentFingerprints)
        #expect(try await readAhead.derivedImages().map(\.file) == store.derivedImages().map(\.file))
    }

    @Test func aStoreChangedAfterTheReadsBeganIsReadAgain() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        var readAhead = try await Self.begin(site.url)
        let store = readAhead.store
        let shownBefore = try await store.shownFingerprints()
        let webImages = try await store.derivedImages()
        // The early reads end first: each must be refused for the revision, not for timing.
        await readAhead.finished()
        let prompt = try #require(shownBefore.all.first?.id)
        let removed = try #require(webImages.first).file
        try await store.setCurrentFingerprints([prompt: Fingerprint(hex: "0123")])
        try await store.deleteDerivedImages(files: [removed])

        #expect(try await readAhead.galleryRecords().shown[prompt] == Fingerprint(hex: "0123"))
        #expect(try await readAhead.snapshot().currentFingerprints[prompt] == Fingerprint(hex: "0123"))
        #expect(try await !readAhead.derivedImages().contains { $0.file == removed })
    }

    /// A build that waited on the provider reads `public/` again, even when its folders look
    /// unchanged (a file edited in place): one that did not takes the early read.
    @Test func theSiteIsReadAgainAfterTheBuildWaited() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let index = site.url.appendingPathComponent("public/index.html")
        var early = try await Self.begin(site.url)
        var waited = try await Self.begin(site.url)
        await early.finished()
        await waited.finished()
        let before = Int64(try Data(contentsOf: index).count)
        let handle = try FileHandle(forWritingTo: index)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<!-- edited -->".utf8))
        try handle.close()

        #expect(try await early.siteFiles(waited: false).disk["index.html"]?.size == before)
        #expect(try await waited.siteFiles(waited: true).disk["index.html"]?.size == before + 15)
    }

    /// A build that waited on the provider lets go of its early read of `public/` before it
    /// converts the new images, not at the render, which reads it again anyway; one that did
    /// not keeps it for the render.
    @Test func aBuildThatWaitedLetsGoOfItsEarlyReadOfTheSiteBeforeTheWebImages() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        let opening = Self.opening(site.url)
        for waited in [false, true] {
            var progress = StepProgress(count: opening.stepCount, observer: SilentBuildObserver())
            var held = HeldResources()
            var context = try await opening.open(&progress, holding: &held)
            #expect(context.holdsEarlySiteFiles)
            if waited { context.report.submitted = 1 }
            await context.dropStaleSiteFiles()
            #expect(context.holdsEarlySiteFiles == !waited)
            // Either way the render gets the site's files.
            #expect(try await context.siteFiles().disk["index.html"] != nil)
            #expect(!context.holdsEarlySiteFiles)
            await held.release(failed: false)
        }
    }

    @Test func aSiteWithNoStoreYetHasNothingToReadAhead() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        #expect(
            await StoreReadAhead.begin(siteDirectory: site.url, output: site.url.appendingPathComponent("public"))
                == nil
        )
        #expect(!FileManager.default.fileExists(atPath: SiteFolder.stateFile(in: site.url).path))
    }

    /// A build whose catalog is refused leaves its reads to what it holds, which waits for
    /// them: it returned under them, and the process exited while the walk of `public/` was
    /// hashing, crashing after the error message (found by the attack, 2 runs in 15).
    @Test func aBuildRefusedAtItsCatalogWaitsForTheReadsItBegan() async throws {
        let (site, _) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        _ = try site.write("prompts:\n  - id: a\n    prompt: x\n    prompt: y\n", to: "catalog.yaml")
        let opening = Self.opening(site.url)
        var progress = StepProgress(count: opening.stepCount, observer: SilentBuildObserver())
        var held = HeldResources()
        await #expect(throws: BuildError.self) { _ = try await opening.open(&progress, holding: &held) }
        let reads = try #require(held.readsAhead)
        // What `BuildPipeline.run` does however the build ends: it returns once they have.
        await held.release(failed: true)
        await reads.value
    }
}
