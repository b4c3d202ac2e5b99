import Foundation

/// The GNU build ID of the running executable (what `readelf -n` prints as "Build ID"): the
/// linker's hash of the linked program, so it differs between any two builds of different code.
/// A render puts it into the digests of what a page is made from (`OutputDigest`,
/// `PromptPageKeys`, `CardPageKey`), so that pages a newer Hatchery would make differently are
/// made again after an upgrade, without anyone having to bump a version by hand.
enum ExecutableBuildID {
    /// Hex; where the executable has no build ID (or is not ELF), a random value per process,
    /// so that such a build never takes a page as current by its inputs alone.
    static let current: String =
        read(path: "/proc/self/exe").map(SHA256Digest.hexString) ?? "random-\(UUID().uuidString)"

    /// The build ID in the ELF file at `path`, read from its program headers' notes; nil when
    /// there is none or the file is not a 64-bit little-endian ELF file.
    static func read(path: String) -> [UInt8]? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
            // Foundation traps on an offset past `off_t`'s range.
            guard offset <= UInt64(Int64.max), (try? file.seek(toOffset: offset)) != nil,
                let data = try? file.read(upToCount: count), data.count == count
            else { return nil }
            return Array(data)
        }
        // ELF magic, 64-bit class, little-endian data.
        guard let header = bytes(at: 0, count: 64), header[0..<6] == [0x7F, 0x45, 0x4C, 0x46, 2, 1] else { return nil }
        let programHeaders = header.load(UInt64.self, at: 32)
        let entrySize = Int(header.load(UInt16.self, at: 54))
        let entries = Int(header.load(UInt16.self, at: 56))
        guard entrySize >= 56, entrySize * entries <= 1 << 16,
            let table = bytes(at: programHeaders, count: entrySize * entries)
        else { return nil }
        for index in 0..<entries {
            let entry = index * entrySize
            // PT_NOTE; a note segment is a few dozen bytes, more is not one.
            guard table.load(UInt32.self, at: entry) == 4 else { continue }
            let size = table.load(UInt64.self, at: entry + 32)
            guard size <= 1 << 16, let notes = bytes(at: table.load(UInt64.self, at: entry + 8), count: Int(size)),
                let id = buildID(inNotes: notes)
            else { continue }
            return id
        }
        return nil
    }
    /// The descriptor of the note of type `NT_GNU_BUILD_ID` (3) named "GNU" in `notes`.
    private static func buildID(inNotes notes: [UInt8]) -> [UInt8]? {
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.load(UInt32.self, at: offset))
            let descriptorSize = Int(notes.load(UInt32.self, at: offset + 4))
            let type = notes.load(UInt32.self, at: offset + 8)
            let name = offset + 12
            let descriptor = name + (nameSize + 3) & ~3
            guard nameSize <= notes.count, descriptorSize <= notes.count, descriptor + descriptorSize <= notes.count
            else { return nil }
            if type == 3, notes[name..<name + nameSize].elementsEqual("GNU\0".utf8), descriptorSize > 0 {
                return Array(notes[descriptor..<descriptor + descriptorSize])
            }
            offset = descriptor + (descriptorSize + 3) & ~3
        }
        return nil
    }

}

extension [UInt8] {
    /// The little-endian integer at `offset`; zero where it would run past the end.
    fileprivate func load<Integer: FixedWidthInteger>(_: Integer.Type, at offset: Int) -> Integer {
        let size = MemoryLayout<Integer>.size
        guard offset >= 0, offset <= count - size else { return 0 }
        var value: Integer = 0
        for index in (0..<size).reversed() { value = value << 8 | Integer(self[offset + index]) }
        return value
    }
}
