import Foundation
import Synchronization
import Testing

@testable import Hatchery

/// Moving a build's staged files into the site: each file is there at every moment, what no
/// output owns leaves, and staging folders that cannot be deleted never fail a build.
///
/// Tests and CI run as root, whom file permissions do not stop, so a read-only tree cannot be
/// made to resist deletion for real. The tests that need a refusal give `TreeRemoval` an entry
/// remover that refuses the way the kernel would refuse an ordinary user (or always, for an
/// entry that stands for an immutable file); everything else they do happens on disk.
@Suite struct SiteStagingTests {
    /// Publishes `index.html` and `images/TEXT.txt` holding `text`, as a render does: stages
    /// them, then commits with every other file of the site stale. Returns the warnings.
    @discardableResult
    func publish(_ text: String, with staging: SiteStaging) throws -> [String] {
        var warnings: [String] = []
        let folder = try staging.begin(warnings: &warnings)
        let files = ["index.html", "images/\(text).txt"]
        try Self.write(files, holding: text, in: folder)
        let stale = FolderScan.states(staging.target).keys.filter { !files.contains($0) }
        try staging.commit(folder, staged: files, stale: Array(stale), warnings: &warnings)
        return warnings
    }

    /// Writes each of `files` (relative paths) under `folder`, holding `text`.
    static func write(_ files: [String], holding text: String, in folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        }
    }

    func index(_ site: URL) -> String? {
        try? String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// A remover that refuses, as for an ordinary user, to delete an entry from a folder its
    /// owner cannot write; and always refuses entries whose path contains `immutable`.
    static func asAnOrdinaryUser(immutable: String? = nil) -> TreeRemoval {
        TreeRemoval { bytes, isFolder in
            let path = String(decoding: bytes, as: UTF8.self)
            var folder = stat()
            _ = stat((path as NSString).deletingLastPathComponent, &folder)
            if let immutable, path.contains(immutable) { return EPERM }
            if folder.st_mode & S_IWUSR == 0 { return EACCES }
            return (isFolder ? rmdir(path) : unlink(path)) == 0 ? 0 : errno
        }
    }

    /// A move refused half-way (here a folder that cannot be deleted where a new prompt's page
    /// goes) leaves the files moved so far; the index, which links to the page, is not one.
    @Test func aCommitStoppedHalfWayLeavesNoLinkToAFileNotMovedIn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        try publish("one", with: SiteStaging(target: site))
        let blocker = site.appendingPathComponent("prompts/new.html")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: blocker.appendingPathComponent("immutable"))

        let staging = SiteStaging(target: site, removal: Self.asAnOrdinaryUser(immutable: "immutable"))
        var warnings: [String] = []
        let folder = try staging.begin(warnings: &warnings)
        // In the order a render makes them: the index first.
        let files = ["index.html", "prompts/new.html", "images/two.txt"]
        try Self.write(files, holding: "two", in: folder)
        #expect(throws: RenderError.self) {
            try staging.commit(folder, staged: files, stale: [], warnings: &warnings)
        }
        #expect(index(site) == "one")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("images/two.txt").path))
        #expect(
            SiteStaging.commitOrder(["index.html", "tags/a.html", "prompts/a.json", "pages/2.html", "images/a.png"])
                == ["images/a.png", "prompts/a.json", "tags/a.html", "pages/2.html", "index.html"]
        )
    }

    /// Pages link both ways (a new prompt's page to its new tag page, every tag page to every
    /// other): a move refused half-way (here `cost.html`, where a folder that cannot be deleted
    /// stands) must come after every new file, so that no page in the site before links to a
    /// new file not moved in. Before, the prompt pages moved first and `tags/new.html` never did.
    @Test func newFilesMoveInBeforeThePagesThereAreReplaced() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        try publish("one", with: SiteStaging(target: site))
        for file in ["tags/old.html", "prompts/old.html", "cost.html/immutable"] {
            let url = site.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data("one".utf8).write(to: url)
        }

        let staging = SiteStaging(target: site, removal: Self.asAnOrdinaryUser(immutable: "immutable"))
        var warnings: [String] = []
        let folder = try staging.begin(warnings: &warnings)
        // A new prompt with a new tag: the old prompt's page and the old tag page link to both.
        let files = [
            "index.html", "cost.html", "tags/old.html", "tags/new.html", "prompts/old.html", "prompts/new.html",
        ]
        try Self.write(files, holding: "two", in: folder)
        // What the render's scan of the site says is there; `cost.html` is, as a folder.
        let present = { (path: String) in FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path)
        }
        #expect(throws: RenderError.self) {
            try staging.commit(folder, staged: files, stale: [], present: present, warnings: &warnings)
        }
        for file in ["tags/new.html", "prompts/new.html"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(file).path), "\(file)")
        }
        #expect(index(site) == "one")
        #expect(
            SiteStaging.commitOrder(files) { !$0.hasSuffix("new.html") }
                == [
                    "prompts/new.html", "tags/new.html", "prompts/old.html", "cost.html", "tags/old.html", "index.html",
                ]
        )
    }

    @Test func stagedFilesMoveInStaleOnesLeaveAndTheStagingFolderGoes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        try publish("one", with: SiteStaging(target: site))
        #expect(index(site) == "one")

        var moments: [(after: Bool, site: String?, staging: String?)] = []
        var staging = SiteStaging(target: site)
        staging.aroundCommit = { after, folder in moments.append((after, index(site), index(folder))) }
        let warnings = try publish("two", with: staging)
        #expect(moments.map(\.after) == [false, true])
        #expect(moments[0].site == "one" && moments[0].staging == "two")
        #expect(moments[1].site == "two" && moments[1].staging == nil, "the file was moved, not copied")
        #expect(warnings.isEmpty && index(site) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["public"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("images").path) == [
                "two.txt"
            ]
        )
    }

    @Test func aFolderLeftEmptyByStaleFilesIsDeleted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        _ = try dir.write("old", to: "public/tags/a/b/old.html")
        _ = try dir.write("{\"generator\": \"hatchery\"}", to: "public/manifest.json")
        try publish("one", with: SiteStaging(target: site))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("tags").path))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: site.path)) == ["index.html", "images"])
    }

    @Test func aWatcherNeverFindsThePageMissingAcrossManyCommits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        try publish("0", with: SiteStaging(target: site))
        // A thread that looks at the page as fast as it can while it is replaced 200 times:
        // a rename over it replaces it in one step.
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
            try publish("\(round)", with: SiteStaging(target: site))
        }
        watch.state.withLock { $0.done = true }
        while !watcher.isFinished { usleep(1000) }
        let seen = watch.state.withLock { $0 }
        #expect(seen.looks > 0 && seen.missing == 0, "\(seen)")
        #expect(index(site) == "200")
    }

    @Test func anUndeletableStagingFolderIsNamedInAWarningAndTheNextBuildStagesElsewhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        try publish("one", with: SiteStaging(target: site))
        // What a build killed while staging leaves, made undeletable.
        _ = try dir.write("half", to: ".public.staging/images/half.txt")
        let staging = dir.url.appendingPathComponent(".public.staging")
        var refusing = SiteStaging(target: site)
        refusing.removal = Self.asAnOrdinaryUser(immutable: "half.txt")

        let warnings = try publish("two", with: refusing)
        #expect(index(site) == "two")
        #expect(
            warnings.contains {
                $0.contains(
                    "An earlier build left \(staging.path), which cannot be deleted: \(staging.path)/images/half.txt"
                )
            },
            "\(warnings)"
        )
        #expect(warnings.contains { $0.contains("staged the site in \(staging.path)-2 instead") }, "\(warnings)")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == ["public", ".public.staging"]
        )

        // Once it can be deleted, the next build clears it and says nothing.
        let clean = try publish("three", with: SiteStaging(target: site))
        #expect(clean.isEmpty && index(site) == "three")
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

    /// Only the names a build stages under are leftovers: the user's own files beside the site
    /// whose names merely begin the same way stay (the attack lost a backup folder so).
    @Test func onlyTheStagingNamesABuildGivesAreDeletedBesideTheSite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let site = dir.url.appendingPathComponent("public")
        let mine = [".public.staging-my-backup/notes.txt", ".public.stagingnotes.txt", ".public.staging-2x/a.txt"]
        for file in mine { _ = try dir.write("precious", to: file) }
        for file in [".public.staging/half.txt", ".public.staging-3/half.txt"] { _ = try dir.write("half", to: file) }

        try publish("one", with: SiteStaging(target: site))

        for file in mine {
            #expect(
                (try? String(contentsOf: dir.url.appendingPathComponent(file), encoding: .utf8)) == "precious",
                "\(file)"
            )
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(!left.contains(".public.staging") && !left.contains(".public.staging-3"), "\(left)")
        let staging = SiteStaging(target: site)
        #expect(staging.isStagingName(".public.staging") && staging.isStagingName(".public.staging-12"))
        #expect(!staging.isStagingName(".public.staging-") && !staging.isStagingName(".public.staging-1a"))
    }

    /// A site without its manifest whose top-level files all changed since the last build is
    /// refused with a message that says so, not one naming a file the last build wrote as the
    /// user's (the attack was told `assets` was not Hatchery's).
    @Test func aRefusalNamesOnlyAFileTheLastBuildDidNotWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        _ = try dir.write("<p>touched since</p>", to: "public/index.html")
        _ = try dir.write("body {}", to: "public/assets/style.css")
        let stale = OutputRecord(digest: "d", state: FileState(size: 1, modified: 1))
        let previous = OutputRecords(["index.html": stale, "assets/style.css": stale])
        let staging = SiteStaging(target: dir.url.appendingPathComponent("public"))

        #expect {
            try staging.checkOwnership(previous: previous)
        } throws: { error in
            guard case .changedSinceLastBuild = error as? RenderError else { return false }
            return (error as? RenderError)?.errorDescription?.contains("delete \(staging.target.path) and build again")
                == true
        }
        _ = try dir.write("mine", to: "public/blog/post.html")
        #expect {
            try staging.checkOwnership(previous: previous)
        } throws: { error in
            guard case .notOurs(_, let example) = error as? RenderError else { return false }
            return example == "blog"
        }
    }
}
