import Foundation
import Hatchery
import PNGShim

/// Writes an 8-bit RGB image as any `PNGVariant`: the pixels are converted to the variant's
/// samples here, and libpng (through the shim, which owns the setjmp) writes them.
struct PNGVariantEncoder {
    var compressionLevel: Int32 = 1

    func encode(_ image: RGBImage, as variant: PNGVariant) throws(PNGError) -> Data {
        if variant == .rgb8 { return try PNGEncoder(compressionLevel: compressionLevel).encode(image) }
        let (rows, rowBytes) = samples(of: image, as: variant)
        let (palette, alpha) = variant.colorType == .palette ? Self.palette(depth: variant.bitDepth) : ([], [])
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = rows.withUnsafeBufferPointer { rows in
            palette.withUnsafeBufferPointer { palette in
                alpha.withUnsafeBufferPointer { alpha in
                    var layout = hatchery_png_layout(
                        width: UInt32(image.width),
                        height: UInt32(image.height),
                        bit_depth: Int32(variant.bitDepth),
                        color_type: Int32(variant.colorType.rawValue),
                        interlaced: variant.interlaced ? 1 : 0,
                        palette: palette.baseAddress,
                        palette_count: palette.count / 3,
                        trans_alpha: alpha.baseAddress,
                        trans_count: alpha.count,
                        compression_level: compressionLevel
                    )
                    return hatchery_png_encode_rows(
                        rows.baseAddress,
                        rowBytes,
                        &layout,
                        &output,
                        &length,
                        &message,
                        message.count
                    )
                }
            }
        }
        guard status == HATCHERY_PNG_OK, let output else {
            throw .encodingFailed(
                String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            )
        }
        defer { hatchery_png_free(output) }
        return Data(bytes: output, count: length)
    }

    /// Rows in PNG's layout: samples packed most significant bits first below 8 bits,
    /// big-endian at 16. Alpha is a left-to-right fade; 16-bit samples get low bits of their own,
    /// so that a reader that drops them is visible.
    func samples(of image: RGBImage, as variant: PNGVariant) -> (rows: [UInt8], rowBytes: Int) {
        let depth = variant.bitDepth
        let rowBytes = (image.width * variant.colorType.channels * depth + 7) / 8
        var rows = [UInt8](repeating: 0, count: rowBytes * image.height)
        let levels = (1 << depth) - 1
        for y in 0..<image.height {
            var bit = 0
            func put(_ value: Int) {
                let start = y * rowBytes
                if depth == 16 {
                    rows[start + bit / 8] = UInt8(value >> 8)
                    rows[start + bit / 8 + 1] = UInt8(value & 0xff)
                } else {
                    rows[start + bit / 8] |= UInt8(value << (8 - depth - bit % 8) & 0xff)
                }
                bit += depth
            }
            for x in 0..<image.width {
                let offset = (y * image.width + x) * 3
                let (r, g, b) = (
                    Int(image.pixels[offset]), Int(image.pixels[offset + 1]), Int(image.pixels[offset + 2])
                )
                let alpha = 255 - 191 * x / max(1, image.width - 1)
                func scaled(_ byte: Int) -> Int {
                    depth == 16 ? byte << 8 | ((x &* 31 ^ y &* 17) & 0xff) : (byte * levels + 127) / 255
                }
                let grey = (r * 299 + g * 587 + b * 114) / 1000
                switch variant.colorType {
                case .grey: put(scaled(grey))
                case .greyAlpha:
                    put(scaled(grey))
                    put(scaled(alpha))
                case .rgb:
                    put(scaled(r))
                    put(scaled(g))
                    put(scaled(b))
                case .rgba:
                    put(scaled(r))
                    put(scaled(g))
                    put(scaled(b))
                    put(scaled(alpha))
                case .palette: put(Self.paletteIndex(r, g, b, depth: depth))
                }
            }
        }
        return (rows, rowBytes)
    }

    /// A color cube as large as the depth allows (2, 4, 16 or 216 entries) and a tRNS chunk
    /// that makes the first entries partly transparent.
    static func palette(depth: Int) -> (rgb: [UInt8], alpha: [UInt8]) {
        let steps = cubeSteps(depth)
        var rgb: [UInt8] = []
        for r in 0..<steps.r {
            for g in 0..<steps.g {
                for b in 0..<steps.b {
                    rgb += [r, g, b].enumerated().map { axis, level in
                        let count = [steps.r, steps.g, steps.b][axis]
                        return UInt8(count == 1 ? 128 : level * 255 / (count - 1))
                    }
                }
            }
        }
        let entries = rgb.count / 3
        let alpha = (0..<max(1, entries / 4)).map { UInt8(255 * $0 / max(1, entries / 4)) }
        return (rgb, alpha)
    }

    private static func cubeSteps(_ depth: Int) -> (r: Int, g: Int, b: Int) {
        switch depth {
        case 1: (2, 1, 1)
        case 2: (2, 2, 1)
        case 4: (4, 2, 2)
        default: (6, 6, 6)
        }
    }

    private static func paletteIndex(_ r: Int, _ g: Int, _ b: Int, depth: Int) -> Int {
        let steps = cubeSteps(depth)
        func level(_ value: Int, _ count: Int) -> Int { (value * (count - 1) + 127) / 255 }
        return (level(r, steps.r) * steps.g + level(g, steps.g)) * steps.b + level(b, steps.b)
    }
}
