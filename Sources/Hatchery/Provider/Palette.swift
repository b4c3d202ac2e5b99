/// The colors of one picture: words that name a color or a time of day steer it, the
/// fingerprint decides the rest.
struct Palette {
    var skyTop: Color
    var skyBottom: Color
    var sun: Color
    var ground: Color
    var accents: [Color]
    var wordCount: Int

    private static let namedHues: [String: Float] = [
        "red": 0.0, "crimson": 0.97, "orange": 0.07, "amber": 0.1, "gold": 0.12, "golden": 0.12, "yellow": 0.15,
        "lime": 0.25, "green": 0.33, "forest": 0.3, "moss": 0.27, "teal": 0.48, "cyan": 0.5, "turquoise": 0.47,
        "blue": 0.6, "ocean": 0.57, "sea": 0.55, "navy": 0.63, "indigo": 0.7, "violet": 0.75, "purple": 0.78,
        "magenta": 0.85, "pink": 0.92, "rose": 0.95, "copper": 0.06, "rust": 0.04, "desert": 0.09, "ice": 0.53,
    ]

    init(words: [String], random: inout SeededGenerator) {
        let night = words.contains {
            ["night", "midnight", "moon", "moonlit", "dark", "neon", "stars", "space"].contains($0)
        }
        let dusk = words.contains { ["sunset", "dusk", "dawn", "sunrise", "evening", "autumn"].contains($0) }
        let named = words.compactMap { Self.namedHues[$0] }
        // Every word nudges the hue, so prompts that share no color word still differ.
        let wordHue = words.reduce(Float(0)) { sum, word in
            sum + Float(word.unicodeScalars.reduce(UInt32(7)) { ($0 &* 31) &+ $1.value } % 997) / 997
        }
        let base = named.first ?? (wordHue + random.unit()).truncatingRemainder(dividingBy: 1)
        let accentHue =
            named.dropFirst().first ?? (base + 0.35 + 0.3 * random.unit()).truncatingRemainder(dividingBy: 1)

        if night {
            skyTop = Color.hsv(0.66, 0.7, 0.12)
            skyBottom = Color.hsv(base, 0.6, 0.45)
            sun = Color.hsv(0.14, 0.08, 0.95)
        } else if dusk {
            skyTop = Color.hsv(0.7, 0.45, 0.45)
            skyBottom = Color.hsv(0.06, 0.65, 0.98)
            sun = Color.hsv(0.1, 0.5, 1)
        } else {
            skyTop = Color.hsv(base, 0.45, 0.92)
            skyBottom = Color.hsv(base + 0.05, 0.15, 1)
            sun = Color.hsv(0.13, 0.35, 1)
        }
        ground = Color.hsv(base + 0.5 * random.unit(), 0.55, night ? 0.18 : 0.35)
        accents = (0..<4).map { i in
            Color.hsv(accentHue + Float(i) * 0.08, 0.55 + 0.3 * random.unit(), 0.75 + 0.25 * random.unit())
        }
        wordCount = words.count
    }
}
