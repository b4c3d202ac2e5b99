import Foundation

/// A digest of a folder's files as `ls -lR` would tell them apart: every path, size, mode and
/// modification time, in path order. Editing, adding, removing or replacing any file changes
/// it; reading none of their bytes, and hashing as it walks, keeps it fast and its memory flat
/// for tens of thousands of files. Each top-level folder is hashed on its own (on every core)
/// and stands in the whole by its name, digest and file count.
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
                    _ = FolderScan.walk(path, relative: name, sorted: true) { lines.add($0, $1) }
                    return lines.finish()
                }
            )
        else { return nil }
        var top = Lines()
        var files = 0
        var folders = split.folders[...]
        // Files and folders in one byte order of their names, as a single walk would meet them.
        for (name, info) in split.files {
            while let folder = folders.first, folder.name.lexicographicallyPrecedes(name) {
                top.add(folder.name, folder.value)
                files += folder.value.files
                folders = folders.dropFirst()
            }
            top.add(name, info)
            files += 1
        }
        for folder in folders {
            top.add(folder.name, folder.value)
            files += folder.value.files
        }
        return Result(digest: top.finish().digest, files: files)
    }

    /// One line per file, hashed as they come.
    private struct Lines {
        let hasher = SHA256Hasher()
        var files = 0
        var line: [UInt8] = []

        mutating func add(_ relative: [UInt8], _ info: stat) {
            add(relative, [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_mode)])
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
