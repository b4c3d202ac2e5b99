/// The web images of each original, narrowest first, as the renderer looks them up.
public struct DerivedImages: Sendable {
    public var byOriginal: [String: [WebImage]]

    public init(_ records: [WebImage] = []) {
        byOriginal = Dictionary(grouping: records, by: \.originalSha256).mapValues { $0.sorted { $0.width < $1.width } }
    }

    public subscript(original sha256: String) -> [WebImage] {
        byOriginal[sha256] ?? []
    }

    public var files: [String] {
        byOriginal.values.flatMap { $0.map(\.file) }
    }
}
