import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// Files libpng reads without complaint but Hatchery must not take, told apart from damaged
/// ones: a refusal is for what an intact file declares, so fetching it again cannot help.
@Suite struct PNGRefusalTests {
    let reader = PNGReader()
    let picture = RGBImage(width: 32, height: 32, fill: (200, 40, 90))

    @Test func aPaletteIndexPastThePLTEIsRefused() throws {
        // Like the PNG suite's basn3p04 with its PLTE cut to one entry: the pixels use 1…15.
        let data = try HostileOutput.paletteOverflow.file(for: picture)
        let chunks = try PNGChunk.chunks(of: data)
        #expect(chunks.first { $0.type == "IHDR" }?.body[8...9] == [4, 3])
        #expect(chunks.first { $0.type == "PLTE" }?.body.count == 3)
        // The header alone is fine: only reading the pixels finds it.
        #expect(try reader.facts(of: data, verifyingPixels: false).colorType == 3)
        #expect {
            try reader.facts(of: data)
        } throws: { error in
            guard let error = error as? PNGError, case .invalidPaletteIndex(let index, _, let entries) = error else {
                return false
            }
            return index >= 1 && entries == 1 && error.isRefusal
                && (error.errorDescription ?? "").contains("PLTE chunk has 1 entry")
        }
        // Reading its text chunks decodes it too.
        #expect(throws: PNGError.self) { try reader.texts(in: data) }
    }

    @Test func anInterlacedPaletteImageIsCheckedInEveryPass() throws {
        // 8-bit, Adam7: a valid file with its PLTE then cut to one entry (and its tRNS dropped).
        let valid = try HostileOutput.staleProvenance.file(
            for: picture,
            variant: PNGVariant(.palette, 8, interlaced: true)
        )
        #expect(try reader.facts(of: valid).interlaced)
        let cut = PNGChunk.file(
            of: try PNGChunk.chunks(of: valid).compactMap { chunk in
                switch chunk.type {
                case "PLTE": PNGChunk(type: "PLTE", body: Array(chunk.body.prefix(3)))
                case "tRNS": nil
                default: chunk
                }
            }
        )
        #expect {
            try reader.facts(of: cut)
        } throws: { error in
            guard case .invalidPaletteIndex(_, _, 1) = error as? PNGError else { return false }
            return true
        }
    }

    @Test func damageIsNotARefusalEvenInAFileThatWouldBeRefused() throws {
        // Cut before IEND: the bad index is in the first row, but the file is not whole, so
        // another copy may be the one the provider meant.
        let palette = try HostileOutput.paletteOverflow.file(for: picture)
        #expect {
            try reader.facts(of: palette.prefix(palette.count - 16))
        } throws: { error in
            guard let error = error as? PNGError, case .corrupt = error else { return false }
            return !error.isRefusal
        }
        // A 100000×100000 header whose CRC fails is damage, not a declaration.
        var giant = try HostileOutput.giantHeader.file(for: picture)
        #expect(throws: PNGError.tooLarge(width: 100_000, height: 100_000, limit: reader.maxPixels)) {
            try reader.facts(of: giant)
        }
        giant[17] ^= 0x01
        #expect {
            try reader.facts(of: giant)
        } throws: { error in
            guard let error = error as? PNGError, case .corrupt(let detail) = error else { return false }
            return !error.isRefusal && detail.contains("CRC")
        }
    }

    @Test func aStripOneRowTallIsRefusedForItsSideBeforeLibpngAllocatesTheRow() throws {
        // Found by fuzzing: 67,108,864×1 RGBA is within both the pixel and the memory limit,
        // and libpng allocated its 256 MiB row at once.
        let file = Self.header(width: 67_108_864, height: 1, bitDepth: 8, colorType: 6)
        #expect(throws: PNGError.sideTooLong(width: 67_108_864, height: 1, limit: 65_535)) {
            try reader.inspect(file, verifyingPixels: true)
        }
        #expect(PNGError.sideTooLong(width: 1, height: 70_000, limit: 65_535).isRefusal)
        #expect(throws: PNGError.sideTooLong(width: 1, height: 70_000, limit: 65_535)) {
            try reader.facts(of: Self.header(width: 1, height: 70_000, bitDepth: 8, colorType: 2))
        }
        // The longest side accepted still reads (and fails later, on its missing rows).
        #expect {
            try reader.facts(of: Self.header(width: 65_535, height: 1, bitDepth: 8, colorType: 2))
        } throws: { error in
            guard let error = error as? PNGError, case .corrupt = error else { return false }
            return true
        }
    }

    @Test(
        "an intact header that declares no PNG image is refused, not fetched again as damage",
        arguments: [
            (0, 36, 8, 2, "a side of 0 pixels"), (64, 0, 8, 2, "a side of 0 pixels"),
            (64, 36, 3, 2, "bit depth"), (64, 36, 16, 3, "bit depth"), (64, 36, 8, 5, "color type"),
            (0x8000_0000, 1, 1, 0, "2^31-1"),
        ] as [(UInt32, UInt32, UInt8, UInt8, String)]
    )
    func anInvalidHeaderIsARefusal(width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8, field: String) {
        // libpng says "Invalid IHDR data" for each; every copy of such a file says the same.
        let file = Self.header(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
        #expect {
            try reader.facts(of: file)
        } throws: { error in
            guard let error = error as? PNGError, case .invalidHeader(let detail) = error else { return false }
            return detail.contains(field) && error.isRefusal
                && (error.errorDescription ?? "").hasPrefix("The PNG is invalid: its header is intact, but ")
        }
        // The same header with its CRC broken is damage, as before.
        var damaged = file
        damaged[29] ^= 0x01
        #expect {
            try reader.facts(of: damaged)
        } throws: { error in
            guard let error = error as? PNGError, case .corrupt = error else { return false }
            return !error.isRefusal
        }
    }

    /// An intact IHDR, one IDAT holding a single zero byte, and IEND.
    static func header(width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8) -> Data {
        var ihdr: [UInt8] = []
        for side in [width, height] { ihdr += withUnsafeBytes(of: side.bigEndian, Array.init) }
        ihdr += [bitDepth, colorType, 0, 0, 0]
        return PNGChunk.file(of: [
            PNGChunk(type: "IHDR", body: ihdr),
            PNGChunk(type: "IDAT", body: [0x78, 0x01, 0x01, 0x01, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x01]),
            PNGChunk(type: "IEND", body: []),
        ])
    }

    @Test func aSmallFileThatDecodesToHundredsOfMegabytesIsRefusedFromItsHeader() throws {
        let bomb = try HostileOutput.memoryBomb.file(for: picture)
        #expect(bomb.count < 1_000_000)
        let error = #expect(throws: PNGError.self) { try reader.inspect(bomb) }
        #expect(error == .tooMuchMemory(width: 8000, height: 8000, bytes: 384_000_000, limit: 256 * 1024 * 1024))
        #expect(error?.isRefusal == true)
        #expect(error?.errorDescription?.contains("8000×8000") == true)
    }

    @Test func aChunkClaimingMoreThanTheFileHoldsIsDamageNotAnAllocation() throws {
        // Found by fuzzing: a 177-byte file whose text chunk claims 256 MiB made libpng allocate
        // that much before finding the file short. It is damage (fetched again), said at once.
        let file = try #require(
            FileManager.default.contents(
                atPath: Fixtures.templates.deletingLastPathComponent()
                    .appendingPathComponent("Fuzz/crashes/png/oom-text-chunk-claims-256-mib").path
            )
        )
        #expect(file.count == 177)
        let error = #expect(throws: PNGError.self) { try reader.inspect(file) }
        guard case .corrupt(let detail) = error else {
            Issue.record("expected damage, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("claims more bytes than the file holds") && error?.isRefusal == false)
        // A file cut inside its last chunk is the same damage, whatever chunk it is.
        let whole = try Fixtures.png(width: 64, height: 64)
        for cut in [whole.count - 13, whole.count - 20, 45] {
            #expect(throws: PNGError.self) { try reader.facts(of: whole.prefix(cut)) }
        }
    }

    @Test func aLargeImageIsVerifiedOneRowAtATime() throws {
        // Allowed to decode it all, the reader still holds one row (48,000 bytes) and libpng's
        // own buffers, never the 384 MB image: every row is read and checked, then dropped.
        let bomb = try HostileOutput.memoryBomb.file(for: picture)
        let inspection = try PNGReader(maxDecodedBytes: 1 << 30).inspect(bomb)
        #expect(inspection.facts == PNGFacts(width: 8000, height: 8000, bitDepth: 16, colorType: 2))
        #expect(inspection.peakBytes >= 8000 * 6 && inspection.peakBytes < 1 << 20)
    }

    @Test func everyPaletteDepthWithinItsPLTEIsStillAccepted() throws {
        for variant in PNGVariant.all {
            let data = try HostileOutput.staleProvenance.file(for: picture, variant: variant)
            let facts = try reader.facts(of: data)
            #expect(facts.bitDepth == variant.bitDepth && facts.colorType == variant.colorType.rawValue, "\(variant)")
        }
    }

    @Test func theTextChunksComeBackInFileOrderZTXtDecompressed() throws {
        let data = try HostileOutput.staleProvenance.file(for: picture)
        let texts = try reader.texts(in: data)
        #expect(texts.map(\.key) == ["hatchery:note", "hatchery:provenance", "Description", "hatchery:provenance"])
        #expect(texts[1].value == #"{"stale":"zTXt"}"# && texts[3].value == HostileOutput.staleProvenanceText)
        #expect(try reader.text(named: "hatchery:provenance", in: data) == #"{"stale":"zTXt"}"#)
    }
}
