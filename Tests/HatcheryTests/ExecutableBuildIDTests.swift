import Foundation
import Testing

@testable import Hatchery

/// Pages skipped by the digests of their inputs are made again by a Hatchery built from other
/// code: those digests hold the executable's build ID, read from its ELF notes.
@Suite struct ExecutableBuildIDTests {
    /// A 64-bit little-endian ELF file with one note segment holding `notes`.
    static func elf(notes: [UInt8], entries: UInt16 = 1) -> [UInt8] {
        func le<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
            withUnsafeBytes(of: value.littleEndian) { Array($0) }
        }
        var header: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 25)
        header += le(UInt64(64))  // program headers
        header += [UInt8](repeating: 0, count: 14)
        header += le(UInt16(56)) + le(entries)
        header += [UInt8](repeating: 0, count: 64 - header.count)
        var program = le(UInt32(4)) + le(UInt32(4)) + le(UInt64(120)) + le(UInt64(0)) + le(UInt64(0))
        program += le(UInt64(notes.count)) + le(UInt64(notes.count)) + le(UInt64(4))
        return header + program + notes
    }

    static func note(type: UInt32 = 3, name: [UInt8] = Array("GNU\0".utf8), descriptor: [UInt8]) -> [UInt8] {
        func le(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4) }
        return le(UInt32(name.count)) + le(UInt32(descriptor.count)) + le(type) + padded(name) + padded(descriptor)
    }

    static func read(_ bytes: [UInt8]) throws -> [UInt8]? {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let file = folder.url.appendingPathComponent("program")
        try Data(bytes).write(to: file)
        return ExecutableBuildID.read(path: file.path)
    }

    @Test func theRunningExecutableHasOne() {
        let id = ExecutableBuildID.read(path: "/proc/self/exe")
        #expect((id?.count ?? 0) >= 8)
        #expect(ExecutableBuildID.current == id.map(SHA256Digest.hexString))
    }

    @Test func itIsTheGNUNoteOfTypeThree() throws {
        let id: [UInt8] = [1, 2, 3, 4, 5]
        #expect(try Self.read(Self.elf(notes: Self.note(descriptor: id))) == id)
        // After another note, and not in one of another type or owner.
        let other = Self.note(type: 1, descriptor: [9, 9, 9, 9])
        #expect(try Self.read(Self.elf(notes: other + Self.note(descriptor: id))) == id)
        #expect(try Self.read(Self.elf(notes: Self.note(type: 4, descriptor: id))) == nil)
        #expect(try Self.read(Self.elf(notes: Self.note(name: Array("GNV\0".utf8), descriptor: id))) == nil)
    }

    @Test func whatIsNotAnELFFileWithABuildIDHasNone() throws {
        let good = Self.elf(notes: Self.note(descriptor: [1, 2, 3, 4]))
        #expect(try Self.read([]) == nil)
        #expect(try Self.read(Array("#!/bin/sh\necho hi\n".utf8)) == nil)
        #expect(ExecutableBuildID.read(path: "/nonexistent/hatchery") == nil)
        // Cut anywhere, a 32-bit class, sizes that run past the end: none, and no crash.
        for length in [4, 63, 64, 100, 119, 125, good.count - 1] {
            #expect(try Self.read(Array(good.prefix(length))) == nil, "\(length)")
        }
        var narrow = good
        narrow[4] = 1
        #expect(try Self.read(narrow) == nil)
        var huge = good
        huge[120..<124] = [0xFF, 0xFF, 0xFF, 0x7F]
        #expect(try Self.read(huge) == nil)
        #expect(try Self.read(Self.elf(notes: Self.note(descriptor: [1]), entries: 0xFFFF)) == nil)
        var seed = SeededGenerator(seed: 13)
        for _ in 0..<300 {
            var bytes = good
            for _ in 0..<3 {
                bytes[Int.random(in: 0..<bytes.count, using: &seed)] = UInt8.random(in: 0...255, using: &seed)
            }
            _ = try Self.read(bytes)
        }
    }
}
