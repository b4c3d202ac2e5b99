import Foundation

extension CatalogLoader {
    /// A prompt as read, with the node of its id for a later duplicate check.
    struct ReadPrompt {
        var spec: PromptSpec
        var idNode: CatalogNode?
        var id: String { spec.id }
    }

    /// A prompt's own fields, read and checked as the entry is composed, before `defaults` (which
    /// may come later in the file) is known; `finish` merges them.
    struct PromptDraft {
        var id: String
        var idNode: CatalogNode?
        /// How messages name the prompt: `prompts[id]`.
        var path: String
        var text: String
        var title: String?
        var caption: String?
        var tags: [String]
        var imageURLs: [String]
        var fields: PromptFields
        var line: Int
    }

    /// The entry `item` of `prompts` at `index`, its problems reported; nil when it has no
    /// usable id or text.
    func readPrompt(_ item: CatalogNode, index: Int, reader: inout CatalogNodeReader) -> PromptDraft? {
        let fallback = "prompts[\(index)]"
        guard let map = reader.mapping(item, at: fallback) else { return nil }
        let idNode = map["id"]
        let id = reader.string(
            idNode,
            at: "\(fallback).id",
            limit: CatalogLimits.id,
            rule: "use 1–\(CatalogLimits.id) lowercase letters, digits and single hyphens"
        )
        // Messages name the prompt by its id when the id can be shown as it is.
        let path =
            id.flatMap { CatalogNodeReader.isPlain($0, limit: CatalogLimits.id) ? "prompts[\($0)]" : nil } ?? fallback
        reader.checkKeys(
            map,
            allowed: ["id", "title", "caption", "tags"] + PromptFields.generationKeys + ["prompt", "image_urls"],
            at: path
        )

        let fields = readFields(map, at: path, reader: &reader)
        // Bounded loosely before trimming (a block scalar ends in a line break), exactly after.
        let text = reader.string(
            map["prompt"],
            at: "\(path).prompt",
            limit: 2 * CatalogLimits.prompt,
            rule: "EggAPI allows 1 to \(CatalogLimits.prompt)"
        ).map(CatalogText.trimmed)
        // A title that shows nothing (spaces, zero-width characters) is no title: pages fall
        // back to the prompt's first words, as for an empty one, rather than show a blank name.
        let title = reader.string(map["title"], at: "\(path).title", limit: CatalogLimits.title)
            .flatMap { CatalogNodeReader.hasVisibleCharacter($0) ? $0 : nil }
        let caption = reader.string(map["caption"], at: "\(path).caption", limit: CatalogLimits.caption)
        let tags =
            reader.textList(
                map["tags"],
                at: "\(path).tags",
                noun: "tag",
                maxItems: CatalogLimits.tagsPerPrompt,
                itemLimit: CatalogLimits.tag
            ) ?? []
        let imageURLs =
            reader.textList(
                map["image_urls"],
                at: "\(path).image_urls",
                noun: "URL",
                maxItems: CatalogLimits.imageURLs,
                itemLimit: CatalogLimits.imageURL,
                rule: "EggAPI allows at most \(CatalogLimits.imageURLs)"
            ) ?? []

        guard let id else {
            if idNode == nil || idNode?.scalar.map(CatalogNodeReader.isNull) == true {
                reader.report(
                    idNode ?? map.node,
                    at: "\(path).id",
                    "is missing: every prompt needs an `id`, a slug such as `harbor-at-dawn`"
                )
            }
            return nil
        }
        if !Self.isSlug(id) {
            reader.report(
                idNode,
                at: "\(path).id",
                "\(ValueQuote.quoted(id)) is not a slug: use 1–\(CatalogLimits.id) lowercase letters, digits and single hyphens, e.g. `harbor-at-dawn`"
            )
        } else if !SiteNames.isOwnStem(id) {
            reader.report(
                idNode,
                at: "\(path).id",
                "\(ValueQuote.quoted(id)) names a device on Windows, where its page prompts/\(id).html could not be written; choose another id, e.g. `\(id)-1`"
            )
        }
        guard let text else {
            if map["prompt"] == nil || map["prompt"]?.scalar.map(CatalogNodeReader.isNull) == true {
                reader.report(
                    map["prompt"] ?? map.node,
                    at: "\(path).prompt",
                    "is missing: every prompt needs its `prompt` text"
                )
            }
            return nil
        }
        let length = text.unicodeScalars.count
        if length < 1 || length > CatalogLimits.prompt {
            reader.report(
                map["prompt"],
                at: "\(path).prompt",
                "has \(length) characters; EggAPI allows 1 to \(CatalogLimits.prompt)"
            )
        }
        for (number, url) in imageURLs.enumerated() where !Self.isWebURL(url) {
            let node = map["image_urls"]?.sequence.flatMap { number < $0.count ? $0[number] : nil } ?? map["image_urls"]
            reader.report(node, at: "\(path).image_urls[\(number)]", "\(ValueQuote.quoted(url)) is not an http(s) URL")
        }
        return PromptDraft(
            id: id,
            idNode: idNode,
            path: path,
            text: text,
            title: title,
            caption: caption,
            tags: tags,
            imageURLs: imageURLs,
            fields: fields,
            line: item.line
        )
    }

    /// The prompt `draft` with the catalog's `defaults` under its own fields; a model EggAPI
    /// does not price is reported.
    func finish(_ draft: PromptDraft, defaults: PromptFields, reader: inout CatalogNodeReader) -> ReadPrompt {
        let fields = draft.fields.merged(over: defaults)
        let model = fields.model ?? prices.models.first ?? "nanobanana"
        if prices.perImage(model: model, resolution: fields.resolution) == nil {
            reader.report(
                fields.modelNode,
                at: "\(draft.path).model",
                "\(ValueQuote.quoted(model)) is not a known model; use one of: \(prices.models.joined(separator: ", "))"
            )
        }
        let spec = PromptSpec(
            id: draft.id,
            prompt: draft.text,
            negativePrompt: fields.negativePrompt,
            model: model,
            aspectRatio: fields.aspectRatio ?? .landscape,
            resolution: fields.resolution,
            numOutputs: fields.numOutputs ?? 1,
            imageURLs: draft.imageURLs,
            title: draft.title,
            caption: draft.caption,
            tags: draft.tags,
            line: draft.line
        )
        return ReadPrompt(spec: spec, idNode: draft.idNode)
    }

    func readFields(_ map: YAMLMap, at path: String, reader: inout CatalogNodeReader) -> PromptFields {
        var fields = PromptFields()
        fields.model = reader.string(map["model"], at: "\(path).model", limit: CatalogLimits.model)
        fields.modelNode = map["model"]
        fields.negativePrompt = reader.string(
            map["negative_prompt"],
            at: "\(path).negative_prompt",
            limit: CatalogLimits.negativePrompt,
            rule: "EggAPI allows at most \(CatalogLimits.negativePrompt)"
        )
        fields.aspectRatio = reader.choice(map["aspect_ratio"], at: "\(path).aspect_ratio", of: AspectRatio.self)
        fields.resolution = reader.choice(map["resolution"], at: "\(path).resolution", of: Resolution.self)
        fields.numOutputs = reader.int(map["num_outputs"], at: "\(path).num_outputs", in: 1...4)
        return fields
    }

    /// 1–80 lowercase ASCII letters, digits and single hyphens inside: the prompt page's file name as it is.
    static func isSlug(_ id: String) -> Bool {
        guard (1...CatalogLimits.id).contains(id.utf8.count), !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--")
        else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}

/// The generation fields a prompt or `defaults:` may set.
struct PromptFields {
    static let generationKeys = ["model", "negative_prompt", "aspect_ratio", "resolution", "num_outputs"]

    var model: String?
    var modelNode: CatalogNode?
    var negativePrompt: String?
    var aspectRatio: AspectRatio?
    var resolution: Resolution?
    var numOutputs: Int?

    func merged(over defaults: PromptFields) -> PromptFields {
        PromptFields(
            model: model ?? defaults.model,
            modelNode: modelNode ?? defaults.modelNode,
            negativePrompt: negativePrompt ?? defaults.negativePrompt,
            aspectRatio: aspectRatio ?? defaults.aspectRatio,
            resolution: resolution ?? defaults.resolution,
            numOutputs: numOutputs ?? defaults.numOutputs
        )
    }
}
