import Foundation

// The values templates see. Plain structs with stored properties, each listed in its
// `TemplateFields` table (PageModels+TemplateFields.swift): that table is what a template can
// read and what a page's digest covers.

struct SiteView: Sendable {
    var title: String
    var description: String?
    var models: [ModelLink]
    /// `gallery.show_spend`: whether pages link to the cost page and show amounts.
    var showSpend: Bool
}

/// A link whose text is catalog text: a tag, or a neighbouring prompt's title.
struct TextLink: Sendable {
    var text: String
    var href: String
}

struct ModelLink: Sendable {
    var name: String
    var href: String
}

struct ImageView: Sendable {
    /// What `src` names, and its size (which `width` and `height` give the page's layout).
    var src: String
    var width: Int
    var height: Int
    /// Every web size, for `srcset`; empty when only the PNG exists.
    var candidates: [SourceCandidate]
    var hasCandidates: Bool
    /// The `sizes` attribute: how wide the image is shown where it appears.
    var sizes: String
    /// What the viewer shows.
    var full: String
    /// That file with its size, for social cards.
    var large: PublishedImage.File
    /// The original PNG, with its provenance.
    var original: String
    var originalWidth: Int
    var originalHeight: Int
    var alt: String
    var number: Int
    var bitDepth: Int
    var colorType: String
    var size: String
}

struct SourceCandidate: Sendable {
    var src: String
    var width: Int
    /// Whether another candidate follows (templates cannot ask for "last").
    var comma: Bool
}

struct CardView: Sendable {
    var id: String
    var href: String
    var title: String
    var prompt: String
    var model: String
    var modelHref: String
    var aspectRatio: String
    /// Empty when the gallery hides spend.
    var cost: String
    var image: ImageView?
    var imageCount: Int
    /// "A newer version is pending: …" when the image is of an earlier version.
    var newer: String?
    /// The card's place in the justified grid, from its image's aspect ratio: how much it grows
    /// (`--ratio`), its width at a row height of 15rem (`--basis`) and at most 30rem (`--cap`), as
    /// CSS custom properties. Nil without an image (the grid's defaults are 16:9).
    var shape: String?
}

struct Parameter: Sendable {
    var name: String
    var value: String
}

struct SpendRow: Sendable {
    var provider: String
    var model: String
    /// The model's page; nil when it has none (no prompt shows the model now).
    var modelHref: String?
    var tasks: Int
    var failedTasks: Int
    var images: Int
    var cost: String
    var costMicros: Int64
    var isEstimate: Bool
}

struct IndexPage: Sendable {
    var root: String
    var site: SiteView
    var head: PageHead
    var pageTitle: String
    var heading: String
    var cards: [Digested<CardView>]
    var promptCount: Int
    var imageCount: Int
    /// "1 prompt · 3 images": the counts in words.
    var counts: String
    /// Links to the other pages; nil when everything fits on one.
    var pagination: PaginationLinks?
    var tags: [TagLink]
    var hasTags: Bool
    /// Whether the page offers the search box (over the whole site, from the index at its root).
    var searchable: Bool
}

struct PageLink: Sendable {
    var number: Int
    var href: String
    var current: Bool
    /// Stands for page numbers left out (see `Pagination.window`).
    var gap: Bool
}

struct PaginationLinks: Sendable {
    var pages: [PageLink]
    var previous: String?
    var next: String?
}

struct TagLink: Sendable {
    var name: String
    var href: String
    var count: Int
}

struct PromptPage: Sendable {
    var root: String
    var site: SiteView
    var head: PageHead
    var pageTitle: String
    var id: String
    var title: String
    var caption: String?
    var prompt: String
    var negativePrompt: String?
    var tags: [TextLink]
    var hasTags: Bool
    var parameters: [Parameter]
    var model: String
    var modelHref: String
    /// nil when there are no images, or the gallery hides spend.
    var cost: String?
    var created: String?
    var images: [ImageView]
    var failure: String?
    /// Set when the images are of an earlier version: "A newer version is pending: …".
    var newer: String?
    /// The catalog's prompt text when the version shown was made from another one.
    var newerPrompt: String?
    /// The prompts before and after this one in the gallery's order.
    var previous: TextLink?
    var next: TextLink?
    var hasNeighbours: Bool
    var history: [HistoryView]
    var hasHistory: Bool
}

/// An earlier generation of a prompt, as its page lists it.
struct HistoryView: Sendable {
    var created: String
    var model: String
    var parameters: String
    var prompt: String
    /// Empty when the gallery hides spend.
    var cost: String
    var images: [ImageView]
}

/// A row of the cost page's list of every prompt. It names the prompt by id, as `hatchery spend
/// --by prompt` does, not by title: so a title edit leaves the cost page as it was.
struct PromptLink: Sendable {
    var id: String
    var href: String
    var model: String
}

/// A row of a model's most expensive prompts on the cost page, named by id (see `PromptLink`).
struct PromptCost: Sendable {
    var id: String
    /// The prompt's page; nil when the prompt left the catalog (its spend stays).
    var href: String?
    var images: Int
    var cost: String
}

struct ModelCostSection: Sendable {
    var model: String
    /// The model's page; nil when it has none (no prompt shows the model now).
    var modelHref: String?
    var topPrompts: [PromptCost]
}

struct ModelPage: Sendable {
    var root: String
    var site: SiteView
    var head: PageHead
    var pageTitle: String
    var model: String
    var cards: [Digested<CardView>]
    /// The model's spend, on its first page only (a new cost then changes one page, not all),
    /// and never when the gallery hides spend.
    var spend: [SpendRow]
    var showsSpend: Bool
    var pagination: PaginationLinks?
}

struct CostPage: Sendable {
    var root: String
    var site: SiteView
    var head: PageHead
    var pageTitle: String
    var rows: [SpendRow]
    var realTotal: String
    var estimateTotal: String
    var hasReal: Bool
    var hasEstimates: Bool
    /// HTML bars and an inline SVG made by `SpendCharts`, with every label escaped.
    var barChart: String
    var timeChart: String
    var timeChartCaption: String
    var sections: [ModelCostSection]
    var prompts: [PromptLink]
}
