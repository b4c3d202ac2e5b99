/// How web images are made from an original: which widths, in which format and quality, by
/// which library. Everything here goes into the derived files' names, so changing any of it,
/// or upgrading libvips or libwebp, makes new files and leaves nothing stale behind.
public struct DerivedRecipe: Sendable, Hashable {
    /// What a size is for: the grid's two, and the viewer's.
    public enum Role: String, Sendable, Codable, CaseIterable {
        case small, medium, large
    }

    public struct Size: Sendable, Hashable {
        public var role: Role
        /// The width asked for; an original narrower than this keeps its own width.
        public var width: Int

        public init(role: Role, width: Int) {
            self.role = role
            self.width = width
        }
    }

    public var sizes: [Size]
    /// WebP quality, 1–100.
    public var quality: Int
    /// libwebp's effort, 0 (fastest) to 6.
    public var effort: Int
    /// The image libraries that make the files and their versions, as `ImageDeriver.libraryVersion` gives them.
    public var libraryVersion: String

    public init(sizes: [Size], quality: Int, effort: Int, libraryVersion: String) {
        self.sizes = sizes
        self.quality = quality
        self.effort = effort
        self.libraryVersion = libraryVersion
    }

    /// 360 and 720 pixels wide for the grid (one and two device pixels per CSS pixel of a
    /// card), 1600 for the viewer.
    public static func standard(libraryVersion: String) -> DerivedRecipe {
        DerivedRecipe(
            sizes: [Size(role: .small, width: 360), Size(role: .medium, width: 720), Size(role: .large, width: 1600)],
            quality: 80,
            effort: 2,
            libraryVersion: libraryVersion
        )
    }

    /// Every input of the output, in a fixed order.
    public var canonicalForm: String {
        "webp;q=\(quality);effort=\(effort);widths=\(sizes.map { "\($0.role.rawValue):\($0.width)" }.joined(separator: ","));libraries=\(libraryVersion)"
    }

    /// A short digest of `canonicalForm`, part of every derived file's name.
    public var tag: String {
        String(SHA256Digest.hex(of: canonicalForm).prefix(10))
    }

    /// `<original's SHA-256>-<recipe tag>-<width>.webp`.
    public func fileName(original sha256: String, size: Size) -> String {
        // One spelling with the name a `WebImage` keeps by its parts.
        WebImage.Name.recipe(width: size.width).text(original: sha256, recipe: tag)
    }
}
