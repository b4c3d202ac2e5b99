/// What libpng reads from a PNG's header.
public struct PNGFacts: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    /// The IHDR color type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
    public var colorType: Int
    public var interlaced: Bool

    public init(width: Int, height: Int, bitDepth: Int, colorType: Int, interlaced: Bool = false) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = interlaced
    }

    /// A readable name for the color type, as shown in the gallery.
    public var colorTypeName: String {
        switch colorType {
        case 0: "greyscale"
        case 2: "RGB"
        case 3: "palette"
        case 4: "greyscale + alpha"
        case 6: "RGBA"
        default: "color type \(colorType)"
        }
    }
}
