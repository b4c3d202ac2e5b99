import Foundation

/// What the last render recorded of each file of the site (`Store.recordedSite()`), by path
/// relative to the site root, held in a few flat arrays sorted by path: the paths front-coded,
/// each 64-hex digest as its 32 bytes, and the states. A path is found by binary search (byte
/// order, as SQLite's `ORDER BY` gives them), and each record has an index, which a render
/// marks as it claims its files.
///
/// At 10,000 prompts a site has 61,000 files, most of them web images with 90-byte names; a
/// dictionary of them, each path and digest a `String` of its own, was 15.7 MB. The paths end
/// to end were still 41 MB of 100,000 prompts' 616,000 files, though an image's files share
/// their first 72 bytes: each path is now held as what it adds to the one before it (front
/// coding), whole at every `restartInterval`th, where a search starts.
struct OutputRecords: Sendable {
    /// Per path, the bytes it adds to the path before it, one path after the other.
    private var suffixBytes: [UInt8] = []
    /// Where each path's added bytes end in `suffixBytes`.
    private var suffixEnds: [Int] = []
    /// Per path, how many of its first bytes are the path before it's (at most 255); 0 at
    /// every `restartInterval`th path, which is held whole.
    private var sharedLengths: [UInt8] = []
    /// The last path added, whole: the next is written as what it adds to it.
    private var lastPath: [UInt8] = []
    private var states: [FileState] = []
    /// Per record: its index in `hexDigests`, or `Self.named` / `Self.other`.
    private var digestSlots: [Int32] = []
    private var hexDigests: [SHA256Digest.Words] = []
    /// Digests that are neither 64 lowercase hex characters nor `OutputRecord.named`, by record.
    private var otherDigests: [Int: String] = [:]
    private var isSorted = true

    private static let named: Int32 = -1
    private static let other: Int32 = -2
    /// Every how many paths one is held whole. A look-up decodes at most this many, and an
    /// image's four or five files then mostly share a block.
    static let restartInterval = 16

    init() {}

    /// `records` in path order.
    init(_ records: [String: OutputRecord]) {
        reserve(records.count)
        for (path, record) in records { append(path, record) }
        finish()
    }

    /// Room for `count` records.
    mutating func reserve(_ count: Int) {
        suffixEnds.reserveCapacity(count)
        sharedLengths.reserveCapacity(count)
        states.reserveCapacity(count)
        digestSlots.reserveCapacity(count)
    }

    /// Adds a record; `finish()` sorts them if they did not come in path order.
    mutating func append(_ path: String, _ record: OutputRecord) {
        var path = path
        path.withUTF8 { bytes in
            if isSorted, !isEmpty {
                isSorted = lastPath.withUnsafeBufferPointer { Self.compare(bytes, $0) } > 0
            }
            var shared = 0
            if count % Self.restartInterval != 0 {
                let limit = min(bytes.count, lastPath.count, Int(UInt8.max))
                while shared < limit, bytes[shared] == lastPath[shared] { shared += 1 }
            }
            suffixBytes.append(contentsOf: bytes[shared...])
            sharedLengths.append(UInt8(shared))
            lastPath.removeAll(keepingCapacity: true)
            lastPath.append(contentsOf: bytes)
        }
        suffixEnds.append(suffixBytes.count)
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
        // Grown by doubling, as no count tells ahead how much the paths share: a table held
        // through the build keeps only what it uses.
        if suffixBytes.capacity - suffixBytes.count > suffixBytes.count / 8 {
            suffixBytes = [UInt8](unsafeUninitializedCapacity: suffixBytes.count) { buffer, initialized in
                initialized = buffer.initialize(fromContentsOf: suffixBytes)
            }
        }
        guard !isSorted else { return }
        let paths = indices.map(path(at:))
        let order = indices.sorted { paths[$0].utf8.lexicographicallyPrecedes(paths[$1].utf8) }
        var sorted = OutputRecords()
        sorted.reserve(count)
        for index in order { sorted.append(paths[index], record(at: index)) }
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

    /// The bytes the paths take as held (for tests): what they add, and how much they share.
    var heldPathBytes: Int { suffixBytes.count + sharedLengths.count }

    var count: Int { suffixEnds.count }
    var isEmpty: Bool { suffixEnds.isEmpty }
    var indices: Range<Int> { suffixEnds.indices }

    /// The index of `path`'s record, if there is one: a binary search of the paths held whole,
    /// then a walk through the block of the last one not after it.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { bytes in
            var low = 0
            var high = (count + Self.restartInterval - 1) / Self.restartInterval
            while low < high {
                let middle = (low + high) / 2
                let order = withWholePath(at: middle * Self.restartInterval) { Self.compare(bytes, $0) }
                if order == 0 { return middle * Self.restartInterval }
                if order < 0 { high = middle } else { low = middle + 1 }
            }
            guard low > 0 else { return nil }
            let start = (low - 1) * Self.restartInterval
            var found: Int?
            walk(from: start, to: min(start + Self.restartInterval, count)) { index, candidate in
                let order = Self.compare(bytes, candidate)
                if order == 0 { found = index }
                return order > 0
            }
            return found
        }
    }

    /// Calls `body` with the path at `index`, a restart, where it is held whole.
    private func withWholePath<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = index == 0 ? 0 : suffixEnds[index - 1]
        return suffixBytes.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[start..<suffixEnds[index]]))
        }
    }

    /// Gives each path from `start` (a restart) up to `end` to `body`, whole, in order, while
    /// `body` returns true.
    private func walk(from start: Int, to end: Int, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Bool) {
        var path: [UInt8] = []
        path.reserveCapacity(128)
        for index in start..<end {
            let startOfSuffix = index == 0 ? 0 : suffixEnds[index - 1]
            path.removeSubrange(Int(sharedLengths[index])...)
            path.append(contentsOf: suffixBytes[startOfSuffix..<suffixEnds[index]])
            guard path.withUnsafeBufferPointer({ body(index, $0) }) else { return }
        }
    }

    subscript(path: String) -> OutputRecord? {
        index(of: path).map(record(at:))
    }

    func path(at index: Int) -> String {
        var path = ""
        walk(from: index - index % Self.restartInterval, to: index + 1) { at, bytes in
            if at == index { path = String(decoding: bytes, as: UTF8.self) }
            return true
        }
        return path
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

    /// Byte order of two paths, as memcmp gives it: negative when `first` comes before.
    private static func compare(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Int {
        guard let one = first.baseAddress, let two = second.baseAddress, first.count > 0, second.count > 0 else {
            return first.count - second.count
        }
        let order = Int(memcmp(one, two, min(first.count, second.count)))
        return order != 0 ? order : first.count - second.count
    }
}
