import Foundation
import Testing

@testable import Hatchery

/// `FolderScan` splits a folder by its top-level subfolders and scans them on every core, and
/// `SiteDigest` hashes each of them on its own: the result must be what one walk of the whole
/// tree would give, and any change anywhere must change the digest.
@Suite struct FolderScanTests {
    /// Files at the top, in nested folders, and names that sort differently as paths and as
    /// folder entries (`a-b` before `a/…` as a path, after `a` as an entry).
    private func makeTree() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        for path in ["index.html", "a-b", "a/x.html", "a/deep/y.html", "b/z.png", "c/empty-after/", "zz.json"] {
            let url = folder.url.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try Data(path.utf8).write(to: url)
            }
        }
        return folder
    }

    @Test func statesAndPathsListEveryFileOnceByRelativePath() throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let expected: Set<String> = ["index.html", "a-b", "a/x.html", "a/deep/y.html", "b/z.png", "zz.json"]
        let states = FolderScan.states(tree.url)
        #expect(Set(states.keys) == expected)
        #expect(states["a/deep/y.html"]?.size == Int64("a/deep/y.html".utf8.count))
        #expect(FolderScan.paths(tree.url) == expected)
        #expect(FolderScan.states(tree.url.appendingPathComponent("missing")).isEmpty)
        #expect(FolderScan.paths(tree.url.appendingPathComponent("missing")).isEmpty)
    }

    @Test func theDigestCountsEveryFileAndIsStableWhenNothingChanges() throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let first = try #require(SiteDigest.compute(tree.url))
        #expect(first.files == 6)
        #expect(SiteDigest.compute(tree.url) == first)
        #expect(SiteDigest.compute(tree.url.appendingPathComponent("missing")) == nil)
    }

    @Test func theDigestOfRecordedStatesIsTheDigestOfTheWalk() throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let walked = try #require(SiteDigest.compute(tree.url))
        #expect(SiteDigest.compute(states: FolderScan.states(tree.url)) == walked)
        // A state the walk would not find (an edit after the render) gives another digest.
        var states = FolderScan.states(tree.url)
        states["a/deep/y.html"]?.modified += 1
        #expect(SiteDigest.compute(states: states).digest != walked.digest)
        #expect(SiteDigest.compute(states: [:]) == SiteDigest.compute(tree.url.appendingPathComponent("c")))
    }

    @Test(arguments: ["edit nested", "add top", "add nested", "move across folders", "remove", "touch"])
    func anyChangeChangesTheDigest(change: String) throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let before = try #require(SiteDigest.compute(tree.url))
        let files = FileManager.default
        switch change {
        case "edit nested": try Data("longer content".utf8).write(to: tree.url.appendingPathComponent("a/deep/y.html"))
        case "add top": try Data().write(to: tree.url.appendingPathComponent("new.html"))
        case "add nested": try Data().write(to: tree.url.appendingPathComponent("c/empty-after/new.html"))
        case "move across folders":
            try files.moveItem(
                at: tree.url.appendingPathComponent("a/x.html"),
                to: tree.url.appendingPathComponent("b/x.html")
            )
        case "remove": try files.removeItem(at: tree.url.appendingPathComponent("b/z.png"))
        default:  // the same bytes, written a second later
            var info = stat()
            let file = tree.url.appendingPathComponent("a-b").path
            #expect(stat(file, &info) == 0)
            var times = [info.st_atim, info.st_mtim]
            times[1].tv_sec += 1
            #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        }
        #expect(SiteDigest.compute(tree.url)?.digest != before.digest, "\(change)")
    }

    /// Random trees of names that sort around `/` (`a-b`, `a!`, `a.b`, `a b` beside the
    /// folder `a`), non-ASCII names, empty folders, symbolic links and files at the top: the
    /// digest of the scanned states is the digest of the walk on every one.
    @Test func recordedStatesAndTheWalkAgreeOnRandomTrees() throws {
        let names = ["a", "a-b", "a!", "a.b", "a b", "a\u{1}", "é", "z", "\u{7F}", "中", "😀", "A", "~", "0", "_"]
        var random = SeededGenerator(seed: 15)
        for round in 0..<40 {
            let tree = try TemporaryDirectory()
            defer { tree.cleanup() }
            let files = FileManager.default
            for _ in 0..<Int.random(in: 1...25, using: &random) {
                let depth = Int.random(in: 1...3, using: &random)
                let path = (0..<depth).map { _ in names[Int.random(in: names.indices, using: &random)] }
                    .joined(separator: "/")
                let url = tree.url.appendingPathComponent(path)
                // Skip paths that run through a file made earlier (or onto a folder).
                guard
                    (try? files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true))
                        != nil,
                    (try? files.attributesOfItem(atPath: url.path)) == nil
                else { continue }
                switch Int.random(in: 0..<8, using: &random) {
                case 0: try files.createDirectory(at: url, withIntermediateDirectories: true)
                case 1: try files.createSymbolicLink(atPath: url.path, withDestinationPath: "../somewhere")
                default: try Data(repeating: 7, count: Int.random(in: 0..<40, using: &random)).write(to: url)
                }
            }
            let walked = try #require(SiteDigest.compute(tree.url))
            let states = FolderScan.states(tree.url)
            #expect(walked.files == states.count, "round \(round)")
            #expect(SiteDigest.compute(states: states) == walked, "round \(round)")
            // The stamp reuses the walk's digests of the folders a render left alone: any of
            // them, with the states of the rest, gives the walk's digest.
            let folders = try #require(SiteDigest.walk(tree.url)?.folders)
            let reused = folders.filter { _ in Bool.random(using: &random) }
            let rest = states.filter { path, _ in !reused.keys.contains { path.hasPrefix($0 + "/") } }
            #expect(SiteDigest.compute(states: rest, reusing: reused) == walked, "round \(round)")
        }
    }

    /// A file dated after 2262 is past Int64's nanoseconds: it is scanned and hashed like any
    /// other, and its time still tells edits apart (it stopped every build, found by the attack).
    @Test func aFileDatedAfter2262IsScannedLikeAnyOther() throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let file = tree.url.appendingPathComponent("a/x.html").path
        func date(_ seconds: Int) -> SiteDigest.Result? {
            var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
            return SiteDigest.compute(tree.url)
        }
        let year2300 = 10_413_792_000
        let first = try #require(date(year2300))
        #expect(FolderScan.states(tree.url)["a/x.html"] != nil)
        #expect(SiteDigest.compute(states: FolderScan.states(tree.url)) == first)
        #expect(date(year2300 + 1)?.digest != first.digest)
    }

    @Test func theWalkGivesEachTopLevelFolderItsDigest() throws {
        let tree = try makeTree()
        defer { tree.cleanup() }
        let walk = try #require(SiteDigest.walk(tree.url))
        let folders = try #require(walk.folders)
        #expect(Set(folders.keys) == ["a", "b", "c"])
        #expect(folders["a"]?.files == 2)
        #expect(folders["c"]?.files == 0)
        let states = FolderScan.states(tree.url)
        // A reused digest that is not the folder's (an edit the render did not make) shows.
        let b = try #require(folders["b"])
        var stale = b
        stale.lanes &+= SIMD4(1, 0, 0, 0)
        let rest = states.filter { !$0.key.hasPrefix("b/") }
        #expect(SiteDigest.compute(states: rest, reusing: ["b": stale]).digest != walk.result.digest)
        #expect(SiteDigest.compute(states: rest, reusing: ["b": b]) == walk.result)
        // A folder whose name is not UTF-8 cannot be named by the records: no digests to reuse.
        let odd = (Array(tree.url.path.utf8) + [47, 0x6F, 0xFF, 0]).map { CChar(bitPattern: $0) }
        #expect(mkdir(odd, 0o755) == 0)
        #expect(SiteDigest.walk(tree.url)?.folders == nil)
    }
}
