import Foundation
import PNGShim

/// One chunk of a PNG as it sits in the file: a four-letter type and its body. Reading and
/// writing chunk lists leaves every byte of the others as it was, so a file can gain or lose
/// a text chunk without any decoder seeing different pixels.
public struct PNGChunk: Sendable, Equatable {
    /// The type's four bytes as the file has them: ASCII letters, such as `IHDR`, `iTXt`.
    public var code: [UInt8]
    public var body: [UInt8]

    public init(type: String, body: [UInt8]) {
        self.init(code: Array(type.utf8), body: body)
    }

    init(code: [UInt8], body: [UInt8]) {
        self.code = code
        self.body = body
    }

    /// The type as text.
    public var type: String { String(decoding: code, as: UTF8.self) }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The chunks of `png`, signature checked, up to and with IEND; what follows IEND is dropped.
    /// Lengths are checked against the data; CRCs are not (libpng checks those).
    public static func chunks(of png: Data) throws(PNGError) -> [PNGChunk] {
        let bytes = [UInt8](png)
        guard bytes.starts(with: signature) else { throw .notPNG("the data does not start with the PNG signature") }
        var chunks: [PNGChunk] = []
        var offset = signature.count
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - offset - 12 else { break }
            let code = Array(bytes[offset + 4..<offset + 8])
            chunks.append(PNGChunk(code: code, body: Array(bytes[offset + 8..<offset + 8 + length])))
            if code.elementsEqual("IEND".utf8) { return chunks }
            offset += 12 + length
        }
        throw .corrupt("its chunks do not end with IEND")
    }

    /// A PNG file of `chunks`, each with its length and CRC.
    public static func file(of chunks: [PNGChunk]) -> Data {
        var output = signature
        for chunk in chunks {
            let length = UInt32(chunk.body.count)
            output += [
                UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff),
            ]
            let typed = chunk.code + chunk.body
            output += typed
            let crc = typed.withUnsafeBufferPointer { hatchery_png_crc32($0.baseAddress, $0.count) }
            output += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)]
        }
        return Data(output)
    }

    /// The keyword of a tEXt, zTXt or iTXt chunk (the bytes before the first NUL); nil for other chunks.
    public var textKeyword: String? {
        guard ["tEXt", "zTXt", "iTXt"].contains(type) else { return nil }
        return String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An uncompressed iTXt chunk: keyword (at most 79 bytes), NUL, compression flag and method
    /// (none), empty language tag and translated keyword (each NUL-terminated), the UTF-8 text.
    public static func iTXt(_ key: String, _ value: String) -> PNGChunk {
        PNGChunk(type: "iTXt", body: Array(key.utf8.prefix(79)) + [0, 0, 0, 0, 0] + Array(value.utf8))
    }
}
