/// Everything the gallery shows, gathered from the catalog and the store.
public struct GalleryContent: Sendable {
    public struct Entry: Sendable {
        public var spec: PromptSpec
        public var fingerprint: Fingerprint
        /// The images of the current inputs; nil when none exist yet.
        public var generation: Generation?
        /// Why the latest attempt failed, when there are no images to show.
        public var failure: String?
    }

    public var gallery: Catalog.Gallery
    public var provider: ProviderKind
    public var entries: [Entry]
    public var spend: [ModelSpend]

    public init(gallery: Catalog.Gallery, provider: ProviderKind, entries: [Entry], spend: [ModelSpend]) {
        self.gallery = gallery
        self.provider = provider
        self.entries = entries
        self.spend = spend
    }

    /// Models in the catalog, in name order.
    public var models: [String] {
        Array(Set(entries.map(\.spec.model))).sorted()
    }
}
