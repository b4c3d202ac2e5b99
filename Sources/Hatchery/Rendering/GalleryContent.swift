/// Everything the gallery shows, gathered from the catalog and the store.
public struct GalleryContent: Sendable {
    public struct Entry: Sendable {
        public var spec: PromptSpec
        public var fingerprint: Fingerprint
        /// The images of the current inputs; nil when none exist yet.
        public var generation: Generation?
        /// Earlier generations of this prompt, newest first.
        public var history: [Generation]
        /// Why the latest attempt failed, when there are no images to show.
        public var failure: String?
    }

    /// The spend figures the cost pages show: the same computation as `hatchery spend`.
    public struct Spend: Sendable {
        public var byModel: SpendReport
        public var byDayAndModel: SpendReport
        public var byModelAndPrompt: SpendReport
    }

    public var gallery: Catalog.Gallery
    public var provider: ProviderKind
    public var entries: [Entry]
    public var spend: Spend

    public init(gallery: Catalog.Gallery, provider: ProviderKind, entries: [Entry], spend: Spend) {
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
