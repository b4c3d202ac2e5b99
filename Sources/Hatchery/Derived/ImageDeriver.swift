import Foundation
import VipsShim

/// Makes WebP images from a PNG: libvips decodes it once and resizes, libwebp encodes every
/// size of a recipe.
public struct ImageDeriver: Sendable {
    public struct Output: Sendable {
        public var size: DerivedRecipe.Size
        public var width: Int
        public var height: Int
        public var webp: Data
    }

    public let recipe: DerivedRecipe

    /// Uses `recipe`, or the standard one for the installed libvips. libvips starts (once per
    /// process) at the first conversion, not here: a build with nothing to convert, such as a
    /// rebuild after an edited title, never starts it, and its start-up touched about 7 MiB of
    /// its libraries' pages, a fifth of a 10,000-prompt rebuild's margin under 150 MiB.
    public init(recipe: DerivedRecipe? = nil) {
        self.recipe = recipe ?? .standard(libraryVersion: Self.libraryVersion)
    }

    /// The installed libvips and libwebp, such as "libvips-8.14.1-novector,libwebp-1.2.4":
    /// `novector` because libvips runs without ORC, whose resizes round a little differently.
    /// Asking does not start libvips, so a no-op build can check it cheaply.
    public static var libraryVersion: String {
        let webp = Int(hatchery_webp_encoder_version())
        return
            "libvips-\(String(cString: hatchery_vips_version()))-novector,libwebp-\(webp >> 16).\((webp >> 8) & 0xFF).\(webp & 0xFF)"
    }

    /// Whether libvips runs ORC vector code: off once started (see `hatchery_vips_start`),
    /// which asking does.
    public static var usesVectorCode: Bool {
        _ = startup
        return hatchery_vips_vector_enabled() != 0
    }

    /// nil once libvips is running; otherwise why it could not start. A static `let` runs once,
    /// thread-safely, as libvips' start-up requires.
    private static let startup: String? = {
        var message = [CChar](repeating: 0, count: 512)
        return hatchery_vips_start(&message, message.count) == 0
            ? nil : String(decoding: message.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)
    }()

    /// Every size of the recipe from the PNG in `png`. Blocks for the whole conversion: call
    /// it from a thread meant for CPU work, not from an async task.
    /// - Throws: `DerivationError.libraryUnavailable` when libvips could not start,
    ///   `.conversionFailed` when it could not convert `png`.
    public func derive(png: Data) throws(DerivationError) -> [Output] {
        if let failure = Self.startup { throw .libraryUnavailable(failure) }
        let widths = recipe.sizes.map { Int32($0.width) }
        var outputs = [hatchery_vips_output](repeating: hatchery_vips_output(), count: widths.count)
        var message = [CChar](repeating: 0, count: 512)
        let status = png.withUnsafeBytes { raw in
            hatchery_vips_derive_webp(
                raw.bindMemory(to: UInt8.self).baseAddress,
                raw.count,
                widths,
                Int32(widths.count),
                Int32(recipe.quality),
                Int32(recipe.effort),
                &outputs,
                &message,
                message.count
            )
        }
        guard status == 0 else {
            throw .conversionFailed(String(decoding: message.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))
        }
        defer { for output in outputs { hatchery_vips_free(output.data) } }
        return zip(recipe.sizes, outputs).map { size, output in
            Output(
                size: size,
                width: Int(output.width),
                height: Int(output.height),
                webp: Data(bytes: output.data, count: output.length)
            )
        }
    }
}
