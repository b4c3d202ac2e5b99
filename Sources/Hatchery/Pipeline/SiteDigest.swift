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
        let found = FolderScan.walk(folder) { relative, info in
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: relative)
            for number in [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_mode)] {
                line.append(0)
                appendDecimal(number, to: &line)
            }
            line.append(10)
            hasher.update(line)
            files += 1
        }
        return found ? Result(digest: hasher.finish(), files: files) : nil
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
