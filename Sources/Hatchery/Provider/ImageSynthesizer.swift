/// Paints the offline provider's images: a sky, a sun, ridges and floating forms whose colors
/// and shapes come from the prompt's words and fingerprint, so that different prompts look
/// different and the same prompt always looks the same.
public struct ImageSynthesizer: Sendable {
    public init() {}

    /// The image for output `index` of `request`, seeded by `fingerprint`. `longSide` shrinks
    /// it (the simulator's benchmarks do not need full-size pixels).
    public func render(
        _ request: GenerationRequest,
        fingerprint: Fingerprint,
        index: Int,
        longSide: Int? = nil
    ) -> RGBImage {
        var (width, height) = request.pixelSize
        if let longSide, longSide < max(width, height) {
            let scale = Double(longSide) / Double(max(width, height))
            (width, height) = (max(1, Int(Double(width) * scale)), max(1, Int(Double(height) * scale)))
        }
        var random = SeededGenerator(hex: fingerprint.hex, salt: UInt64(index + 1))
        let palette = Palette(words: Self.words(in: request.prompt), random: &random)
        var image = RGBImage(width: width, height: height)
        image.pixels.withUnsafeMutableBufferPointer { buffer in
            var canvas = Canvas(width: width, height: height, pixels: buffer.baseAddress!)
            paintSky(&canvas, palette: palette)
            paintSun(&canvas, palette: palette, random: &random)
            paintForms(&canvas, palette: palette, count: min(3 + palette.wordCount, 14), random: &random)
            paintRidges(&canvas, palette: palette, random: &random)
        }
        return image
    }

    static func words(in prompt: String) -> [String] {
        prompt.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 3 }
    }

    private func paintSky(_ canvas: inout Canvas, palette: Palette) {
        for y in 0..<canvas.height {
            let t = Float(y) / Float(max(1, canvas.height - 1))
            let color = palette.skyTop.mixed(with: palette.skyBottom, by: t * t)
            canvas.fillRow(y, from: 0, to: canvas.width, color: color)
        }
    }

    private func paintSun(_ canvas: inout Canvas, palette: Palette, random: inout SeededGenerator) {
        let scale = Float(min(canvas.width, canvas.height))
        let cx = Float(canvas.width) * (0.15 + 0.7 * random.unit())
        let cy = Float(canvas.height) * (0.12 + 0.3 * random.unit())
        let radius = scale * (0.07 + 0.08 * random.unit())
        canvas.disc(cx: cx, cy: cy, radius: radius * 2.2, color: palette.sun, opacity: 0.18)
        canvas.disc(cx: cx, cy: cy, radius: radius, color: palette.sun, opacity: 0.95)
    }

    private func paintForms(_ canvas: inout Canvas, palette: Palette, count: Int, random: inout SeededGenerator) {
        let scale = Float(min(canvas.width, canvas.height))
        for i in 0..<count {
            let color = palette.accents[i % palette.accents.count]
            let cx = Float(canvas.width) * random.unit()
            let cy = Float(canvas.height) * (0.1 + 0.6 * random.unit())
            let radius = scale * (0.02 + 0.09 * random.unit())
            canvas.disc(cx: cx, cy: cy, radius: radius, color: color, opacity: 0.35 + 0.4 * random.unit())
        }
    }

    private func paintRidges(_ canvas: inout Canvas, palette: Palette, random: inout SeededGenerator) {
        let layers = 3 + Int(random.next() % 2)
        for layer in 0..<layers {
            let depth = Float(layer + 1) / Float(layers)
            let color = palette.ground.mixed(with: palette.skyBottom, by: 0.55 * (1 - depth))
            let base = Float(canvas.height) * (0.45 + 0.4 * depth)
            let amplitude = Float(canvas.height) * (0.05 + 0.07 * random.unit())
            let waves = (1 + 5 * random.unit(), 3 + 9 * random.unit(), 11 + 17 * random.unit())
            let phases = (6.28 * random.unit(), 6.28 * random.unit(), 6.28 * random.unit())
            for x in 0..<canvas.width {
                let u = Float(x) / Float(canvas.width)
                let wave =
                    0.6 * fastSine(u * waves.0 + phases.0)
                    + 0.3 * fastSine(u * waves.1 + phases.1)
                    + 0.1 * fastSine(u * waves.2 + phases.2)
                let top = max(0, min(canvas.height, Int(base - amplitude * wave)))
                canvas.fillColumn(x, from: top, to: canvas.height, color: color, shade: 0.25 * depth)
            }
        }
    }

    /// A parabolic sine: plenty for hills, and stable across libm versions.
    private func fastSine(_ x: Float) -> Float {
        let twoPi: Float = 6.283_185_3
        var t = x.truncatingRemainder(dividingBy: twoPi)
        if t < 0 { t += twoPi }
        t -= .pi
        return -(4 / .pi) * t + (4 / (.pi * .pi)) * t * abs(t)
    }
}

/// A color in 0...1 floats for mixing, written out as bytes.
struct Color: Sendable {
    var r: Float, g: Float, b: Float

    func mixed(with other: Color, by t: Float) -> Color {
        Color(r: r + (other.r - r) * t, g: g + (other.g - g) * t, b: b + (other.b - b) * t)
    }

    func scaled(_ factor: Float) -> Color {
        Color(r: r * factor, g: g * factor, b: b * factor)
    }

    static func hsv(_ h: Float, _ s: Float, _ v: Float) -> Color {
        let h6 = (h - h.rounded(.down)) * 6
        let i = Int(h6)
        let f = h6 - Float(i)
        let p = v * (1 - s)
        let q = v * (1 - s * f)
        let t = v * (1 - s * (1 - f))
        switch i % 6 {
        case 0: return Color(r: v, g: t, b: p)
        case 1: return Color(r: q, g: v, b: p)
        case 2: return Color(r: p, g: v, b: t)
        case 3: return Color(r: p, g: q, b: v)
        case 4: return Color(r: t, g: p, b: v)
        default: return Color(r: v, g: p, b: q)
        }
    }
}
