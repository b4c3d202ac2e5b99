import Foundation
import Synchronization
import Testing

@testable import Hatchery

/// The swap of a finished staging copy for the site: the site is there at every moment, and
/// old copies that cannot be deleted never fail a build.
///
/// Tests and CI run as root, whom file permissions do not stop, so a read-only tree cannot be
/// made to resist deletion for real. The tests that need a refusal give `TreeRemoval` an entry
/// remover that refuses the way the kernel would refuse an ordinary user (or always, for an
/// entry that stands for an immutable file); everything else they do happens on disk.
@Suite struct SiteExchangeTests {
    func page(_ text: String) -> (URL) throws(RenderError) -> Int {
        { staging throws(RenderError) in
            do {
                // As the site writer does: the staging copy starts as the old site; what is not
                // written again leaves.
                try? FileManager.default.removeItem(at: staging.appendingPathComponent("images"))
                // A new file, not the hard-linked one rewritten in place (that would be the live site's).
                try Data(text.utf8).write(to: staging.appendingPathComponent("index.html"), options: .atomic)
                try FileManager.default.createDirectory(
                    at: staging.appendingPathComponent("images"),
                    withIntermediateDirectories: true
                )
                try Data(text.utf8).write(to: staging.appendingPathComponent("images/\(text).txt"))
            } catch {
                throw .write(path: staging.path, reason: "\(error)")
            }
            return 1
        }
    }

    func index(_ site: URL) -> String? {
        try? String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// A remover that refuses, as for an ordinary user, to delete an entry from a folder its
    /// owner cannot write; and always refuses entries whose path contains `immutable`.
    static func asAnOrdinaryUser(immutable: String? = nil) -> TreeRemoval {
        TreeRemoval { path, isFolder in
            var folder = stat()
            _ = stat((path as NSString).deletingLastPathComponent, &folder)
            if let immutable, path.contains(immutable) { return EPERM }
            if folder.st_mode & S_IWUSR == 0 { return EACCES }
            return (isFolder ? rmdir(path) : unlink(path)) == 0 ? 0 : errno
        }
    }

    @Test func theExchangeLeavesTheSiteInPlaceAndTheOldTreeInStagingThenDeletesIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        _ = try SiteSwap(target: site).replace(page("one"), keepingCurrentIf: { _ in false })
        #expect(index(site) == "one")

        var moments: [(after: Bool, site: String?, staging: String?)] = []
        var swap = SiteSwap(target: site)
        swap.aroundExchange = { after, staging in moments.append((after, index(site), index(staging))) }
        let (_, warnings) = try swap.replace(page("two"), keepingCurrentIf: { _ in false })
        #expect(moments.map(\.after) == [false, true])
        #expect(moments[0].site == "one" && moments[0].staging == "two")
        #expect(moments[1].site == "two" && moments[1].staging == "one", "one exchange: the old site is in staging")
        #expect(warnings.isEmpty && index(site) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["public"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("images").path) == [
                "two.txt"
            ]
        )
    }

    @Test func aWatcherNeverFindsTheSiteMissingAcrossManySwaps() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        _ = try SiteSwap(target: site).replace(page("0"), keepingCurrentIf: { _ in false })
        // A thread that looks at the site as fast as it can while it is replaced 200 times.
        // The two renames this replaced lost the site for a moment each time; one exchange never does.
        final class Watch: Sendable {
            let state = Mutex((done: false, looks: 0, missing: 0))
        }
        let watch = Watch()
        let path = site.appendingPathComponent("index.html").path
        let watcher = Thread {
            while !watch.state.withLock({ $0.done }) {
                let present = access(path, F_OK) == 0
                watch.state.withLock {
                    $0.looks += 1
                    if !present { $0.missing += 1 }
                }
            }
        }
        watcher.start()
        for round in 1...200 {
            _ = try SiteSwap(target: site).replace(page("\(round)"), keepingCurrentIf: { _ in false })
        }
        watch.state.withLock { $0.done = true }
        while !watcher.isFinished { usleep(1000) }
        let seen = watch.state.withLock { $0 }
        #expect(seen.looks > 0 && seen.missing == 0, "\(seen)")
        #expect(index(site) == "200")
    }

    @Test func aReadOnlyOldTreeIsMadeWritableAndDeleted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        _ = try SiteSwap(target: site).replace(page("one"), keepingCurrentIf: { _ in false })
        // What a deploy step might do: every folder of the published site read-only.
        for folder in [site.appendingPathComponent("images"), site] { chmod(folder.path, 0o555) }
        var swap = SiteSwap(target: site)
        swap.removal = Self.asAnOrdinaryUser()
        let (_, warnings) = try swap.replace(page("two"), keepingCurrentIf: { _ in false })
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(index(site) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["public"])
    }

    @Test func anUndeletableOldTreeIsNamedInAWarningAndTheNextBuildStagesElsewhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        _ = try SiteSwap(target: site).replace(page("one"), keepingCurrentIf: { _ in false })
        var swap = SiteSwap(target: site)
        swap.removal = Self.asAnOrdinaryUser(immutable: "one.txt")

        let (_, warnings) = try swap.replace(page("two"), keepingCurrentIf: { _ in false })
        let staging = dir.url.appendingPathComponent(".public.staging")
        #expect(index(site) == "two")
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.contains(
                "the replaced site in \(staging.path) could not be deleted: \(staging.path)/images/one.txt (Operation not permitted)"
            ) == true,
            "\(warnings)"
        )

        // The next build cannot delete it either: it says so, stages under a fresh name, succeeds.
        let (_, next) = try swap.replace(page("three"), keepingCurrentIf: { _ in false })
        #expect(index(site) == "three")
        #expect(
            next.contains {
                $0.contains(
                    "An earlier build left \(staging.path), which cannot be deleted: \(staging.path)/images/one.txt"
                )
            }
        )
        #expect(next.contains { $0.contains("staged the site in \(staging.path)-2 instead") }, "\(next)")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == ["public", ".public.staging"]
        )

        // Once it can be deleted, the next build clears it and says nothing.
        let (_, clean) = try SiteSwap(target: site).replace(page("four"), keepingCurrentIf: { _ in false })
        #expect(clean.isEmpty && index(site) == "four")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["public"])
    }

    @Test func aBuildSucceedsOverLeftoversOfEarlierSwaps() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        _ = try dir.write(Fixtures.catalog(["id: fox\nprompt: A red fox in snow"]), to: "catalog.yaml")
        // What a kill or the previous swap could leave: a retired site and a read-only staging
        // copy. (As root the read-only one is deletable all the same; as anyone else this
        // exercises the make-writable-and-retry path for real.)
        _ = try dir.write("old", to: ".public.old/index.html")
        _ = try dir.write("half", to: ".public.staging/prompts/fox.html")
        for folder in [".public.staging/prompts", ".public.staging"] {
            chmod(dir.url.appendingPathComponent(folder).path, 0o555)
        }

        let report = try await BuildPipeline(options: BuildOptions(siteDirectory: dir.url)).run()
        #expect(report.render.warnings.isEmpty, "\(report.render.warnings)")
        #expect(report.completed == 1)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == [
                "catalog.yaml", ".hatchery", "public",
            ]
        )
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("public/prompts/fox.html").path))
    }
}
