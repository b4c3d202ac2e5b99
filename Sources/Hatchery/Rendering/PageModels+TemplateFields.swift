// Each page model's fields as templates name them (see `TemplateFields`). A test checks each
// table against the type's stored properties, so a new property cannot be left out.

extension SiteView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "title": { $0.title },
        "description": { $0.description },
        "models": { $0.models },
        "showSpend": { $0.showSpend },
    ])
}

extension TextLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "text": { $0.text },
        "href": { $0.href },
    ])
}

extension ModelLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "name": { $0.name },
        "href": { $0.href },
    ])
}

extension ImageView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "src": { $0.src },
        "width": { $0.width },
        "height": { $0.height },
        "candidates": { $0.candidates },
        "hasCandidates": { $0.hasCandidates },
        "sizes": { $0.sizes },
        "full": { $0.full },
        "large": { $0.large },
        "original": { $0.original },
        "originalWidth": { $0.originalWidth },
        "originalHeight": { $0.originalHeight },
        "alt": { $0.alt },
        "number": { $0.number },
        "bitDepth": { $0.bitDepth },
        "colorType": { $0.colorType },
        "size": { $0.size },
    ])
}

extension SourceCandidate: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "src": { $0.src },
        "width": { $0.width },
        "comma": { $0.comma },
    ])
}

extension CardView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "id": { $0.id },
        "href": { $0.href },
        "title": { $0.title },
        "prompt": { $0.prompt },
        "model": { $0.model },
        "modelHref": { $0.modelHref },
        "aspectRatio": { $0.aspectRatio },
        "cost": { $0.cost },
        "image": { $0.image },
        "imageCount": { $0.imageCount },
        "newer": { $0.newer },
        "shape": { $0.shape },
    ])
}

extension Parameter: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "name": { $0.name },
        "value": { $0.value },
    ])
}

extension SpendRow: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "provider": { $0.provider },
        "model": { $0.model },
        "modelHref": { $0.modelHref },
        "tasks": { $0.tasks },
        "failedTasks": { $0.failedTasks },
        "images": { $0.images },
        "cost": { $0.cost },
        "costMicros": { $0.costMicros },
        "isEstimate": { $0.isEstimate },
    ])
}

extension IndexPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "root": { $0.root },
        "site": { $0.site },
        "head": { $0.head },
        "pageTitle": { $0.pageTitle },
        "heading": { $0.heading },
        "cards": { $0.cards },
        "promptCount": { $0.promptCount },
        "imageCount": { $0.imageCount },
        "counts": { $0.counts },
        "pagination": { $0.pagination },
        "tags": { $0.tags },
        "hasTags": { $0.hasTags },
        "searchable": { $0.searchable },
    ])
}

extension PageLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "number": { $0.number },
        "href": { $0.href },
        "current": { $0.current },
    ])
}

extension PaginationLinks: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "pages": { $0.pages },
        "previous": { $0.previous },
        "next": { $0.next },
    ])
}

extension TagLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "name": { $0.name },
        "href": { $0.href },
        "count": { $0.count },
    ])
}

extension PromptPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "root": { $0.root },
        "site": { $0.site },
        "head": { $0.head },
        "pageTitle": { $0.pageTitle },
        "id": { $0.id },
        "title": { $0.title },
        "caption": { $0.caption },
        "prompt": { $0.prompt },
        "negativePrompt": { $0.negativePrompt },
        "tags": { $0.tags },
        "hasTags": { $0.hasTags },
        "parameters": { $0.parameters },
        "model": { $0.model },
        "modelHref": { $0.modelHref },
        "cost": { $0.cost },
        "created": { $0.created },
        "images": { $0.images },
        "failure": { $0.failure },
        "newer": { $0.newer },
        "newerPrompt": { $0.newerPrompt },
        "previous": { $0.previous },
        "next": { $0.next },
        "hasNeighbours": { $0.hasNeighbours },
        "history": { $0.history },
        "hasHistory": { $0.hasHistory },
    ])
}

extension HistoryView: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "created": { $0.created },
        "model": { $0.model },
        "parameters": { $0.parameters },
        "prompt": { $0.prompt },
        "cost": { $0.cost },
        "images": { $0.images },
    ])
}

extension PromptLink: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "title": { $0.title },
        "href": { $0.href },
        "model": { $0.model },
    ])
}

extension PromptCost: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "title": { $0.title },
        "href": { $0.href },
        "images": { $0.images },
        "cost": { $0.cost },
    ])
}

extension ModelCostSection: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "model": { $0.model },
        "modelHref": { $0.modelHref },
        "topPrompts": { $0.topPrompts },
    ])
}

extension ModelPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "root": { $0.root },
        "site": { $0.site },
        "head": { $0.head },
        "pageTitle": { $0.pageTitle },
        "model": { $0.model },
        "cards": { $0.cards },
        "spend": { $0.spend },
        "showsSpend": { $0.showsSpend },
        "pagination": { $0.pagination },
    ])
}

extension CostPage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "root": { $0.root },
        "site": { $0.site },
        "head": { $0.head },
        "pageTitle": { $0.pageTitle },
        "rows": { $0.rows },
        "realTotal": { $0.realTotal },
        "estimateTotal": { $0.estimateTotal },
        "hasReal": { $0.hasReal },
        "hasEstimates": { $0.hasEstimates },
        "barChart": { $0.barChart },
        "timeChart": { $0.timeChart },
        "timeChartCaption": { $0.timeChartCaption },
        "sections": { $0.sections },
        "prompts": { $0.prompts },
    ])
}

extension PageHead: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "description": { $0.description },
        "canonical": { $0.canonical },
        "hasFeed": { $0.hasFeed },
        "social": { $0.social },
    ])
}

extension SocialCard: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "type": { $0.type },
        "siteName": { $0.siteName },
        "title": { $0.title },
        "description": { $0.description },
        "url": { $0.url },
        "image": { $0.image },
        "twitterCard": { $0.twitterCard },
    ])
}

extension SocialImage: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "url": { $0.url },
        "width": { $0.width },
        "height": { $0.height },
        "alt": { $0.alt },
    ])
}

extension PublishedImage.File: TemplateFields {
    static let templateFields = TemplateFieldTable<Self>([
        "name": { $0.name },
        "width": { $0.width },
        "height": { $0.height },
        "role": { $0.role },
        "bytes": { $0.bytes },
    ])
}
