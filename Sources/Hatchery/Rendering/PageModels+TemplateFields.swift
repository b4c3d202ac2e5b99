// Each page model's fields as templates name them (see `TemplateFields`). A test checks each
// table against the type's stored properties, so a new property cannot be left out.

extension SiteView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("title") { $0.title },
        .field("description") { $0.description },
        .field("models") { $0.models },
        .field("showSpend") { $0.showSpend },
    ])
}

extension TextLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("text") { $0.text },
        .field("href") { $0.href },
    ])
}

extension ModelLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("name") { $0.name },
        .field("href") { $0.href },
    ])
}

extension ImageView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("src") { $0.src },
        .field("width") { $0.width },
        .field("height") { $0.height },
        .field("candidates") { $0.candidates },
        .field("hasCandidates") { $0.hasCandidates },
        .field("sizes") { $0.sizes },
        .field("full") { $0.full },
        .field("large") { $0.large },
        .field("original") { $0.original },
        .field("originalWidth") { $0.originalWidth },
        .field("originalHeight") { $0.originalHeight },
        .field("alt") { $0.alt },
        .field("number") { $0.number },
        .field("bitDepth") { $0.bitDepth },
        .field("colorType") { $0.colorType },
        .field("size") { $0.size },
    ])
}

extension SourceCandidate: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("src") { $0.src },
        .field("width") { $0.width },
        .field("comma") { $0.comma },
    ])
}

extension CardView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("id") { $0.id },
        .field("href") { $0.href },
        .field("title") { $0.title },
        .field("prompt") { $0.prompt },
        .field("model") { $0.model },
        .field("modelHref") { $0.modelHref },
        .field("aspectRatio") { $0.aspectRatio },
        .field("cost") { $0.cost },
        .field("image") { $0.image },
        .field("imageCount") { $0.imageCount },
        .field("newer") { $0.newer },
        .field("shape") { $0.shape },
    ])
}

extension Parameter: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("name") { $0.name },
        .field("value") { $0.value },
    ])
}

extension SpendRow: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("provider") { $0.provider },
        .field("model") { $0.model },
        .field("modelHref") { $0.modelHref },
        .field("tasks") { $0.tasks },
        .field("failedTasks") { $0.failedTasks },
        .field("images") { $0.images },
        .field("cost") { $0.cost },
        .field("costMicros") { $0.costMicros },
        .field("isEstimate") { $0.isEstimate },
    ])
}

extension IndexPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("root") { $0.root },
        .field("site") { $0.site },
        .field("head") { $0.head },
        .field("pageTitle") { $0.pageTitle },
        .field("heading") { $0.heading },
        .field("cards") { $0.cards },
        .field("promptCount") { $0.promptCount },
        .field("imageCount") { $0.imageCount },
        .field("counts") { $0.counts },
        .field("pagination") { $0.pagination },
        .field("tags") { $0.tags },
        .field("hasTags") { $0.hasTags },
        .field("searchable") { $0.searchable },
    ])
}

extension PageLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("number") { $0.number },
        .field("href") { $0.href },
        .field("current") { $0.current },
        .field("gap") { $0.gap },
    ])
}

extension PaginationLinks: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("pages") { $0.pages },
        .field("previous") { $0.previous },
        .field("next") { $0.next },
    ])
}

extension TagLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("name") { $0.name },
        .field("href") { $0.href },
        .field("count") { $0.count },
    ])
}

extension PromptPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("root") { $0.root },
        .field("site") { $0.site },
        .field("head") { $0.head },
        .field("pageTitle") { $0.pageTitle },
        .field("id") { $0.id },
        .field("title") { $0.title },
        .field("caption") { $0.caption },
        .field("prompt") { $0.prompt },
        .field("negativePrompt") { $0.negativePrompt },
        .field("tags") { $0.tags },
        .field("hasTags") { $0.hasTags },
        .field("parameters") { $0.parameters },
        .field("model") { $0.model },
        .field("modelHref") { $0.modelHref },
        .field("cost") { $0.cost },
        .field("created") { $0.created },
        .field("images") { $0.images },
        .field("failure") { $0.failure },
        .field("newer") { $0.newer },
        .field("newerPrompt") { $0.newerPrompt },
        .field("previous") { $0.previous },
        .field("next") { $0.next },
        .field("hasNeighbours") { $0.hasNeighbours },
        .field("history") { $0.history },
        .field("hasHistory") { $0.hasHistory },
    ])
}

extension HistoryView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("created") { $0.created },
        .field("model") { $0.model },
        .field("parameters") { $0.parameters },
        .field("prompt") { $0.prompt },
        .field("cost") { $0.cost },
        .field("images") { $0.images },
    ])
}

extension PromptLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("id") { $0.id },
        .field("href") { $0.href },
        .field("model") { $0.model },
    ])
}

extension PromptCost: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("id") { $0.id },
        .field("href") { $0.href },
        .field("images") { $0.images },
        .field("cost") { $0.cost },
    ])
}

extension ModelCostSection: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("model") { $0.model },
        .field("modelHref") { $0.modelHref },
        .field("topPrompts") { $0.topPrompts },
    ])
}

extension ModelPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("root") { $0.root },
        .field("site") { $0.site },
        .field("head") { $0.head },
        .field("pageTitle") { $0.pageTitle },
        .field("model") { $0.model },
        .field("cards") { $0.cards },
        .field("spend") { $0.spend },
        .field("showsSpend") { $0.showsSpend },
        .field("pagination") { $0.pagination },
    ])
}

extension CostPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("root") { $0.root },
        .field("site") { $0.site },
        .field("head") { $0.head },
        .field("pageTitle") { $0.pageTitle },
        .field("rows") { $0.rows },
        .field("realTotal") { $0.realTotal },
        .field("estimateTotal") { $0.estimateTotal },
        .field("hasReal") { $0.hasReal },
        .field("hasEstimates") { $0.hasEstimates },
        .field("barChart") { $0.barChart },
        .field("timeChart") { $0.timeChart },
        .field("timeChartCaption") { $0.timeChartCaption },
        .field("sections") { $0.sections },
        .field("prompts") { $0.prompts },
    ])
}

extension PageHead: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("description") { $0.description },
        .field("canonical") { $0.canonical },
        .field("hasFeed") { $0.hasFeed },
        .field("social") { $0.social },
    ])
}

extension SocialCard: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("type") { $0.type },
        .field("siteName") { $0.siteName },
        .field("title") { $0.title },
        .field("description") { $0.description },
        .field("url") { $0.url },
        .field("image") { $0.image },
        .field("twitterCard") { $0.twitterCard },
    ])
}

extension SocialImage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("url") { $0.url },
        .field("width") { $0.width },
        .field("height") { $0.height },
        .field("alt") { $0.alt },
    ])
}

extension PublishedImage.File: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        .field("name") { $0.name },
        .field("width") { $0.width },
        .field("height") { $0.height },
        .field("role") { $0.role },
        .field("bytes") { $0.bytes },
    ])
}
