import Foundation

/// A digest of a folder's files as `ls -lR` would tell them apart: every path, size, mode and
/// modification time, in path order. Editing, adding, removing or replacing any file changes
/// it; reading none of their bytes, and hashing as it walks, keeps it fast and its memory flat
/// for tens of thousands of files.
enum SiteDigest {
    struct Result: Equatable {
        var digest: String
        var files: Int
    }

    /// nil when `folder` does not exist.
    static func compute(_ folder: URL) -> Result? {
        let hasher = SHA256Hasher()
        var files = 0
        var line = [UInt8]()
        line.reserveCapacity(512)
        guard walk(Array(folder.path.utf8), relative: [], hasher: hasher, files: &files, line: &line) else {
            return nil
        }
        return Result(digest: hasher.finish(), files: files)
    }

    /// Visits `path`'s entries in byte order of their names, folders as they come.
    private static func walk(
        _ path: [UInt8],
        relative: [UInt8],
        hasher: SHA256Hasher,
        files: inout Int,
        line: inout [UInt8]
    ) -> Bool {
        guard let directory = opendir(String(decoding: path, as: UTF8.self)) else { return false }
        var entries: [(name: [UInt8], info: stat)] = []
        while let entry = readdir(directory) {
            var info = stat()
            // fstatat on the open folder: no full path to build per file.
            let found = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8]? in
                let name = Array(raw.prefix { $0 != 0 })
                guard name != [46], name != [46, 46] else { return nil }
                let status = raw.withMemoryRebound(to: CChar.self) {
                    fstatat(dirfd(directory), $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW)
                }
                return status == 0 ? name : nil
            }
            if let found { entries.append((found, info)) }
        }
        closedir(directory)
        entries.sort { left, right in
            left.name.withUnsafeBufferPointer { a in
                right.name.withUnsafeBufferPointer { b in
                    let common = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                    return common != 0 ? common < 0 : a.count < b.count
                }
            }
        }
        for (name, info) in entries {
            let child = relative.isEmpty ? name : relative + [47] + name
            if info.st_mode & S_IFMT == S_IFDIR {
                _ = walk(path + [47] + name, relative: child, hasher: hasher, files: &files, line: &line)
                continue
            }
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: child)
            for number in [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_mode)] {
                line.append(0)
                appendDecimal(number, to: &line)
            }
            line.append(10)
            hasher.update(line)
            files += 1
        }
        return true
    }

    private static func appendDecimal(_ value: Int, to line: inout [UInt8]) {
        var value = value
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(48 + value % 10))
            value /= 10
        } while value > 0
        line.append(contentsOf: digits.reversed())
    }
}
