import GRDB

/// A row of `derived_images`: one `WebImage`.
struct DerivedImageRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "derived_images"
    static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    static let databaseColumnEncodingStrategy = ColumnNaming.encoding

    var file: String
    var originalSha256: String
    var recipe: String
    var role: DerivedRecipe.Role
    var width: Int
    var height: Int
    var bytes: Int

    init(_ image: WebImage) {
        file = image.file
        originalSha256 = image.originalSha256
        recipe = image.recipe
        role = image.role
        width = image.width
        height = image.height
        bytes = image.bytes
    }
}
