import Foundation

/// What a render wrote.
public struct RenderReport: Sendable, Equatable {
    public var filesWritten: Int
    public var filesUnchanged: Int
    public var filesRemoved: Int
    /// Old copies of the site beside it that could not be deleted, each a sentence naming the
    /// path and what blocks it. They never fail a build.
    public var warnings: [String] = []
}

/// Renders the static gallery: an index grid, a page per prompt and per model, and a cost
/// report, all with relative links so the site works from disk or any static host.
public struct GalleryRenderer: Sendable {
    public let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Writes the site for `content` into `output`, taking originals and web sizes from `images`.
    /// Only files whose inputs differ from `previous` (what the last build recorded of each
    /// file, by path relative to `output`) or that changed on disk are made, staged beside the
    /// site and moved in once all are made; files no output owns are deleted. Returns what the
    /// next build compares with: each page's and data file's digest and state as written.
    public func render(
        _ content: GalleryContent,
        to output: URL,
        images: consuming ImageFiles,
        previous: [String: OutputRecord] = [:]
    ) async throws(RenderError) -> (report: RenderReport, outputs: [String: OutputRecord]) {
        let rendered = try await render(
            content,
            to: output,
            images: consume images,
            files: SiteFiles(previous: previous, scanning: output)
        )
        return (rendered.report, rendered.changes.records(after: previous))
    }

    /// `render(_:to:images:previous:)` from `files`, read of `output` before: the site's files
    /// must not have changed since but by hand (a file edited or deleted in between is made
    /// again by the next build, whose scan sees it).
    func render(
        _ content: GalleryContent,
        to output: URL,
        images: consuming ImageFiles,
        files: SiteFiles
    ) async throws(RenderError) -> (report: RenderReport, changes: SiteOutputChanges) {
        let staging = SiteStaging(target: output)
        try staging.checkOwnership(previous: files.previous)
        var warnings: [String] = []
        let folder = try staging.begin(warnings: &warnings)
        var outputs = SiteOutputs(files: files, site: output, staging: folder, templates: templates)
        let stale: [String]
        do {
            // Handed on, not copied: a copy here kept every web image's record until the
            // render returned, which `write` lets go before the pages.
            try await write(content, images: consume images, into: &outputs)
            stale = outputs.stale
            try staging.commit(
                folder,
                staged: outputs.staged,
                stale: stale,
                undecodable: outputs.undecodable,
                present: { files.disk[$0] != nil },
                warnings: &warnings
            )
        } catch {
            staging.abandon(folder, warnings: &warnings)
            throw error
        }
        let report = RenderReport(
            filesWritten: outputs.staged.count,
            filesUnchanged: outputs.unchanged,
            filesRemoved: stale.count + outputs.undecodable.count,
            warnings: warnings
        )
        let changes = SiteOutputChanges(records: outputs.changes, removed: outputs.unowned(stale: stale))
        return (report, changes)
    }

    /// `images` is the render's own: its web images are let go once every image's files are
    /// worked out, before the pages, which hold the most, are made.
    private func write(
        _ content: GalleryContent,
        images: consuming ImageFiles,
        into outputs: inout SiteOutputs
    ) async throws(RenderError) {
        var content = content
        content.entries = GalleryOrder.sorted(content.entries, by: content.gallery.sort)
        let published = await PublishedImages.make(content, derived: images.derived)
        let entryDigests = await content.entries.concurrentMap { EntryDigest.of($0, published: published) }
        // The two files that list every prompt are written each on its own while the images
        // are published and the pages made: made one after the other, each left a core idle,
        // and made after the pages, they were most of a one-title rebuild's last quarter.
        let baseline = outputs.baseline
        let listed = content
        async let searchIndex = Self.result { () async throws(RenderError) in
            try await baseline.stream(SiteNames.searchIndex) { (output) async throws(RenderError) in
                try await SearchIndex.write(listed, published: published, to: &output)
            }
        }
        async let manifest = Self.result { () async throws(RenderError) in
            try await baseline.stream(SiteNames.manifest) { (output) async throws(RenderError) in
                try await SiteManifest.write(listed, published: published, to: &output)
            }
        }

        images.derived = DerivedImages()
        let names = SiteNames(content)
        let showSpend = content.gallery.showSpend
        let heads = PageHeads(content.gallery)
        let models = content.models
        let site = SiteView(
            title: content.gallery.title,
            description: content.gallery.description,
            models: models.map { ModelLink(name: $0, href: names.modelPage($0)) },
            showSpend: showSpend
        )
        // Every page, for the sitemap (a site with a `base_url`).
        var pages: [String] = []

        func publishImages(of generation: Generation) throws(RenderError) {
            for image in generation.images {
                try publish(
                    image,
                    of: generation,
                    at: published[image],
                    from: images,
                    showSpend: showSpend,
                    outputs: &outputs
                )
            }
        }
        for entry in content.entries {
            if let generation = entry.generation { try publishImages(of: generation) }
            for generation in entry.history { try publishImages(of: generation) }
        }
        try outputs.make(templates.files.assets.map { .data(path: SiteNames.asset($0.path), data: $0.data) })

        // The pages that show cards (grid, tag, model pages) and the cost page first: in a full
        // render, the cards of a page are let go before the prompt pages are made.
        let (listingPages, otherPages) = try await makeCardPages(
            content,
            entryDigests: entryDigests,
            published: published,
            models: models,
            site: site,
            names: names,
            heads: heads,
            into: &outputs
        )
        if content.gallery.baseURL != nil { pages += listingPages }

        let entries = content.entries
        let keys = PromptPageKeys(site: site, heads: heads, template: templates.digest(of: "prompt"))
        try await outputs.make(count: entries.count) { index in
            let entry = entries[index]
            let previous = index > 0 ? entries[index - 1] : nil
            let next = index + 1 < entries.count ? entries[index + 1] : nil
            let inputs = keys.inputs(of: entry, digest: entryDigests[index], between: previous, and: next, names: names)
            return [
                .keyed(path: SiteNames.promptPage(entry.spec.id), inputs: inputs.page) {
                    .page(
                        template: "prompt",
                        model: promptPage(
                            entry,
                            between: previous,
                            and: next,
                            site: site,
                            published: published,
                            names: names,
                            heads: heads
                        )
                    )
                },
                .keyed(path: SiteNames.promptSidecar(entry.spec.id), inputs: inputs.sidecar) {
                    let sidecar = SiteManifest.prompt(
                        entry,
                        withHistory: true,
                        published: published,
                        showSpend: showSpend
                    )
                    return .data(Data(sidecar.json.bytes()))
                },
            ]
        }
        if content.gallery.baseURL != nil { pages += entries.map { SiteNames.promptPage($0.spec.id) } }
        outputs.record(streamed: try await searchIndex.get())
        outputs.record(streamed: try await manifest.get())
        pages += otherPages
        if let base = content.gallery.baseURL {
            try outputs.make([
                .data(path: SiteNames.sitemap, data: Data(Sitemap.document(base: base, pages: pages).utf8)),
                .data(
                    path: SiteNames.feed,
                    data: Data(AtomFeed.document(content, published: published, base: base).utf8)
                ),
            ])
        }
    }

    /// Makes the grid and tag pages, the model pages and the cost page, which show cards (or,
    /// the cost page, every prompt), and returns their paths: the grid and tag pages', and the
    /// others'. A page's cards are made only when it is rendered.
    private func makeCardPages(
        _ content: GalleryContent,
        entryDigests: [SHA256Digest.Words],
        published: PublishedImages,
        models: [String],
        site: SiteView,
        names: SiteNames,
        heads: PageHeads,
        into outputs: inout SiteOutputs
    ) async throws(RenderError) -> (listings: [String], others: [String]) {
        let showSpend = content.gallery.showSpend
        let cards = CardSource(
            renderer: self,
            entries: content.entries,
            entryDigests: entryDigests,
            published: published,
            names: names,
            showSpend: showSpend
        )
        let grids = indexPages(content, cards: cards, site: site, names: names, heads: heads)
        try await outputs.make(count: grids.count) { [grids[$0].make()] }

        // A model spent on that no prompt shows now has no page to link to.
        let modelPages = Set(models)
        let rows = content.spend.byModel.rows.map { spendRow($0, names: names, pages: modelPages) }
        var modelOutputs: [PendingOutput] = []
        var byModel: [String: [Int]] = [:]
        for (index, entry) in content.entries.enumerated() { byModel[entry.shownModel, default: []].append(index) }
        let galleryTitle = content.gallery.title
        let template = templates.digest(of: "model")
        for model in models {
            let members = byModel[model] ?? []
            let spend = showSpend ? rows.filter { $0.model == model } : []
            let modelPages = Pagination(count: members.count, pageSize: content.gallery.pageSize) {
                names.modelPage(model, number: $0)
            }
            for modelPage in modelPages.pages {
                modelOutputs.append(
                    PendingOutput(path: modelPage.path) {
                        let title = modelPage.number == 1 ? model : "\(model), page \(modelPage.number)"
                        let page = { @Sendable (pageCards: [Digested<CardView>]) in
                            ModelPage(
                                root: modelPage.root,
                                site: site,
                                head: heads.head(
                                    path: modelPage.path,
                                    title: title,
                                    text: "Images made with \(model) in \(galleryTitle).",
                                    image: Self.socialImage(of: pageCards)
                                ),
                                pageTitle: title,
                                model: model,
                                cards: pageCards,
                                spend: modelPage.number == 1 ? spend : [],
                                showsSpend: showSpend && modelPage.number == 1,
                                pagination: modelPage.links
                            )
                        }
                        return cards.page(
                            at: modelPage.path,
                            template: "model",
                            templateDigest: template,
                            members: members,
                            range: modelPage.range,
                            model: page
                        )
                    }
                )
            }
        }
        if showSpend {
            let cost = SiteOutput.page(
                path: SiteNames.costPage,
                template: "cost",
                model: costPage(content, rows: rows, site: site, names: names, modelPages: modelPages, heads: heads)
            )
            // First: a row per prompt makes it the longest page to render by far, and made
            // last it kept one core busy alone while the other had no page left.
            modelOutputs.insert(PendingOutput(path: SiteNames.costPage) { cost }, at: 0)
        }
        let others = modelOutputs
        try await outputs.make(count: others.count) { [others[$0].make()] }
        return (grids.map(\.path), others.map(\.path))
    }

    /// `body`'s outcome as a value: a child task of `async let` loses the error's type.
    private static func result<Value>(
        _ body: () async throws(RenderError) -> Value
    ) async -> Result<Value, RenderError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// The grid, `page_size` prompts a page: `index.html`, then `pages/2.html`, …; and a page per tag.
    private func indexPages(
        _ content: GalleryContent,
        cards: CardSource,
        site: SiteView,
        names: SiteNames,
        heads: PageHeads
    ) -> [PendingOutput] {
        let imageCount = content.entries.reduce(0) { $0 + ($1.generation?.images.count ?? 0) }
        var tagCounts: [String: Int] = [:]
        for entry in content.entries { for tag in Set(entry.spec.tags) { tagCounts[tag, default: 0] += 1 } }
        let tags = tagCounts.sorted { $0.key < $1.key }.map {
            TagLink(name: $0.key, href: names.tagPage($0.key), count: $0.value)
        }

        let about =
            content.gallery.description
            ?? "\(content.entries.count) prompts and \(imageCount) images generated with Hatchery."
        let grid = GridPages(site: site, tags: tags, heads: heads, template: templates.digest(of: "index"))
        var outputs = grid.pages(
            cards: cards,
            members: Array(content.entries.indices),
            pages: Pagination(
                count: content.entries.count,
                pageSize: content.gallery.pageSize,
                path: SiteNames.indexPage
            ),
            title: content.gallery.title,
            heading: content.gallery.title,
            about: about,
            imageCount: imageCount
        )
        var byTag: [String: [Int]] = [:]
        for (index, entry) in content.entries.enumerated() {
            for tag in Set(entry.spec.tags) { byTag[tag, default: []].append(index) }
        }
        for tag in tags {
            let tagged = byTag[tag.name] ?? []
            outputs += grid.pages(
                cards: cards,
                members: tagged,
                pages: Pagination(count: tagged.count, pageSize: content.gallery.pageSize) {
                    names.tagPage(tag.name, number: $0)
                },
                title: "Tagged \(tag.name)",
                heading: "Tagged “\(tag.name)”",
                about: "\(tagged.count) prompts tagged “\(tag.name)” in \(content.gallery.title).",
                imageCount: tagged.reduce(0) { $0 + cards.imageCount($1) }
            )
        }
        return outputs
    }

    /// The first card's image, as a social card shows it.
    static func socialImage(of cards: [Digested<CardView>]) -> (file: PublishedImage.File, alt: String)? {
        cards.lazy.compactMap { card in card.value.image.map { ($0.large, $0.alt) } }.first
    }

    private func costPage(
        _ content: GalleryContent,
        rows: [SpendRow],
        site: SiteView,
        names: SiteNames,
        modelPages: Set<String>,
        heads: PageHeads
    ) -> CostPage {
        let report = content.spend.byModel
        let bars = SpendCharts.bars(report.rows.map { ($0.model ?? "?", $0.costMicros, $0.isEstimate) })
        let daily = content.spend.byDayAndModel
        let days = Array(Set(daily.rows.compactMap(\.day))).sorted()
        func seriesLabel(_ row: SpendReport.Row) -> String {
            "\(row.model ?? "?")\(row.isEstimate ? " (estimate)" : "")"
        }
        let series = Array(Set(daily.rows.map(seriesLabel))).sorted().map { label in
            (
                label: label,
                perDay: daily.rows.filter { seriesLabel($0) == label }
                    .reduce(into: [String: Int64]()) { $0[$1.day ?? "", default: 0] += $1.costMicros }
            )
        }
        let overTime = SpendCharts.overTime(days: days, series: series)
        let listed = Set(content.entries.map(\.spec.id))
        let sections = Array(Set(content.spend.byModelAndPrompt.rows.compactMap(\.model))).sorted().map { model in
            ModelCostSection(
                model: model,
                modelHref: modelPages.contains(model) ? names.modelPage(model) : nil,
                topPrompts: content.spend.byModelAndPrompt.rows.filter { $0.model == model }
                    .prefix(GalleryContent.Spend.promptsPerModel).map { row in
                        let id = row.prompt ?? ""
                        // Prompts no longer in the catalog keep their spend but have no page.
                        return PromptCost(
                            id: id,
                            href: listed.contains(id) ? SiteNames.promptPage(id) : nil,
                            images: row.images,
                            cost: row.cost
                        )
                    }
            )
        }
        return CostPage(
            root: "",
            site: site,
            head: heads.head(
                path: SiteNames.costPage,
                title: "Spend",
                text: "What the images of \(content.gallery.title) cost, per model and over time."
            ),
            pageTitle: "Spend",
            rows: rows,
            realTotal: report.totalReal,
            estimateTotal: report.totalEstimate,
            hasReal: rows.contains { !$0.isEstimate },
            hasEstimates: rows.contains(where: \.isEstimate),
            barChart: bars,
            timeChart: overTime.svg,
            timeChartCaption: overTime.caption,
            sections: sections,
            prompts: content.entries.map {
                PromptLink(id: $0.spec.id, href: SiteNames.promptPage($0.spec.id), model: $0.spec.model)
            }
        )
    }

    /// The original PNG with its provenance chunks (made only when missing: its name covers
    /// both), and its web sizes from the derived folder.
    private func publish(
        _ image: Generation.Image,
        of generation: Generation,
        at published: PublishedImage,
        from files: ImageFiles,
        showSpend: Bool,
        outputs: inout SiteOutputs
    ) throws(RenderError) {
        try outputs.ensure(published.original.path) { () throws(RenderError) in
            let source = files.objects.url(sha256: image.sha256)
            do {
                return try PNGTextChunks.replacing(
                    Provenance(image: image, generation: generation, showSpend: showSpend).textChunks,
                    in: Data(contentsOf: source)
                )
            } catch {
                throw .write(
                    path: source.path,
                    reason: "the stored original could not be read (\(ErrorReason.of(error)))"
                )
            }
        }
        for size in published.sizes {
            try outputs.copy(size.name, of: files.derivedFolder, bytes: size.bytes, to: size.path)
        }
    }

    func card(
        for entry: GalleryContent.Entry,
        published: PublishedImages,
        names: SiteNames,
        showSpend: Bool
    ) -> CardView {
        let images = entry.generation?.images ?? []
        let spec = entry.shownSpec
        let image = images.first.map {
            imageView($0, spec: spec, published: published, sizes: Self.cardSizes)
        }
        return CardView(
            id: entry.spec.id,
            href: SiteNames.promptPage(entry.spec.id),
            title: entry.spec.displayTitle,
            prompt: spec.prompt,
            model: spec.model,
            modelHref: names.modelPage(spec.model),
            aspectRatio: spec.aspectRatio.rawValue,
            cost: showSpend ? entry.generation?.cost.formatted ?? "" : "",
            image: image,
            imageCount: images.count,
            newer: entry.newer?.notice,
            shape: image.map { Self.cardShape(width: $0.width, height: $0.height) }
        )
    }

    /// A card's CSS custom properties for the justified grid (see `CardView.shape`); the search
    /// script gives its result cards the same.
    static func cardShape(width: Int, height: Int) -> String {
        let ratio = Double(width) / Double(max(1, height))
        return "--ratio: \(fixed(ratio, places: 4)); --basis: \(fixed(ratio * 15, places: 2))rem; "
            + "--cap: \(fixed(ratio * 30, places: 2))rem"
    }

    /// `value` with `places` decimals, as `%.Nf` writes it for the sizes a card has; by integer
    /// arithmetic, since `String(format:)` cost more than the rest of the card.
    static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// How wide a card's image is shown: the grid's columns are at least 16rem, one column on a phone.
    static let cardSizes = "(max-width: 36rem) 100vw, 20rem"
    /// A prompt page's images: one column on a phone, else about half the page.
    static let pageSizes = "(max-width: 40rem) 100vw, 50vw"
    /// Earlier versions' thumbnails are 10rem wide.
    static let historySizes = "10rem"

    func imageView(
        _ image: Generation.Image,
        spec: PromptSpec,
        published: PublishedImages,
        sizes: String
    ) -> ImageView {
        let files = published[image]
        let offered = files.candidates
        let candidates = offered.enumerated().map { index, file in
            SourceCandidate(src: file.path, width: file.width, comma: index < offered.count - 1)
        }
        return ImageView(
            src: files.fallback.path,
            width: files.fallback.width,
            height: files.fallback.height,
            candidates: candidates,
            hasCandidates: !candidates.isEmpty,
            sizes: sizes,
            full: files.large.path,
            large: files.large,
            original: files.original.path,
            originalWidth: image.width,
            originalHeight: image.height,
            alt: spec.prompt,
            number: image.number,
            bitDepth: image.bitDepth,
            colorType: image.facts.colorTypeName,
            size: Self.formatBytes(image.bytes)
        )
    }

    func historyView(
        _ generation: Generation,
        spec: PromptSpec,
        published: PublishedImages,
        showSpend: Bool
    ) -> HistoryView {
        let request = generation.request
        var parameters = [
            request?.aspectRatio.rawValue ?? "", request?.resolution?.rawValue ?? "1k",
            "\(request?.numOutputs ?? generation.images.count) output(s)",
        ]
        if let negative = request?.negativePrompt { parameters.append("negative: \(negative)") }
        return HistoryView(
            created: Self.formatDate(generation.completedAt),
            model: generation.model,
            parameters: parameters.joined(separator: ", "),
            prompt: request?.prompt ?? "",
            cost: showSpend ? generation.cost.formatted : "",
            images: generation.images.map { image in
                var earlier = spec
                earlier.prompt = request?.prompt ?? spec.prompt
                return imageView(image, spec: earlier, published: published, sizes: Self.historySizes)
            }
        )
    }

    /// `pages`: the models with a page.
    private func spendRow(_ row: SpendReport.Row, names: SiteNames, pages: Set<String>) -> SpendRow {
        let model = row.model ?? "?"
        return SpendRow(
            provider: row.provider,
            model: model,
            modelHref: pages.contains(model) ? names.modelPage(model) : nil,
            tasks: row.tasks,
            failedTasks: row.failedTasks,
            images: row.images,
            cost: row.cost,
            costMicros: row.costMicros,
            isEstimate: row.isEstimate
        )
    }

    static func formatDate(_ date: Date) -> String {
        Timestamp.formatMinutes(date)
    }

    static func formatBytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MiB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KiB"
    }
}
