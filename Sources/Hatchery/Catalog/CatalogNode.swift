/// A YAML value as the catalog reader needs it: a text, a list or a mapping, with the line and
/// column (from 1) where it starts. `CatalogComposer` makes them from libyaml's events.
///
/// Values, not objects: Yams's node tree made a boxed node and a tag object for every value
/// (173,000 tags for 10,000 prompts) and building it was half of loading a catalog.
struct CatalogNode: Sendable {
    enum Value: Sendable {
        case scalar(Scalar)
        case sequence([CatalogNode])
        case mapping([Pair])
    }

    /// A text value and whether it was written plain (unquoted, not a block), which decides
    /// whether `null` or an empty value means nothing (`CatalogNodeReader.isNull`).
    struct Scalar: Sendable {
        var string: String
        var isPlain: Bool
    }

    /// One `key: value` of a mapping, in file order.
    struct Pair: Sendable {
        var key: CatalogNode
        var value: CatalogNode
    }

    var value: Value
    var line: Int
    var column: Int

    var scalar: Scalar? {
        if case .scalar(let scalar) = value { scalar } else { nil }
    }

    var sequence: [CatalogNode]? {
        if case .sequence(let items) = value { items } else { nil }
    }
}
