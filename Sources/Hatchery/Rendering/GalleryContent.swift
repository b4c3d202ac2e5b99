/// Everything the gallery shows, gathered from the catalog and the store.
public struct GalleryContent: Sendable {
    public struct Entry: Sendable {
        public var spec: PromptSpec
        public var fingerprint: Fingerprint
        /// The images shown: of the current inputs, or, while those are pending or failed,
        /// the last good generation (see `newer`); nil when the prompt has none at all.
        public var generation: Generation?
        /// The prompt's other generations, newest first.
        public var history: [Generation]
        /// Why the latest attempt at the current inputs failed, for a prompt with nothing to show.
        public var failure: String?
        /// Set when `generation` is an earlier one: why the current inputs have no images yet.
        public var newer: NewerVersion? = nil

        /// Whether the page shows images of the prompt as the catalog has it now.
        public var isCurrent: Bool { generation != nil && newer == nil }
    }

    /// The spend figures the cost pages show: the same computation as `hatchery spend`.
    public struct Spend: Sendable {
        public var byModel: SpendReport
        public var byDayAndModel: SpendReport
        /// The `promptsPerModel` prompts of each model that cost most.
        public var byModelAndPrompt: SpendReport

        /// How many prompts the cost page lists under each model.
        public static let promptsPerModel = 10
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

    /// The models of the versions shown (the catalog's, or an earlier version's while a newer one is
    /// pending), in name order.
    public var models: [String] {
        Array(Set(entries.map(\.shownModel))).sorted()
    }
}
