import Testing

@testable import Hatchery

/// Templates read page models through `TemplateFields` tables, not reflection: every stored
/// property must be in its type's table, in order, or a template would silently print nothing
/// for it and the page's digest would not see it change.
@Suite struct TemplateFieldsTests {
    @Test func everyPageModelsTableNamesEachStoredPropertyInOrder() {
        var checked: Set<String> = []
        for page in [Self.indexPage, Self.promptPage, Self.modelPage, Self.costPage] as [any TemplateFields] {
            check(page, checked: &checked)
        }
        // Every page model type, reached from the four pages.
        #expect(checked.count == 23, "\(checked.sorted())")
    }

    @Test func aFieldReadsAsItsValueAndANilOptionalAsNothing() {
        var card = Self.cardView
        card.newer = nil
        #expect(card.child(named: "title") as? String == "x")
        #expect(card.child(named: "imageCount") as? Int == 1)
        #expect(card.child(named: "newer") == nil)
        #expect(card.child(named: "noSuchField") == nil)
    }

    /// Stored properties a table shows as one field made of them: a published file's name is
    /// held by its parts (`PublishedImage.File.name`).
    static let fieldsOfParts: [String: (parts: [String], field: String)] = [
        "File": (["original", "naming"], "name")
    ]

    private func check(_ model: any TemplateFields, checked: inout Set<String>) {
        var labels = Mirror(reflecting: model).children.compactMap(\.label)
        if let made = Self.fieldsOfParts["\(type(of: model))"], let start = labels.firstIndex(of: made.parts[0]) {
            #expect(Array(labels[start...].prefix(made.parts.count)) == made.parts)
            labels.replaceSubrange(start..<start + made.parts.count, with: [made.field])
        }
        #expect(names(of: model) == labels, "\(type(of: model))")
        checked.insert("\(type(of: model))")
        for child in Mirror(reflecting: model).children { visit(child.value, checked: &checked) }
    }

    private func visit(_ value: Any, checked: inout Set<String>) {
        if let model = value as? any TemplateFields {
            check(model, checked: &checked)
        } else {
            for child in Mirror(reflecting: value).children { visit(child.value, checked: &checked) }
        }
    }

    private func names<Model: TemplateFields>(of model: Model) -> [String] {
        Model.templateFields.names
    }

    static let siteView = SiteView(title: "x", description: "x", models: [Self.modelLink], showSpend: true)
    static let textLink = TextLink(text: "x", href: "x")
    static let modelLink = ModelLink(name: "x", href: "x")
    static let imageView = ImageView(
        src: "x",
        width: 1,
        height: 1,
        candidates: [Self.sourceCandidate],
        hasCandidates: true,
        sizes: "x",
        full: "x",
        large: Self.file,
        original: "x",
        originalWidth: 1,
        originalHeight: 1,
        alt: "x",
        number: 1,
        bitDepth: 1,
        colorType: "x",
        size: "x"
    )
    static let sourceCandidate = SourceCandidate(src: "x", width: 1, comma: true)
    static let cardView = CardView(
        id: "x",
        href: "x",
        title: "x",
        prompt: "x",
        model: "x",
        modelHref: "x",
        aspectRatio: "x",
        cost: "x",
        image: Self.imageView,
        imageCount: 1,
        newer: "x",
        shape: "x"
    )
    static let parameter = Parameter(name: "x", value: "x")
    static let spendRow = SpendRow(
        provider: "x",
        model: "x",
        modelHref: "x",
        tasks: 1,
        failedTasks: 1,
        images: 1,
        cost: "x",
        costMicros: 1,
        isEstimate: true
    )
    static let indexPage = IndexPage(
        root: "x",
        site: Self.siteView,
        head: Self.pageHead,
        pageTitle: "x",
        heading: "x",
        cards: [Digested(Self.cardView)],
        promptCount: 1,
        imageCount: 1,
        counts: "x",
        pagination: Self.paginationLinks,
        tags: [Self.tagLink],
        hasTags: true,
        searchable: true
    )
    static let pageLink = PageLink(number: 1, href: "x", current: true, gap: false)
    static let paginationLinks = PaginationLinks(pages: [Self.pageLink], previous: "x", next: "x")
    static let tagLink = TagLink(name: "x", href: "x", count: 1)
    static let promptPage = PromptPage(
        root: "x",
        site: Self.siteView,
        head: Self.pageHead,
        pageTitle: "x",
        id: "x",
        title: "x",
        caption: "x",
        prompt: "x",
        negativePrompt: "x",
        tags: [Self.textLink],
        hasTags: true,
        parameters: [Self.parameter],
        model: "x",
        modelHref: "x",
        cost: "x",
        created: "x",
        images: [Self.imageView],
        failure: "x",
        newer: "x",
        newerPrompt: "x",
        previous: Self.textLink,
        next: Self.textLink,
        hasNeighbours: true,
        history: [Self.historyView],
        hasHistory: true
    )
    static let historyView = HistoryView(
        created: "x",
        model: "x",
        parameters: "x",
        prompt: "x",
        cost: "x",
        images: [Self.imageView]
    )
    static let promptLink = PromptLink(id: "x", href: "x", model: "x")
    static let promptCost = PromptCost(id: "x", href: "x", images: 1, cost: "x")
    static let modelCostSection = ModelCostSection(model: "x", modelHref: "x", topPrompts: [Self.promptCost])
    static let modelPage = ModelPage(
        root: "x",
        site: Self.siteView,
        head: Self.pageHead,
        pageTitle: "x",
        model: "x",
        cards: [Digested(Self.cardView)],
        spend: [Self.spendRow],
        showsSpend: true,
        pagination: Self.paginationLinks
    )
    static let costPage = CostPage(
        root: "x",
        site: Self.siteView,
        head: Self.pageHead,
        pageTitle: "x",
        rows: [Self.spendRow],
        realTotal: "x",
        estimateTotal: "x",
        hasReal: true,
        hasEstimates: true,
        barChart: "x",
        timeChart: "x",
        timeChartCaption: "x",
        sections: [Self.modelCostSection],
        prompts: [Self.promptLink]
    )
    static let pageHead = PageHead(description: "x", canonical: "x", hasFeed: true, social: Self.socialCard)
    static let socialCard = SocialCard(
        type: "x",
        siteName: "x",
        title: "x",
        description: "x",
        url: "x",
        image: Self.socialImage,
        twitterCard: "x"
    )
    static let socialImage = SocialImage(url: "x", width: 1, height: 1, alt: "x")
    static let file = PublishedImage.File(name: "x", width: 1, height: 1, role: .small, bytes: 1)
}
