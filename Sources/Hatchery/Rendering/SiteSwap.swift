import Foundation

/// Builds the site in a staging folder beside it and swaps it in only when complete, so that a
/// failed build never leaves a half-written site. The staging folder starts as hard links to
/// the current site's files, so unchanged files keep their bytes and modification times; a
/// build that changed nothing drops it and leaves the site as it was.
struct SiteSwap {
    let target: URL

    var staging: URL { target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).staging") }
    var retired: URL { target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old") }

    /// Runs `write` against a staging copy and puts the result in place of `target`, unless
    /// `target` exists and `unchanged` says of `write`'s result that the copy is the same.
    func replace<T>(_ write: (URL) throws(RenderError) -> T,
                    keepingCurrentIf unchanged: (T) -> Bool) throws(RenderError) -> T {
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        try? manager.removeItem(at: retired)
        do {
            try linkTree(from: target, to: staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw .write(path: staging.path, reason: error.localizedDescription)
        }
        let result: T
        do {
            result = try write(staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        if manager.fileExists(atPath: target.path), unchanged(result) {
            try? manager.removeItem(at: staging)
            return result
        }
        do {
            if manager.fileExists(atPath: target.path) { try manager.moveItem(at: target, to: retired) }
            try manager.moveItem(at: staging, to: target)
        } catch {
            throw .write(path: target.path, reason: error.localizedDescription)
        }
        try? manager.removeItem(at: retired)
        return result
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
