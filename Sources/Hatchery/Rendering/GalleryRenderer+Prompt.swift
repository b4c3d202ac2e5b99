extension GalleryRenderer {
    /// A prompt's page: its text, tags (links to their pages), images, details and earlier
    /// versions, with links to the prompts before and after it in the gallery's order.
    func promptPage(
        _ entry: GalleryContent.Entry,
        between previous: GalleryContent.Entry?,
        and next: GalleryContent.Entry?,
        site: SiteView,
        published: PublishedImages,
        names: SiteNames,
        heads: PageHeads
    ) -> PromptPage {
        // What describes the images (text, model, parameters) comes from the version shown; what
        // names the prompt (id, title, caption, tags) from the catalog as it is now.
        let spec = entry.shownSpec
        let current = entry.spec
        let showSpend = site.showSpend
        var parameters = [
            Parameter(name: "Model", value: spec.model),
            Parameter(name: "Aspect ratio", value: spec.aspectRatio.rawValue),
            Parameter(name: "Resolution", value: spec.resolution?.rawValue ?? "default (1k)"),
            Parameter(name: "Outputs", value: String(spec.numOutputs)),
        ]
        if !spec.imageURLs.isEmpty {
            parameters.append(Parameter(name: "Reference images", value: spec.imageURLs.joined(separator: " ")))
        }
        if let provider = entry.generation?.provider {
            let offline = showSpend ? " (offline; cost is an estimate)" : " (offline)"
            parameters.append(
                Parameter(name: "Provider", value: provider.rawValue + (provider.costsAreEstimates ? offline : ""))
            )
        }
        let fingerprint = entry.newer != nil ? entry.generation?.fingerprint ?? entry.fingerprint : entry.fingerprint
        parameters.append(Parameter(name: "Fingerprint", value: String(fingerprint.hex.prefix(16))))
        let images = (entry.generation?.images ?? []).map {
            imageView($0, spec: spec, published: published, sizes: Self.pageSizes)
        }
        let path = SiteNames.promptPage(current.id)
        func link(_ neighbour: GalleryContent.Entry?) -> TextLink? {
            neighbour.map { TextLink(text: $0.spec.displayTitle, href: SiteNames.promptPage($0.spec.id)) }
        }
        return PromptPage(
            root: "../",
            site: site,
            head: heads.head(
                path: path,
                title: current.displayTitle,
                text: current.caption ?? spec.prompt,
                image: images.first.map { ($0.large, $0.alt) },
                type: "article"
            ),
            pageTitle: current.displayTitle,
            id: current.id,
            title: current.displayTitle,
            caption: current.caption,
            prompt: spec.prompt,
            negativePrompt: spec.negativePrompt,
            tags: current.tags.map { TextLink(text: $0, href: names.tagPage($0)) },
            hasTags: !current.tags.isEmpty,
            parameters: parameters,
            model: spec.model,
            modelHref: names.modelPage(spec.model),
            cost: showSpend ? entry.generation.map { $0.cost.formatted } : nil,
            created: (entry.generation?.completedAt).map(Self.formatDate),
            images: images,
            failure: entry.generation == nil ? entry.failure : nil,
            newer: entry.newer?.notice,
            newerPrompt: entry.newer != nil && current.prompt != spec.prompt ? current.prompt : nil,
            previous: link(previous),
            next: link(next),
            hasNeighbours: previous != nil || next != nil,
            history: entry.history.map { historyView($0, spec: spec, published: published, showSpend: showSpend) },
            hasHistory: !entry.history.isEmpty
        )
    }
}

extension GalleryContent.Entry {
    /// The prompt as the shown images were made from it: for an earlier version shown while a
    /// newer one is pending or failed, the text, model and parameters it was sent with, so that
    /// what the gallery says about an image describes that image. Id, title, caption and tags
    /// stay the catalog's.
    var shownSpec: PromptSpec {
        guard newer != nil, let generation else { return spec }
        var shown = spec
        shown.model = generation.model
        if let request = generation.request {
            shown.prompt = request.prompt
            shown.negativePrompt = request.negativePrompt
            shown.aspectRatio = request.aspectRatio
            shown.resolution = request.resolution
            shown.numOutputs = request.numOutputs
            shown.imageURLs = request.imageURLs ?? []
        }
        return shown
    }

    /// `shownSpec.model`, without copying the spec: grouping tens of thousands of prompts by model.
    var shownModel: String {
        guard newer != nil, let generation else { return spec.model }
        return generation.model
    }
}
