import GRDB

/// A web image made from an original, as the `derived_images` table keeps it.
public struct DerivedImageRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "derived_images"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    /// The file's name in the derived folder and in the site's `images/`.
    public var file: String
    public var originalSha256: String
    /// The recipe's tag.
    public var recipe: String
    public var role: DerivedRecipe.Role
    public var width: Int
    public var height: Int
    public var bytes: Int
}
