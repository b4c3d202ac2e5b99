import Foundation
import PNGShim

/// Adds iTXt chunks to an existing PNG without touching its pixels: the chunks go just before
/// IEND, so the image data, and every decoder's view of it, stays byte for byte the same.
public enum PNGTextChunks {
    /// `png` with one uncompressed iTXt chunk per entry (keyword → UTF-8 text), in order.
    public static func adding(_ entries: [(key: String, value: String)], to png: Data) throws(PNGError) -> Data {
        let bytes = [UInt8](png)
        guard let end = iendOffset(in: bytes) else {
            throw .corrupt("its chunks do not end with IEND")
        }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 17 })
        output.append(contentsOf: bytes[..<end])
        for entry in entries {
            // iTXt: keyword, NUL, compression flag and method (none), empty language tag and
            // translated keyword (each NUL-terminated), then the UTF-8 text.
            var body = Array(entry.key.utf8.prefix(79))
            body.append(contentsOf: [0, 0, 0, 0, 0])
            body.append(contentsOf: entry.value.utf8)
            appendChunk(type: Array("iTXt".utf8), body: body, to: &output)
        }
        output.append(contentsOf: bytes[end...])
        return Data(output)
    }

    /// Where the IEND chunk starts, found by walking the chunk list from the signature.
    private static func iendOffset(in bytes: [UInt8]) -> Int? {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            if bytes[offset + 4..<offset + 8].elementsEqual("IEND".utf8) { return offset }
            offset += 12 + length
        }
        return nil
    }

    private static func appendChunk(type: [UInt8], body: [UInt8], to output: inout [UInt8]) {
        let length = UInt32(body.count)
        output.append(contentsOf: [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)])
        let typed = type + body
        output.append(contentsOf: typed)
        let crc = typed.withUnsafeBufferPointer { hatchery_png_crc32($0.baseAddress, $0.count) }
        output.append(contentsOf: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)])
    }
}
