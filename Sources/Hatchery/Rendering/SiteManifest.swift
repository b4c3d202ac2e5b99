import Foundation

/// `manifest.json` at the site root and a sidecar `prompts/<id>.json` per prompt page: every
/// prompt, image and cost (no cost when the gallery hides spend), for other tools. Keys are
/// sorted so an unchanged site rewrites nothing.
enum SiteManifest {
    struct Image: Encodable {
        /// The original PNG, with its provenance chunks.
        var src: String
        var sha256: String
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var bytes: Int
        /// The web sizes (WebP), narrowest first.
        var sizes: [Size]

        enum CodingKeys: String, CodingKey {
            case src, sha256, width, height, bytes, sizes
            case bitDepth = "bit_depth"
            case colorType = "color_type"
        }
    }

    struct Size: Encodable {
        var src: String
        var width: Int
        var height: Int
    }

    struct Version: Encodable {
        var completedAt: String
        var model: String
        var provider: String
        var fingerprint: String
        /// nil (left out) when the gallery hides spend.
        var costMicros: Int64?
        var cost: String?
        var images: [Image]

        enum CodingKeys: String, CodingKey {
            case model, provider, fingerprint, cost, images
            case completedAt = "completed_at"
            case costMicros = "cost_micros"
        }
    }

    /// Why `current` is an earlier version: the current inputs are `pending` or `failed`.
    struct NewerNote: Encodable {
        var state: NewerVersion.State
        var reason: String
    }

    struct Prompt: Encodable {
        var id: String
        var title: String
        var prompt: String
        var negativePrompt: String?
        var model: String
        var aspectRatio: String
        var resolution: String?
        var numOutputs: Int
        var tags: [String]
        var page: String
        var fingerprint: String
        /// The images shown: of `fingerprint`, or an earlier version when `newer` is set.
        var current: Version?
        var newer: NewerNote?
        var history: [Version]?

        enum CodingKeys: String, CodingKey {
            case id, title, prompt, model, resolution, tags, page, fingerprint, current, newer, history
            case negativePrompt = "negative_prompt"
            case aspectRatio = "aspect_ratio"
            case numOutputs = "num_outputs"
        }
    }

    /// `manifest.json` for `content`: generator, prompts, spend by model and title, in the
    /// bytes JSONEncoder would give the whole document (keys sorted, pretty-printed). Each
    /// prompt is encoded on its own: encoding the document at once boxes all of it as a tree
    /// first, 80 MB for a 10,000-prompt gallery whose manifest is 18 MB of text.
    static func write(
        _ content: GalleryContent,
        published: PublishedImages,
        to output: inout StreamedOutput
    ) async throws(RenderError) {
        try output.append("{\n")
        try output.append(member("generator", encode("hatchery")) + Array(",\n".utf8))
        try output.append("  \"prompts\" : [")
        let showSpend = content.gallery.showSpend
        // A batch at a time, each encoded on every core: never the whole list in memory.
        let batch = 1024
        for start in stride(from: 0, to: content.entries.count, by: batch) {
            let parts = await content.entries.concurrentMap(in: start..<min(start + batch, content.entries.count)) {
                entry in
                prompt(entry, withHistory: false, published: published, showSpend: showSpend).json.bytes(nestedAt: 2)
            }
            for (offset, part) in parts.enumerated() {
                try output.append(start + offset == 0 ? "\n" : ",\n")
                try output.append(part)
            }
        }
        try output.append(content.entries.isEmpty ? "\n\n  ],\n" : "\n  ],\n")
        if showSpend {
            try output.append(member("spend_by_model", encode(content.spend.byModel.rows)) + Array(",\n".utf8))
        }
        try output.append(member("title", encode(content.gallery.title)) + Array("\n}".utf8))
    }

    private static func member(_ key: String, _ value: Data) -> [UInt8] {
        Array("  ".utf8) + Array(encode(key)) + Array(" : ".utf8) + indented(value, by: "  ", firstLine: false)
    }

    /// `json` with `indent` before every line that is not empty (but the first, unless `firstLine`).
    static func indented<Bytes: Collection<UInt8>>(_ json: Bytes, by indent: String, firstLine: Bool = true) -> [UInt8]
    {
        let prefix = Array(indent.utf8)
        var lines: [UInt8] = []
        lines.reserveCapacity(json.count + json.count / 4)
        var atLineStart = firstLine
        for byte in json {
            if atLineStart, byte != 10 { lines.append(contentsOf: prefix) }
            atLineStart = byte == 10
            lines.append(byte)
        }
        return lines
    }

    static func prompt(
        _ entry: GalleryContent.Entry,
        withHistory: Bool,
        published: PublishedImages,
        showSpend: Bool
    ) -> Prompt {
        let spec = entry.spec
        return Prompt(
            id: spec.id,
            title: spec.displayTitle,
            prompt: spec.prompt,
            negativePrompt: spec.negativePrompt,
            model: spec.model,
            aspectRatio: spec.aspectRatio.rawValue,
            resolution: spec.resolution?.rawValue,
            numOutputs: spec.numOutputs,
            tags: spec.tags,
            page: SiteNames.promptPage(spec.id),
            fingerprint: entry.fingerprint.hex,
            current: entry.generation.map { version($0, published: published, showSpend: showSpend) },
            newer: entry.newer.map { NewerNote(state: $0.state, reason: $0.reason) },
            history: withHistory ? entry.history.map { version($0, published: published, showSpend: showSpend) } : nil
        )
    }

    static func version(_ generation: Generation, published: PublishedImages, showSpend: Bool) -> Version {
        Version(
            completedAt: Timestamp.format(generation.completedAt),
            model: generation.model,
            provider: generation.provider.rawValue,
            fingerprint: generation.fingerprint.hex,
            costMicros: showSpend ? generation.cost.micros : nil,
            cost: showSpend ? generation.cost.formatted : nil,
            images: generation.images.map { image in
                let files = published[image]
                return Image(
                    src: files.original.path,
                    sha256: image.sha256,
                    width: image.width,
                    height: image.height,
                    bitDepth: image.bitDepth,
                    colorType: image.colorType,
                    bytes: image.bytes,
                    sizes: files.sizes.map { Size(src: $0.path, width: $0.width, height: $0.height) }
                )
            }
        )
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        // Encoding plain values cannot fail.
        (try? PrettyJSON.data(value)) ?? Data()
    }
}
