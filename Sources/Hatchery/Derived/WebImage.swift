/// A web image made from an original by a recipe: one of the sizes the gallery serves in
/// `srcset`. Kept between builds in the store's derived folder (and its `derived_images` table),
/// copied into the site's `images/`.
public struct WebImage: Sendable, Hashable {
    /// The file's name in the derived folder and in the site's `images/`.
    public var file: String
    /// SHA-256 (lowercase hex) of the original PNG it was made from.
    public var originalSha256: String
    /// The recipe's tag: a new recipe makes new files.
    public var recipe: String
    public var role: DerivedRecipe.Role
    /// In pixels.
    public var width: Int
    public var height: Int
    /// The file's size in bytes.
    public var bytes: Int

    public init(
        file: String,
        originalSha256: String,
        recipe: String,
        role: DerivedRecipe.Role,
        width: Int,
        height: Int,
        bytes: Int
    ) {
        self.file = file
        self.originalSha256 = originalSha256
        self.recipe = recipe
        self.role = role
        self.width = width
        self.height = height
        self.bytes = bytes
    }
}
