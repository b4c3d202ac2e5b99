import Foundation

/// Writes the site's files, each only when its bytes change, and removes what a build no
/// longer produces, so that an unchanged build touches nothing.
struct SiteWriter {
    let root: URL
    private(set) var written: Set<String> = []
    private(set) var changed = 0
    private(set) var unchanged = 0

    init(root: URL) {
        self.root = root
    }

    mutating func write(_ data: Data, to relativePath: String) throws(RenderError) {
        try produce(relativePath, isCurrent: { (try? Data(contentsOf: $0)) == data }, make: { data })
    }

    /// Writes what `make` returns unless the file exists: for files whose names cover their
    /// content, so an existing one is already right and `make` need not run.
    mutating func ensure(_ relativePath: String, make: () throws(RenderError) -> Data) throws(RenderError) {
        try produce(relativePath, isCurrent: { FileManager.default.fileExists(atPath: $0.path) }, make: make)
    }

    /// Counts the file as unchanged when `isCurrent` says so; otherwise writes `make()` atomically.
    private mutating func produce(
        _ relativePath: String,
        isCurrent: (URL) -> Bool,
        make: () throws(RenderError) -> Data
    ) throws(RenderError) {
        written.insert(relativePath)
        let target = root.appendingPathComponent(relativePath)
        if isCurrent(target) {
            unchanged += 1
            return
        }
        let data = try make()
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try data.write(to: target, options: .atomic)
        } catch {
            throw .write(path: target.path, reason: ErrorReason.of(error))
        }
        changed += 1
    }

    /// Copies `source` unless a file of the same size is there (names carry content hashes).
    mutating func copy(_ source: URL, to relativePath: String) throws(RenderError) {
        written.insert(relativePath)
        let target = root.appendingPathComponent(relativePath)
        let manager = FileManager.default
        let sourceSize = (try? manager.attributesOfItem(atPath: source.path)[.size] as? Int) ?? nil
        let targetSize = (try? manager.attributesOfItem(atPath: target.path)[.size] as? Int) ?? nil
        if let sourceSize, sourceSize == targetSize {
            unchanged += 1
            return
        }
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.copyItem(at: source, to: target)
        } catch {
            throw .write(path: target.path, reason: ErrorReason.of(error))
        }
        changed += 1
    }

    /// Deletes files under `root` this build did not write, then empty folders. Returns how many.
    func removeStale() -> Int {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return 0
        }
        var removed = 0
        var folders: [URL] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                folders.append(url)
            } else if !written.contains(relative), (try? manager.removeItem(at: url)) != nil {
                removed += 1
            }
        }
        for folder in folders.reversed() where (try? manager.contentsOfDirectory(atPath: folder.path).isEmpty) == true {
            try? manager.removeItem(at: folder)
        }
        return removed
    }
}
