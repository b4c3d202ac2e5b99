import Foundation

/// A digest of a folder's files as `ls -lR` would tell them apart: every path, size and
/// modification time. Editing, adding, removing or replacing any file changes it; reading none
/// of their bytes keeps it fast. The digest is a sum of one hash per file (`Sum`), so no order
/// is needed: a walk hashes each entry as the folder lists it, holding no listing of a folder
/// (at 100,000 prompts, `images/` holds 400,000 files), and a folder stands in the whole by
/// its own sum. Each top-level folder is walked on its own, on every core.
///
/// A build stamps its site from the states its render recorded (`compute(states:)`), which
/// gives what a walk of the site just after would (`compute(_:)`), without the walk.
enum SiteDigest {
    /// What the store records and the stamp compares.
    struct Result: Equatable, Sendable {
        /// 64 lowercase hex characters.
        var digest: String
        var files: Int
    }

    /// A folder's digest with the sums of the top-level folders it adds up.
    struct Walk: Sendable {
        var result: Result
        /// Each top-level folder's sum, by name; nil when a name is not UTF-8.
        var folders: [String: Sum]?
    }

    /// nil when `folder` does not exist.
    static func compute(_ folder: URL) -> Result? {
        walk(folder)?.result
    }

    /// `compute(_:)` with the sum of each top-level folder, which a build reuses for the
    /// folders its render left alone (see `compute(states:reusing:)`). nil when `folder` does
    /// not exist.
    static func walk(_ folder: URL) -> Walk? {
        guard
            let split = FolderScan.splitTopLevel(
                folder,
                { path, name in
                    var lines = Lines()
                    _ = FolderScan.walk(path, relative: name) { lines.add($0, $1) }
                    return lines.sum
                }
            )
        else { return nil }
        var total = Lines()
        for (name, state) in split.files { total.add(name, state) }
        var sum = total.sum
        var folders: [String: Sum]? = [:]
        for (name, folderSum) in split.folders {
            sum.add(folderSum)
            guard let text = String(validating: name, as: UTF8.self) else {
                folders = nil
                continue
            }
            folders?[text] = folderSum
        }
        return Walk(result: sum.result, folders: folders)
    }

    /// The digest of a folder holding exactly `states` (by path relative to it, `/` between
    /// components) and, for each top-level folder named in `reusing`, the files whose sum it
    /// gives (no path of `states` may lie in one).
    static func compute(
        states: some Sequence<(key: String, value: FileState)>,
        reusing known: [String: Sum] = [:]
    ) -> Result {
        var lines = Lines()
        for (path, state) in states { lines.add(path.utf8, state) }
        var sum = lines.sum
        for folder in known.values { sum.add(folder) }
        return sum.result
    }

    /// A multiset hash of files (AdHash): the SHA-256 of each file's line (its relative path,
    /// size and modification time), added as four 64-bit lanes, wrapping. The same files give
    /// the same sum in any order, and a folder's sum added to its siblings' is the whole's.
    struct Sum: Equatable, Sendable {
        var lanes = SIMD4<UInt64>()
        var files = 0

        mutating func add(_ other: Sum) {
            lanes &+= other.lanes
            files += other.files
        }

        var result: Result {
            Result(digest: SHA256Digest.hexString(words: lanes), files: files)
        }
    }

    /// Hashes one line per file into a `Sum`, with one libcrypto context and one line buffer
    /// for all of them.
    private struct Lines {
        let hasher = SHA256Hasher()
        var line: [UInt8] = []
        var sum = Sum()

        mutating func add(_ relative: some Collection<UInt8>, _ state: FileState) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: relative)
            appendNumber(Int(state.size))
            appendNumber(Int(state.modified))
            line.append(10)
            sum.lanes &+= hasher.digest(of: line)
            sum.files += 1
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
    }
}
