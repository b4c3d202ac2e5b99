import Foundation
import PNGShim

/// Encodes 8-bit RGB pixels as PNG through libpng.
public struct PNGEncoder: Sendable {
    /// zlib level: 1 is fastest; generated art compresses well at any level.
    public var compressionLevel: Int32

    public init(compressionLevel: Int32 = 3) {
        self.compressionLevel = compressionLevel
    }

    /// Encodes `image`, embedding `text` as iTXt chunks (key → UTF-8 text) in the given order.
    public func encode(_ image: RGBImage, text: [(key: String, value: String)] = []) throws(PNGError) -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        // strdup keeps the C strings alive for the whole call.
        let keys = text.map { strdup($0.key) }
        let values = text.map { strdup($0.value) }
        defer {
            for key in keys { free(key) }
            for value in values { free(value) }
        }
        let entries = zip(keys, values).map { hatchery_png_text(key: $0, text: $1) }
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            entries.withUnsafeBufferPointer { entries in
                hatchery_png_encode_rgb(
                    pixels.baseAddress,
                    UInt32(image.width),
                    UInt32(image.height),
                    compressionLevel,
                    entries.baseAddress,
                    entries.count,
                    &output,
                    &length,
                    &message,
                    message.count
                )
            }
        }
        guard status == HATCHERY_PNG_OK, let output else {
            let detail = PNGError.message(from: message)
            throw .encodingFailed(detail)
        }
        defer { hatchery_png_free(output) }
        return Data(bytes: output, count: length)
    }
}
