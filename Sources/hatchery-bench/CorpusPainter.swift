import Foundation
import Hatchery

/// Square PNGs painted by the local provider's synthesizer, with an optional grain: generated
/// pictures have texture, which costs both PNG decoding and WebP encoding more than flat color.
struct CorpusPainter {
    let side: Int
    let grain: Bool

    func png(index: Int) throws -> Data {
        let request = GenerationRequest(
            model: "bench",
            prompt: "benchmark picture \(index) hills sea sky forms",
            aspectRatio: .landscape,
            resolution: .twoK
        )
        let fingerprint = Fingerprint(provider: .local, request: request)
        let wide = ImageSynthesizer().render(
            request,
            fingerprint: fingerprint,
            index: index,
            longSide: side * 16 / 9 + 1
        )
        var square = RGBImage(width: side, height: side)
        let left = (wide.width - side) / 2
        var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1
        for y in 0..<min(side, wide.height) {
            for x in 0..<side {
                for channel in 0..<3 {
                    var value = Int(wide.pixels[(y * wide.width + left + x) * 3 + channel])
                    if grain {
                        state ^= state << 13
                        state ^= state >> 7
                        state ^= state << 17
                        value += Int(state % 13) - 6
                    }
                    square.pixels[(y * side + x) * 3 + channel] = UInt8(clamping: value)
                }
            }
        }
        return try PNGEncoder(compressionLevel: 6).encode(square)
    }
}
