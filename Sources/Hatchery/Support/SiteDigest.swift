import Foundation
import Synchronization

/// A digest of a folder's files as `ls -lR` would tell them apart: every path, size and
/// modification time, in path order. Editing, adding, removing or replacing any file changes
/// it; reading none of their bytes, and hashing as it walks, keeps it fast and its memory flat
/// for tens of thousands of files. Each top-level folder is hashed on its own (on every core)
/// and stands in the whole by its name, digest and file count; a folder with no file is left
/// out, as a walk of files meets nothing there.
///
/// A build stamps its site from the states its render recorded (`compute(states:)`), which
/// gives what a walk of the site just after would (`compute(_:)`), without the walk.
enum SiteDigest {
    struct Result: Equatable, Sendable {
        var digest: String
        var files: Int
    }

    /// A folder's digest with the digests of the top-level folders it combines.
    struct Walk: Sendable {
        var result: Result
        /// Each top-level folder's digest and file count, by name; nil when a name is not UTF-8.
        var folders: [String: Result]?
    }

    /// nil when `folder` does not exist.
    static func compute(_ folder: URL) -> Result? {
        walk(folder)?.result
    }

    /// `compute(_:)` with the digest of each top-level folder, which a build reuses for the
    /// folders its render left alone (see `compute(states:reusing:)`). nil when `folder` does
    /// not exist.
    static func walk(_ folder: URL) -> Walk? {
        guard
            let split = FolderScan.splitTopLevel(
                folder,
                { path, name in
                    var lines = Lines()
                    _ = FolderScan.walk(path, relative: name, sorted: true) { lines.add($0, $1) }
                    return lines.finish()
                }
            )
        else { return nil }
        var folders: [String: Result]? = [:]
        for (name, result) in split.folders {
            guard let text = String(validating: name, as: UTF8.self) else {
                folders = nil
                break
            }
            folders?[text] = result
        }
        return Walk(
            result: combine(files: split.files.map { ($0.name, $0.state) }, folders: split.folders),
            folders: folders
        )
    }

    /// The digest of a folder holding exactly `states` (by path relative to it, `/` between
    /// components) and, for each top-level folder named in `reusing`, the files whose digest
    /// and count it gives (no path of `states` may lie in one). Each other top-level folder's
    /// files are sorted and hashed on their own, on every core, as the walk does.
    static func compute(
        states: some Sequence<(key: String, value: FileState)>,
        reusing known: [String: Result] = [:]
    ) -> Result {
        var top: [(name: [UInt8], state: FileState)] = []
        var byFolder: [String: [(path: String, state: FileState)]] = [:]
        for (path, state) in states {
            if let slash = path.utf8.firstIndex(of: 47) {
                byFolder[String(path[..<slash]), default: []].append((path, state))
            } else {
                top.append((Array(path.utf8), state))
            }
        }
        top.sort { $0.name.lexicographicallyPrecedes($1.name) }
        let groups = byFolder.map { (name: Array($0.key.utf8), files: $0.value) }
        let results = Mutex([Result?](repeating: nil, count: groups.count))
        DispatchQueue.concurrentPerform(iterations: groups.count) { index in
            let result = folder(groups[index].files)
            results.withLock { $0[index] = result }
        }
        let made = zip(groups, results.withLock { $0 }).compactMap { group, result in
            result.map { (name: group.name, value: $0) }
        }
        let folders = (made + known.map { (name: Array($0.key.utf8), value: $0.value) })
            .sorted { $0.name.lexicographicallyPrecedes($1.name) }
        return combine(files: top, folders: folders)
    }

    /// One top-level folder's digest from its files' states (paths relative to the site).
    private static func folder(_ files: [(path: String, state: FileState)]) -> Result {
        // Byte order with `/` as the lowest byte is the order a walk meets files in: a folder's
        // files where the folder's name sorts among its siblings. The keys sit in one buffer and
        // are compared with memcmp: tens of thousands of paths.
        var keys: [UInt8] = []
        var spans: [(start: Int, count: Int, state: FileState)] = []
        spans.reserveCapacity(files.count)
        for (path, state) in files {
            let start = keys.count
            keys.append(contentsOf: path.utf8)
            spans.append((start, keys.count - start, state))
        }
        var lines = Lines()
        keys.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices where buffer[index] == 47 { buffer[index] = 0 }
            spans.sort { a, b in
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
            for index in buffer.indices where buffer[index] == 0 { buffer[index] = 47 }
            for span in spans {
                lines.add(UnsafeBufferPointer(start: base + span.start, count: span.count), span.state)
            }
        }
        return lines.finish()
    }

    /// Top-level files and folders in one byte order of their names, as a single walk would meet them.
    private static func combine(files: [([UInt8], FileState)], folders: [(name: [UInt8], value: Result)]) -> Result {
        var top = Lines()
        var count = 0
        var folders = folders.filter { $0.value.files > 0 }[...]
        for (name, state) in files {
            while let folder = folders.first, folder.name.lexicographicallyPrecedes(name) {
                top.add(folder.name, folder.value)
                count += folder.value.files
                folders = folders.dropFirst()
            }
            top.add(name, state)
            count += 1
        }
        for folder in folders {
            top.add(folder.name, folder.value)
            count += folder.value.files
        }
        return Result(digest: top.finish().digest, files: count)
    }

    /// One line per file, hashed as they come.
    private struct Lines {
        let hasher = SHA256Hasher()
        var files = 0
        var line: [UInt8] = []

        mutating func add(_ relative: some Collection<UInt8>, _ state: FileState) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: relative)
            appendNumber(Int(state.size))
            appendNumber(Int(state.modified))
            line.append(10)
            hasher.update(line)
            files += 1
        }

        /// A folder by its digest and count.
        mutating func add(_ name: [UInt8], _ folder: Result) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: name)
            line.append(47)
            line.append(0)
            line.append(contentsOf: folder.digest.utf8)
            appendNumber(folder.files)
            line.append(10)
            hasher.update(line)
        }

        /// A NUL, then `number` in decimal as `String(number)` spells it, without making the
        /// `String`: two numbers for each of tens of thousands of files.
        private mutating func appendNumber(_ number: Int) {
            line.append(0)
            if number < 0 { line.append(45) }
            let start = line.count
            var rest = number.magnitude
            repeat {
                line.append(48 + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            line[start...].reverse()
        }

        func finish() -> Result {
            Result(digest: hasher.finish(), files: files)
        }
    }
}
