import Foundation
import PNGShim

/// Recomputes every complete chunk's CRC, so that a fuzzer's mutation of a chunk's type or body
/// is judged on its content rather than refused at the checksum.
enum PNGChunkCRC {
    static func repairing(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - offset - 12 else { break }
            let at = offset + 8 + length
            let crc = bytes[offset + 4..<at].withUnsafeBufferPointer { hatchery_png_crc32($0.baseAddress, $0.count) }
            bytes[at] = UInt8(crc >> 24)
            bytes[at + 1] = UInt8(crc >> 16 & 0xff)
            bytes[at + 2] = UInt8(crc >> 8 & 0xff)
            bytes[at + 3] = UInt8(crc & 0xff)
            offset = at + 4
        }
        return Data(bytes)
    }
}
