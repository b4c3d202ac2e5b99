/// The web images of each original, narrowest first, as the renderer looks them up.
public struct DerivedImages: Sendable {
    public var byOriginal: [String: [DerivedImageRecord]]

    public init(_ records: [DerivedImageRecord] = []) {
        byOriginal = Dictionary(grouping: records, by: \.originalSha256).mapValues { $0.sorted { $0.width < $1.width } }
    }

    public subscript(original sha256: String) -> [DerivedImageRecord] {
        byOriginal[sha256] ?? []
    }

    public var files: [String] {
        byOriginal.values.flatMap { $0.map(\.file) }
    }
}
