import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stages a build's new and changed files in a folder beside the site, and moves them in only
/// once every one is made, so that a build that fails while making them changes nothing.
/// Moving them in is one `rename` per file (the staging folder is on the same file system),
/// then the files no output owns any more are deleted: the site folder is there at every
/// moment, each file in it is whole, and a build that changed one page costs one page, not the
/// whole tree. The first build renames the whole staging folder into place.
///
/// A build stopped while the files move in (killed, or a `rename` refused) leaves some new and
/// some old, each whole; new files move in before the pages already there are replaced
/// (`commitOrder`), so no page reachable from those links to a file not there yet. The next
/// build makes the rest: its records still name the old files, so every file moved or not is
/// made again or found current.
///
/// A staging folder that cannot be deleted (a deploy step made it read-only, and making it
/// writable did not help) never fails a build: it is left, named in a warning, and the next
/// build stages under a fresh name.
struct SiteStaging {
    let target: URL
    /// Deletes old copies; tests replace it to refuse, since they run as root.
    var removal = TreeRemoval()
    /// Called with the staging folder just before and just after the files move in (tests look at the site then).
    var aroundCommit: (_ after: Bool, _ staging: URL) -> Void = { _, _ in }

    /// `.public.staging`; `.public.staging-2`, `-3`, … when an earlier one could not be deleted.
    var stagingPrefix: String { ".\(target.lastPathComponent).staging" }
    /// Where an earlier version's swap put the retired site; still cleaned up.
    var legacyRetired: URL { parent.appendingPathComponent(".\(target.lastPathComponent).old") }
    private var parent: URL { target.deletingLastPathComponent() }

    /// Refuses an output folder that exists without a Hatchery `manifest.json` in it: the user's
    /// own files (a `public/` folder their project already had) are never swapped away. A folder
    /// whose manifest was deleted by hand is still the site's when one of its top-level files
    /// has the size and modification time (to the nanosecond) recorded in `previous`.
    func checkOwnership(previous: OutputRecords = OutputRecords()) throws(RenderError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: target.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .notOurs(path: target.path, example: "the file \(target.lastPathComponent) itself")
        }
        let entries = ((try? manager.contentsOfDirectory(atPath: target.path)) ?? []).sorted()
        guard !entries.isEmpty else { return }
        let manifest = target.appendingPathComponent(SiteNames.manifest)
        // The manifest starts `{ "generator" : "hatchery", …`.
        if let handle = try? FileHandle(forReadingFrom: manifest), let head = try? handle.read(upToCount: 256) {
            try? handle.close()
            let text = String(decoding: head, as: UTF8.self).filter { !$0.isWhitespace }
            if text.hasPrefix("{\"generator\":\"hatchery\"") { return }
        }
        for entry in entries {
            var info = stat()
            guard let record = previous[entry], lstat(target.appendingPathComponent(entry).path, &info) == 0 else {
                continue
            }
            if info.st_mode & S_IFMT == S_IFREG, FileState(info) == record.state { return }
        }
        // An entry the last build recorded (a file, or a folder its files are in) is not the
        // user's: name one that is, or say the site is no longer as the last build left it.
        let recordedTop = Set(previous.indices.map { String(previous.path(at: $0).prefix { $0 != "/" }) })
        let foreignEntries = entries.filter { !recordedTop.contains($0) }
        guard let foreign = foreignEntries.first(where: { $0 != SiteNames.manifest }) ?? foreignEntries.first else {
            throw .changedSinceLastBuild(path: target.path)
        }
        throw .notOurs(path: target.path, example: foreign)
    }

    /// A fresh, empty staging folder, after deleting what earlier builds left beside the site.
    /// Warnings name leftovers that could not be deleted.
    func begin(warnings: inout [String]) throws(RenderError) -> URL {
        let staging = freshStaging(warnings: &warnings)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .write(path: staging.path, reason: ErrorReason.of(error))
        }
        return staging
    }

    /// `staged` in the order they move in: the files new to the site first, then those that
    /// replace a file there (`present`); within each, images and theme assets, then prompt pages
    /// and their sidecars, then the pages and files that list prompts, `index.html` last. Each
    /// group keeps its order. Pages link to one another both ways (a prompt's page to its tag
    /// pages, every tag page to every other, neighbouring prompts), so no order of single moves
    /// keeps every link whole; but no page already in the site links to a new file until it is
    /// replaced, and it is replaced only once every new file is in. A stop between two moves
    /// then leaves no page reachable from the site's pages linking to a file not there yet (a
    /// new prompt's card on `index.html`, or a new tag on the tag pages, its page not moved).
    static func commitOrder(_ staged: [String], present: (String) -> Bool = { _ in true }) -> [String] {
        func rank(_ path: String) -> Int {
            let kind: Int
            if path.hasPrefix("images/") || path.hasPrefix("assets/") {
                kind = 0
            } else if path.hasPrefix("prompts/") {
                kind = 1
            } else {
                kind = path == SiteNames.indexPage(1) ? 3 : 2
            }
            return present(path) ? 4 + kind : kind
        }
        var groups: [[String]] = Array(repeating: [], count: 8)
        for path in staged { groups[rank(path)].append(path) }
        return groups.flatMap { $0 }
    }

    /// Deletes the staging folder of a build that failed; the site is as it was.
    func abandon(_ staging: URL, warnings: inout [String]) {
        discard(staging, warnings: &warnings)
    }

    /// Moves the `staged` files (relative paths) from `staging` into the site, those for which
    /// `present` is false first (the site has no file there: the render's scan of it says so,
    /// without a `stat` per file), then deletes the
    /// site's files named in `stale` and the entries (files or folders) in `undecodable`
    /// (relative paths as bytes, not UTF-8), then folders left empty, then the staging folder.
    func commit(
        _ staging: URL,
        staged: [String],
        stale: [String],
        undecodable: [[UInt8]] = [],
        present: (String) -> Bool = { _ in true },
        warnings: inout [String]
    ) throws(RenderError) {
        let manager = FileManager.default
        aroundCommit(false, staging)
        guard manager.fileExists(atPath: target.path) else {
            guard rename(staging.path, target.path) == 0 else {
                throw .write(path: target.path, reason: TreeRemoval.describe(errno))
            }
            aroundCommit(true, staging)
            return
        }
        var folders: Set<String> = [target.path]
        for path in Self.commitOrder(staged, present: present) {
            let destination = target.appendingPathComponent(path)
            let folder = destination.deletingLastPathComponent().path
            if folders.insert(folder).inserted {
                // A file put by hand where the site has a folder (`tags` for `tags/`) goes, and so
                // does a symbolic link (`images` to a folder elsewhere): nothing is written
                // through it, and the link, stale, would be deleted after the files went in.
                clearFiles(on: path)
                do {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .write(path: folder, reason: ErrorReason.of(error))
                }
            }
            let source = staging.appendingPathComponent(path).path
            if rename(source, destination.path) != 0 {
                // A folder put by hand where the site has a file: nothing in it is the site's.
                let code = errno
                guard code == EISDIR || code == ENOTEMPTY || code == EEXIST, removal.remove(destination) == nil else {
                    throw .write(path: destination.path, reason: TreeRemoval.describe(code))
                }
                guard rename(source, destination.path) == 0 else {
                    throw .write(path: destination.path, reason: TreeRemoval.describe(errno))
                }
            }
        }
        var emptied: Set<String> = []
        for path in stale {
            let file = target.appendingPathComponent(path)
            if unlink(file.path) == 0 { emptied.insert(file.deletingLastPathComponent().path) }
        }
        for entry in undecodable where removal.remove(Array(target.path.utf8) + [47] + entry) == nil {
            // Only the last component is not UTF-8: its folder has a `String` path.
            if let slash = entry.lastIndex(of: 47), let folder = String(validating: entry[..<slash], as: UTF8.self) {
                emptied.insert(target.appendingPathComponent(folder).path)
            }
        }
        // Deepest first, so a folder whose only content was an emptied folder goes too.
        for folder in emptied.sorted(by: { $0.count > $1.count }) {
            var current = URL(fileURLWithPath: folder)
            while current.path.count > target.path.count, rmdir(current.path) == 0 {
                current.deleteLastPathComponent()
            }
        }
        aroundCommit(true, staging)
        discard(staging, warnings: &warnings)
    }

    /// Deletes the files (not folders: symbolic links too) in the site that stand where `path`'s
    /// folders go. One `lstat` per folder of the path, once per folder a build writes into.
    private func clearFiles(on path: String) {
        var current = target
        for component in path.split(separator: "/").dropLast() {
            current.appendPathComponent(String(component))
            var info = stat()
            if lstat(current.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { unlink(current.path) }
        }
    }

    /// Deletes what earlier builds left beside the site, and returns a staging path that is
    /// free: the usual one, or a fresh name when an old copy there cannot be deleted.
    private func freshStaging(warnings: inout [String]) -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var blocked: Set<String> = []
        for name in names where isStagingName(name) || name == legacyRetired.lastPathComponent {
            let leftover = parent.appendingPathComponent(name)
            if let failure = removal.remove(leftover) {
                blocked.insert(name)
                warnings.append(
                    "An earlier build left \(leftover.path), which cannot be deleted: \(failure.path) (\(failure.reason)). "
                        + "The site was built anyway; delete that folder by hand (chmod -R u+w, then rm -rf)."
                )
            }
        }
        var name = stagingPrefix
        var number = 1
        while blocked.contains(name) || FileManager.default.fileExists(atPath: parent.appendingPathComponent(name).path)
        {
            number += 1
            name = "\(stagingPrefix)-\(number)"
        }
        if number > 1 {
            warnings.append("This build staged the site in \(parent.appendingPathComponent(name).path) instead.")
        }
        return parent.appendingPathComponent(name)
    }

    /// Whether `name` is one `freshStaging` gives: `stagingPrefix`, or it with `-` and a number.
    /// Only those are deleted as leftovers: `.public.staging-backup` or `.public.stagingnotes`
    /// beside the site are the user's.
    func isStagingName(_ name: String) -> Bool {
        guard name.hasPrefix(stagingPrefix) else { return false }
        let rest = name.utf8.dropFirst(stagingPrefix.utf8.count)
        guard let dash = rest.first else { return true }
        let number = rest.dropFirst()
        return dash == UInt8(ascii: "-") && !number.isEmpty && number.allSatisfy { (48...57).contains($0) }
    }

    /// Deletes `folder`; when it cannot be deleted, says so in a warning and leaves it.
    private func discard(_ folder: URL, warnings: inout [String], what: String = "the staging copy") {
        guard let failure = removal.remove(folder) else { return }
        warnings.append(
            "The site is in place, but \(what) in \(folder.path) could not be deleted: \(failure.path) (\(failure.reason)). "
                + "The next build tries again; or delete it by hand (chmod -R u+w, then rm -rf)."
        )
    }
}
