/// An 8-bit RGB raster, rows top to bottom, no padding.
public struct RGBImage: Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        precondition(width > 0 && height > 0, "an image needs at least one pixel")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for offset in stride(from: 0, to: pixels.count, by: 3) {
            pixels[offset] = fill.0
            pixels[offset + 1] = fill.1
            pixels[offset + 2] = fill.2
        }
        self.pixels = pixels
    }
}
