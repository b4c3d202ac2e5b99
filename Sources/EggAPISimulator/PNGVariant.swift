/// One kind of PNG an output can be: color type, bit depth, interlacing and size.
public struct PNGVariant: Sendable, Hashable, CustomStringConvertible {
    /// The IHDR color types.
    public enum ColorType: Int, Sendable, CaseIterable {
        case grey = 0
        case rgb = 2
        case palette = 3
        case greyAlpha = 4
        case rgba = 6

        var name: String {
            switch self {
            case .grey: "grey"
            case .rgb: "rgb"
            case .palette: "palette"
            case .greyAlpha: "grey-alpha"
            case .rgba: "rgba"
            }
        }

        var channels: Int {
            switch self {
            case .grey, .palette: 1
            case .greyAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    /// How big the image is.
    public enum Size: String, Sendable {
        /// The task's size (shrunk to `imageLongSide` when set): keeps its aspect ratio.
        case task
        /// 16×9 or 9×16: keeps the aspect ratio.
        case tiny
        /// 1×1: the one size that does not keep it.
        case onePixel = "1px"
    }

    public var colorType: ColorType
    /// 1, 2, 4, 8 or 16, as PNG allows for the color type.
    public var bitDepth: Int
    /// Adam7.
    public var interlaced: Bool
    public var size: Size

    public init(_ colorType: ColorType, _ bitDepth: Int, interlaced: Bool = false, size: Size = .task) {
        self.colorType = colorType
        self.bitDepth = bitDepth
        self.interlaced = interlaced
        self.size = size
    }

    /// The 8-bit RGB image the simulator always served.
    public static let rgb8 = PNGVariant(.rgb, 8)

    /// `rgb8`, `grey16`, `palette4`, `rgba16-adam7`, `grey2-tiny`, `rgba8-1px`: what `--png-variants` takes.
    public var description: String {
        var name = "\(colorType.name)\(bitDepth)"
        if interlaced { name += "-adam7" }
        if size != .task { name += "-\(size.rawValue)" }
        return name
    }

    /// Every color type at every depth PNG allows (palettes carry a tRNS chunk), a few of them
    /// interlaced, two tiny and one single-pixel image.
    public static let all: [PNGVariant] = {
        var variants = [1, 2, 4, 8, 16].map { PNGVariant(.grey, $0) }
        variants += [1, 2, 4, 8].map { PNGVariant(.palette, $0) }
        variants += [8, 16].flatMap { [PNGVariant(.greyAlpha, $0), PNGVariant(.rgb, $0), PNGVariant(.rgba, $0)] }
        variants += [
            PNGVariant(.rgb, 8, interlaced: true), PNGVariant(.rgba, 16, interlaced: true),
            PNGVariant(.grey, 1, interlaced: true), PNGVariant(.palette, 8, interlaced: true),
        ]
        variants += [
            PNGVariant(.rgb, 8, size: .tiny), PNGVariant(.grey, 2, interlaced: true, size: .tiny),
            PNGVariant(.rgba, 8, size: .onePixel),
        ]
        return variants
    }()

    /// The variant named `name` in `all`.
    public init?(name: String) {
        guard let found = Self.all.first(where: { $0.description == name }) else { return nil }
        self = found
    }
}
