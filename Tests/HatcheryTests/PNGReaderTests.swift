import Foundation
import Testing

@testable import Hatchery

@Suite struct PNGReaderTests {
    let reader = PNGReader()

    @Test func readsHeaderFactsOfAGoodFile() throws {
        let facts = try reader.facts(of: Fixtures.png(width: 40, height: 24))
        #expect(facts == PNGFacts(width: 40, height: 24, bitDepth: 8, colorType: 2))
        #expect(facts.colorTypeName == "RGB")
    }

    @Test func readsAStoredFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let file = directory.url.appendingPathComponent("a.png")
        try Fixtures.png(width: 7, height: 5).write(to: file)
        #expect(try reader.facts(ofFileAt: file).width == 7)
    }

    @Test func rejectsATruncatedFile() throws {
        let data = try Fixtures.png(width: 64, height: 64)
        for cut in [data.count - 20, data.count / 2, 40, 20] {
            #expect(throws: PNGError.self) { try reader.facts(of: data.prefix(cut)) }
        }
    }

    @Test func rejectsAWrongCRC() throws {
        var data = try Fixtures.png()
        // IHDR's CRC sits at bytes 29...32.
        data[30] ^= 0xFF
        #expect {
            try reader.facts(of: data)
        } throws: { error in
            guard case .corrupt(let detail) = error as? PNGError else { return false }
            return detail.lowercased().contains("crc")
        }
    }

    @Test func rejectsADamagedPixelChunk() throws {
        var data = try Fixtures.png(width: 64, height: 64)
        // Flip a byte inside IDAT's compressed data: the header still reads, the pixels do not.
        let idat = data.firstRange(of: Data("IDAT".utf8))!
        data[idat.upperBound + 10] ^= 0x5A
        #expect(throws: PNGError.self) { try reader.facts(of: data, verifyingPixels: true) }
        #expect(try reader.facts(of: data, verifyingPixels: false).width == 64)
    }

    @Test(
        "rejects what is not a PNG",
        arguments: [Data(), Data("GIF89a, not a png at all".utf8), Data([0x89, 0x50, 0x4E])]
    )
    func rejectsNonPNG(data: Data) {
        #expect(throws: PNGError.self) { try reader.facts(of: data) }
    }

    @Test func rejectsAbsurdDimensionsBeforeAllocating() throws {
        // A valid header claiming 100000 × 100000 pixels, with a correct CRC.
        var ihdr = Data("IHDR".utf8)
        for value in [UInt32(100_000), UInt32(100_000)] {
            withUnsafeBytes(of: value.bigEndian) { ihdr.append(contentsOf: $0) }
        }
        ihdr.append(contentsOf: [8, 2, 0, 0, 0])
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data.append(ihdr)
        withUnsafeBytes(of: CRC32.checksum(ihdr).bigEndian) { data.append(contentsOf: $0) }
        #expect(throws: PNGError.tooLarge(width: 100_000, height: 100_000, limit: reader.maxPixels)) {
            try reader.facts(of: data)
        }
    }

    @Test func encoderWritesTextChunksLibpngCanRead() throws {
        let data = try PNGEncoder().encode(RGBImage(width: 4, height: 4), text: [("prompt", "a fox — ünïcode")])
        #expect(try reader.facts(of: data).width == 4)
        #expect(data.firstRange(of: Data("iTXt".utf8)) != nil)
    }
}
