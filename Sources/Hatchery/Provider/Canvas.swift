/// Drawing primitives over an RGB buffer. Works on a raw pointer because the offline provider
/// paints millions of pixels, often in debug builds where bounds-checked arrays crawl.
struct Canvas {
    let width: Int
    let height: Int
    let pixels: UnsafeMutablePointer<UInt8>

    func fillRow(_ y: Int, from x0: Int, to x1: Int, color: Color) {
        let (r, g, b) = Self.bytes(color)
        var p = pixels + (y * width + x0) * 3
        for _ in x0..<x1 {
            p[0] = r
            p[1] = g
            p[2] = b
            p += 3
        }
    }

    /// Fills a column downwards, darkening towards the bottom by up to `shade`.
    func fillColumn(_ x: Int, from y0: Int, to y1: Int, color: Color, shade: Float) {
        guard y0 < y1 else { return }
        let span = Float(max(1, height - y0))
        var p = pixels + (y0 * width + x) * 3
        let stride = width * 3
        for y in y0..<y1 {
            let (r, g, b) = Self.bytes(color.scaled(1 - shade * Float(y - y0) / span))
            p[0] = r
            p[1] = g
            p[2] = b
            p += stride
        }
    }

    /// Blends a soft-edged disc over what is there.
    func disc(cx: Float, cy: Float, radius: Float, color: Color, opacity: Float) {
        guard radius > 0 else { return }
        let x0 = max(0, Int(cx - radius - 1))
        let x1 = min(width, Int(cx + radius + 2))
        let y0 = max(0, Int(cy - radius - 1))
        let y1 = min(height, Int(cy + radius + 2))
        guard x0 < x1, y0 < y1 else { return }
        let (r, g, b) = (color.r * 255, color.g * 255, color.b * 255)
        let inner = (radius - 1.5) * (radius - 1.5)
        let outer = radius * radius
        for y in y0..<y1 {
            let dy = Float(y) - cy
            var p = pixels + (y * width + x0) * 3
            for x in x0..<x1 {
                let dx = Float(x) - cx
                let d2 = dx * dx + dy * dy
                if d2 < outer {
                    let edge: Float = d2 <= inner ? 1 : (outer - d2) / max(outer - inner, 1)
                    let a = opacity * edge
                    p[0] = UInt8(Float(p[0]) + (r - Float(p[0])) * a)
                    p[1] = UInt8(Float(p[1]) + (g - Float(p[1])) * a)
                    p[2] = UInt8(Float(p[2]) + (b - Float(p[2])) * a)
                }
                p += 3
            }
        }
    }

    static func bytes(_ color: Color) -> (UInt8, UInt8, UInt8) {
        (channel(color.r), channel(color.g), channel(color.b))
    }

    private static func channel(_ value: Float) -> UInt8 {
        UInt8(max(0, min(255, value * 255 + 0.5)))
    }
}
