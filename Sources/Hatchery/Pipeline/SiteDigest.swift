import Foundation

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

    /// nil when `folder` does not exist.
    static func compute(_ folder: URL) -> Result? {
        guard
            let split = FolderScan.splitTopLevel(
                folder,
                { path, name in
                    var lines = Lines()
                    _ = FolderScan.walk(path, relative: name, sorted: true) { lines.add($0, FileState($1)) }
                    return lines.finish()
                }
            )
        else { return nil }
        return combine(files: split.files.map { ($0.name, FileState($0.info)) }, folders: split.folders)
    }

    /// The digest of a folder holding exactly `states` (by path relative to it, `/` between
    /// components).
    static func compute(states: some Sequence<(key: String, value: FileState)>) -> Result {
        // Byte order with `/` as the lowest byte is the order a walk meets files in: a folder's
        // files where the folder's name sorts among its siblings. The keys sit in one buffer and
        // are compared with memcmp: tens of thousands of paths.
        var keys: [UInt8] = []
        var spans: [(start: Int, count: Int, state: FileState)] = []
        spans.reserveCapacity(states.underestimatedCount)
        for (path, state) in states {
            let start = keys.count
            keys.append(contentsOf: path.utf8.lazy.map { $0 == 47 ? 0 : $0 })
            spans.append((start, keys.count - start, state))
        }
        keys.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            spans.sort { a, b in
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        func path(_ span: (start: Int, count: Int, state: FileState)) -> [UInt8] {
            keys[span.start..<span.start + span.count].map { $0 == 0 ? 47 : $0 }
        }
        var files: [([UInt8], FileState)] = []
        var folders: [(name: [UInt8], value: Result)] = []
        var index = spans.startIndex
        while index < spans.endIndex {
            let first = path(spans[index])
            guard let slash = first.firstIndex(of: 47) else {
                files.append((first, spans[index].state))
                index += 1
                continue
            }
            let prefix = Array(first[...slash])
            var lines = Lines()
            while index < spans.endIndex {
                let next = path(spans[index])
                guard next.starts(with: prefix) else { break }
                lines.add(next, spans[index].state)
                index += 1
            }
            folders.append((Array(first[..<slash]), lines.finish()))
        }
        return combine(files: files, folders: folders)
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

        mutating func add(_ relative: [UInt8], _ state: FileState) {
            add(relative, [Int(state.size), Int(state.modified)])
            files += 1
        }

        /// A folder by its digest and count.
        mutating func add(_ name: [UInt8], _ folder: Result) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: name)
            line.append(47)
            line.append(0)
            line.append(contentsOf: folder.digest.utf8)
            appendNumbers([folder.files])
            hasher.update(line)
        }

        private mutating func add(_ relative: [UInt8], _ numbers: [Int]) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: relative)
            appendNumbers(numbers)
            hasher.update(line)
        }

        private mutating func appendNumbers(_ numbers: [Int]) {
            for number in numbers {
                line.append(0)
                line.append(contentsOf: String(number).utf8)
            }
            line.append(10)
        }

        func finish() -> Result {
            Result(digest: hasher.finish(), files: files)
        }
    }
}
