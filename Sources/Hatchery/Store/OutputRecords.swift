import Foundation

/// What the last render recorded of each file of the site (`Store.recordedSite()`), by path
/// relative to the site root, held in a few flat arrays sorted by path: the paths' bytes end to
/// end, each 64-hex digest as its 32 bytes, and the states. At 10,000 prompts a site has 61,000
/// files, most of them web images with 90-byte names; a dictionary of them, each path and
/// digest a `String` of its own, was 15.7 MB, the largest table a rebuild holds. A path is
/// found by binary search (byte order, as SQLite's `ORDER BY` gives them), and each record
/// has an index, which a render marks as it claims its files.
struct OutputRecords: Sendable {
    /// Every path's UTF-8, in path order, one after the other.
    private var pathBytes: [UInt8] = []
    /// Where each path ends in `pathBytes`.
    private var pathEnds: [Int] = []
    private var states: [FileState] = []
    /// Per record: its index in `hexDigests`, or `Self.named` / `Self.other`.
    private var digestSlots: [Int32] = []
    private var hexDigests: [SHA256Digest.Words] = []
    /// Digests that are neither 64 lowercase hex characters nor `OutputRecord.named`, by record.
    private var otherDigests: [Int: String] = [:]
    private var isSorted = true

    private static let named: Int32 = -1
    private static let other: Int32 = -2

    init() {}

    /// `records` in path order.
    init(_ records: [String: OutputRecord]) {
        reserve(records.count, pathBytes: records.keys.reduce(0) { $0 + $1.utf8.count })
        for (path, record) in records { append(path, record) }
        finish()
    }

    /// Room for `count` records whose paths are `pathBytes` long in all.
    mutating func reserve(_ count: Int, pathBytes bytes: Int) {
        pathBytes.reserveCapacity(bytes)
        pathEnds.reserveCapacity(count)
        states.reserveCapacity(count)
        digestSlots.reserveCapacity(count)
    }

    /// Adds a record; `finish()` sorts them if they did not come in path order.
    mutating func append(_ path: String, _ record: OutputRecord) {
        var path = path
        path.withUTF8 { bytes in
            if isSorted, let last = pathEnds.indices.last {
                isSorted = compare(bytes, toPathAt: last) > 0
            }
            pathBytes.append(contentsOf: bytes)
        }
        pathEnds.append(pathBytes.count)
        states.append(record.state)
        if record.digest == OutputRecord.named {
            digestSlots.append(Self.named)
        } else if let words = SHA256Digest.words(hex: record.digest) {
            digestSlots.append(Int32(hexDigests.count))
            hexDigests.append(words)
        } else {
            otherDigests[digestSlots.count] = record.digest
            digestSlots.append(Self.other)
        }
    }

    /// Puts the records in path order when they were not added in it.
    mutating func finish() {
        guard !isSorted else { return }
        let order = indices.sorted { compare(pathAt: $0, pathAt: $1) < 0 }
        var sorted = OutputRecords()
        sorted.reserve(count, pathBytes: pathBytes.count)
        for index in order { sorted.append(path(at: index), record(at: index)) }
        self = sorted
    }

    /// Whether `path` names a file inside the site folder: relative, with no empty, `.` or `..`
    /// component and no NUL.
    static func isInsideSite(_ path: String) -> Bool {
        // By bytes: as characters, `/` followed by a combining mark is one character, not a
        // separator, and `../\u{301}x` would pass as one name.
        !path.isEmpty && !path.utf8.contains(0)
            && path.utf8.split(separator: 47, omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && !$0.elementsEqual([46]) && !$0.elementsEqual([46, 46])
            }
    }

    var count: Int { pathEnds.count }
    var isEmpty: Bool { pathEnds.isEmpty }
    var indices: Range<Int> { pathEnds.indices }

    /// The index of `path`'s record, if there is one.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { bytes in
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                let order = compare(bytes, toPathAt: middle)
                if order == 0 { return middle }
                if order < 0 { high = middle } else { low = middle + 1 }
            }
            return nil
        }
    }

    subscript(path: String) -> OutputRecord? {
        index(of: path).map(record(at:))
    }

    func path(at index: Int) -> String {
        let start = index == 0 ? 0 : pathEnds[index - 1]
        return String(decoding: pathBytes[start..<pathEnds[index]], as: UTF8.self)
    }

    func state(at index: Int) -> FileState { states[index] }

    func record(at index: Int) -> OutputRecord {
        OutputRecord(digest: digest(at: index), state: states[index])
    }

    /// Whether the record at `index` has `digest`, without spelling the recorded one.
    func hasDigest(_ digest: String, at index: Int) -> Bool {
        switch digestSlots[index] {
        case Self.named: digest == OutputRecord.named
        case Self.other: otherDigests[index] == digest
        case let slot: SHA256Digest.words(hex: digest) == hexDigests[Int(slot)]
        }
    }

    /// Every record, as a table by path (for tests and the public API).
    var dictionary: [String: OutputRecord] {
        var records = [String: OutputRecord](minimumCapacity: count)
        for index in indices { records[path(at: index)] = record(at: index) }
        return records
    }

    private func digest(at index: Int) -> String {
        switch digestSlots[index] {
        case Self.named: OutputRecord.named
        case Self.other: otherDigests[index] ?? ""
        case let slot: SHA256Digest.hexString(words: hexDigests[Int(slot)])
        }
    }

    /// Byte order of `bytes` against the path at `index`, as memcmp gives it.
    private func compare(_ bytes: UnsafeBufferPointer<UInt8>, toPathAt index: Int) -> Int {
        let start = index == 0 ? 0 : pathEnds[index - 1]
        let length = pathEnds[index] - start
        return pathBytes.withUnsafeBufferPointer { all in
            guard let first = bytes.baseAddress, let base = all.baseAddress, bytes.count > 0, length > 0 else {
                return bytes.count - length
            }
            let order = Int(memcmp(first, base + start, min(bytes.count, length)))
            return order != 0 ? order : bytes.count - length
        }
    }

    private func compare(pathAt first: Int, pathAt second: Int) -> Int {
        let start = first == 0 ? 0 : pathEnds[first - 1]
        return pathBytes.withUnsafeBufferPointer { all in
            compare(UnsafeBufferPointer(rebasing: all[start..<pathEnds[first]]), toPathAt: second)
        }
    }
}
