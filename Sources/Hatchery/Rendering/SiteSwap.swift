import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the site in a staging folder beside it and swaps it in only when complete, so that a
/// failed build never leaves a half-written site. The staging folder starts as hard links to
/// the current site's files, so unchanged files keep their bytes and modification times; a
/// build that changed nothing drops it and leaves the site as it was.
///
/// The swap is one atomic exchange of the two folders: `target` is there at every moment, and
/// afterwards the staging path holds the old site, which is then deleted. A folder that cannot
/// be deleted (a deploy step made it read-only, and making it writable did not help) never
/// fails a build: it is left, named in a warning, and the next build stages under a fresh name.
struct SiteSwap {
    let target: URL
    /// Deletes old copies; tests replace it to refuse, since they run as root.
    var removal = TreeRemoval()
    /// Called with the staging folder just before and just after the exchange (tests look at the site then).
    var aroundExchange: (_ after: Bool, _ staging: URL) -> Void = { _, _ in }

    /// `.public.staging`; `.public.staging-2`, `-3`, … when an earlier one could not be deleted.
    var stagingPrefix: String { ".\(target.lastPathComponent).staging" }
    /// Where the previous swap (two renames) put the retired site; still cleaned up.
    var legacyRetired: URL { parent.appendingPathComponent(".\(target.lastPathComponent).old") }
    private var parent: URL { target.deletingLastPathComponent() }

    /// Refuses an output folder that exists without a Hatchery `manifest.json` in it: the user's
    /// own files (a `public/` folder their project already had) are never swapped away.
    func checkOwnership() throws(RenderError) {
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
        throw .notOurs(path: target.path, example: entries.first { $0 != SiteNames.manifest } ?? entries[0])
    }

    /// Runs `write` against a staging copy and puts the result in place of `target`, unless
    /// `target` exists and `unchanged` says of `write`'s result that the copy is the same.
    /// Returns `write`'s result and warnings about old copies that could not be deleted.
    func replace<T>(
        _ write: (URL) throws(RenderError) -> T,
        keepingCurrentIf unchanged: (T) -> Bool
    ) throws(RenderError) -> (result: T, warnings: [String]) {
        var warnings: [String] = []
        let staging = freshStaging(warnings: &warnings)
        do {
            try linkTree(from: target, to: staging)
        } catch {
            discard(staging, warnings: &warnings)
            throw .write(path: staging.path, reason: ErrorReason.of(error))
        }
        let result: T
        do {
            result = try write(staging)
        } catch {
            discard(staging, warnings: &warnings)
            throw error
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path), unchanged(result) {
            discard(staging, warnings: &warnings)
            return (result, warnings)
        }
        aroundExchange(false, staging)
        try install(staging)
        aroundExchange(true, staging)
        // The staging path now holds the site that was replaced.
        discard(staging, warnings: &warnings, what: "the replaced site")
        return (result, warnings)
    }

    /// Puts `staging` in place of `target`: an exchange when `target` exists, a rename when not.
    private func install(_ staging: URL) throws(RenderError) {
        guard FileManager.default.fileExists(atPath: target.path) else {
            guard rename(staging.path, target.path) == 0 else {
                throw .write(path: target.path, reason: TreeRemoval.describe(errno))
            }
            return
        }
        let code = FolderExchange.exchange(staging.path, target.path)
        if code == 0 { return }
        guard FolderExchange.isUnsupported(code) else {
            throw .write(path: target.path, reason: TreeRemoval.describe(code))
        }
        // A file system that cannot exchange (some network and FUSE ones): two renames, with the
        // site missing between them, and put back if the second fails.
        let aside = parent.appendingPathComponent(staging.lastPathComponent + ".old")
        guard rename(target.path, aside.path) == 0 else {
            throw .write(path: target.path, reason: TreeRemoval.describe(errno))
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = TreeRemoval.describe(errno)
            _ = rename(aside.path, target.path)
            throw .write(path: target.path, reason: reason)
        }
        _ = rename(aside.path, staging.path)
    }

    /// Deletes what earlier builds left beside the site, and returns a staging path that is
    /// free: the usual one, or a fresh name when an old copy there cannot be deleted.
    private func freshStaging(warnings: inout [String]) -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var blocked: Set<String> = []
        for name in names where name.hasPrefix(stagingPrefix) || name == legacyRetired.lastPathComponent {
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

    /// Deletes `folder`; when it cannot be deleted, says so in a warning and leaves it.
    private func discard(_ folder: URL, warnings: inout [String], what: String = "the staging copy") {
        guard let failure = removal.remove(folder) else { return }
        warnings.append(
            "The site is in place, but \(what) in \(folder.path) could not be deleted: \(failure.path) (\(failure.reason)). "
                + "The next build tries again; or delete it by hand (chmod -R u+w, then rm -rf)."
        )
    }

    /// Recreates `source`'s folders under `destination` with hard links to its files.
    private func linkTree(from source: URL, to destination: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: destination, withIntermediateDirectories: true)
        guard manager.fileExists(atPath: source.path),
            let enumerator = manager.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey])
        else { return }
        let prefix = source.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let copy = destination.appendingPathComponent(String(path.dropFirst(prefix.count)))
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
                try manager.createDirectory(at: copy, withIntermediateDirectories: true)
            } else {
                try manager.linkItem(at: url, to: copy)
            }
        }
    }
}
