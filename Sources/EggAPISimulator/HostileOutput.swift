import Foundation
import Hatchery
import PNGShim

/// A PNG served in place of a task's picture, to test what a reader accepts. Each is a file
/// libpng reads without complaint, at least as far as its header.
public enum HostileOutput: String, Sendable, CaseIterable {
    /// The picture, carrying Hatchery's own text chunks from an earlier life (as an earlier
    /// output sent back as an edit input returns): `hatchery:provenance` as zTXt before the
    /// pixels and as iTXt after them, `hatchery:note` as tEXt, and a stale `Description`.
    case staleProvenance = "stale-provenance"
    /// An intact IHDR declaring 100000×100000 RGB pixels, then a few bytes of image data.
    case giantHeader = "giant-header"
    /// 8000×8000 RGB at 16 bits, one color: about 0.4 MB that decode to 384 MB.
    case memoryBomb = "memory-bomb"
    /// The picture as a 4-bit palette image whose PLTE is cut to one entry: its pixels index
    /// past it (the PNG suite's basn3p04, so cut, is the classic case).
    case paletteOverflow = "palette-overflow"

    /// The `hatchery:provenance` text `staleProvenance` carries (as iTXt; the zTXt one says `"zTXt"`).
    public static let staleProvenanceText = #"{"generator":"hatchery","prompt":"a stale prompt from an earlier life"}"#

    /// The file served in place of `image`, the task's output, which would be served as `variant`.
    public func file(for image: RGBImage, variant: PNGVariant = .rgb8) throws -> Data {
        switch self {
        case .staleProvenance:
            var chunks = try PNGChunk.chunks(of: PNGVariantEncoder().encode(image, as: variant))
            let idat = chunks.firstIndex { $0.type == "IDAT" } ?? 1
            chunks.insert(
                contentsOf: [
                    PNGChunk(
                        type: "tEXt",
                        body: Array("hatchery:note".utf8) + [0] + Array("left by an earlier build".utf8)
                    ),
                    PNGChunk(
                        type: "zTXt",
                        body: Array("hatchery:provenance".utf8) + [0, 0]
                            + Self.zlibStored(Array(#"{"stale":"zTXt"}"#.utf8))
                    ),
                ],
                at: idat
            )
            chunks.insert(
                contentsOf: [
                    PNGChunk.iTXt("Description", "a stale prompt from an earlier life"),
                    PNGChunk.iTXt("hatchery:provenance", Self.staleProvenanceText),
                ],
                at: chunks.count - 1
            )
            return PNGChunk.file(of: chunks)
        case .giantHeader:
            var ihdr: [UInt8] = []
            for side in [UInt32(100_000), 100_000] { ihdr += withUnsafeBytes(of: side.bigEndian, Array.init) }
            ihdr += [8, 2, 0, 0, 0]
            return PNGChunk.file(of: [
                PNGChunk(type: "IHDR", body: ihdr), PNGChunk(type: "IDAT", body: Self.zlibStored([0, 0, 0, 0])),
                PNGChunk(type: "IEND", body: []),
            ])
        case .memoryBomb:
            return try Self.memoryBombFile.get()
        case .paletteOverflow:
            let chunks = try PNGChunk.chunks(of: PNGVariantEncoder().encode(image, as: PNGVariant(.palette, 4)))
            return PNGChunk.file(
                of: chunks.compactMap { chunk in
                    switch chunk.type {
                    case "PLTE": PNGChunk(type: "PLTE", body: Array(chunk.body.prefix(3)))
                    case "tRNS": nil  // more alpha values than palette entries is an error of its own
                    default: chunk
                    }
                }
            )
        }
    }

    /// Encoded once per process: libpng takes seconds to filter and compress 384 MB of rows.
    private static let memoryBombFile: Result<Data, PNGError> = Result { () throws(PNGError) in
        let row = [UInt8](repeating: 0x5A, count: 8000 * 6)
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        var layout = hatchery_png_layout(
            width: 8000,
            height: 8000,
            bit_depth: 16,
            color_type: 2,
            interlaced: 0,
            palette: nil,
            palette_count: 0,
            trans_alpha: nil,
            trans_count: 0,
            compression_level: 9
        )
        let status = row.withUnsafeBufferPointer { row in
            hatchery_png_encode_repeated_row(
                row.baseAddress,
                row.count,
                &layout,
                &output,
                &length,
                &message,
                message.count
            )
        }
        guard status == HATCHERY_PNG_OK, let output else {
            throw .encodingFailed("the memory bomb could not be encoded")
        }
        defer { hatchery_png_free(output) }
        return Data(bytes: output, count: length)
    }

    /// A zlib stream of `bytes` in one stored (uncompressed) deflate block, as zTXt and IDAT take.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        let length = UInt16(bytes.count)
        var stream: [UInt8] = [
            0x78, 0x01, 0x01, UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8),
        ]
        stream += bytes
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        stream += [UInt8(adler >> 24), UInt8(adler >> 16 & 0xff), UInt8(adler >> 8 & 0xff), UInt8(adler & 0xff)]
        return stream
    }
}
