import Foundation

/// A gallery's settings and prompts, as read from `catalog.yaml`.
public struct Catalog: Sendable {
    /// Settings that shape the site, not the images.
    public struct Gallery: Sendable, Equatable {
        public var title: String
        public var description: String?
        /// The templates folder, resolved against the catalog's folder.
        public var templates: URL?
        /// Prompts per index, tag and model page.
        public var pageSize: Int
        /// Whether public pages and files show what images cost (`show_spend`); when false the
        /// site has no cost page and no amount anywhere.
        public var showSpend: Bool
        /// Where the site is published (`base_url`): an absolute http(s) URL ending in `/`.
        /// With it the site gets canonical links, `sitemap.xml`, `feed.xml` and social cards.
        public var baseURL: String?
        /// The order of the index, tag and model pages and of the prompt pages' neighbours.
        public var sort: GallerySort

        public init(
            title: String = "Gallery",
            description: String? = nil,
            templates: URL? = nil,
            pageSize: Int = 48,
            showSpend: Bool = true,
            baseURL: String? = nil,
            sort: GallerySort = .catalog
        ) {
            self.title = title
            self.description = description
            self.templates = templates
            self.pageSize = pageSize
            self.showSpend = showSpend
            self.baseURL = baseURL
            self.sort = sort
        }
    }

    public var file: URL
    public var gallery: Gallery
    public var provider: ProviderKind
    /// How many tasks run at once; nil lets the build choose.
    public var concurrency: Int?
    /// The most this gallery may ever spend with its provider, over all builds.
    public var budget: Money?
    public var prompts: [PromptSpec]

    public init(
        file: URL,
        gallery: Gallery = Gallery(),
        provider: ProviderKind = .local,
        concurrency: Int? = nil,
        budget: Money? = nil,
        prompts: [PromptSpec]
    ) {
        self.file = file
        self.gallery = gallery
        self.provider = provider
        self.concurrency = concurrency
        self.budget = budget
        self.prompts = prompts
    }

    /// The folder holding the catalog: the site's root.
    public var directory: URL { file.deletingLastPathComponent() }
}
