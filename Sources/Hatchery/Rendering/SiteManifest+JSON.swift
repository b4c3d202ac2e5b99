// The manifest's values as `JSONValue`s: the same members as their `Encodable` conformances,
// written several times faster (see `JSONValue`). `ManifestAndPreviewTests` holds the two equal.

extension SiteManifest.Prompt {
    var json: JSONValue {
        .object([
            ("id", .string(id)), ("title", .string(title)), ("prompt", .string(prompt)),
            ("negative_prompt", negativePrompt.map(JSONValue.string)), ("model", .string(model)),
            ("aspect_ratio", .string(aspectRatio)), ("resolution", resolution.map(JSONValue.string)),
            ("num_outputs", .int(Int64(numOutputs))), ("tags", .array(tags.map(JSONValue.string))),
            ("page", .string(page)), ("fingerprint", .string(fingerprint)), ("current", current?.json),
            ("newer", newer.map { .object([("state", .string($0.state.rawValue)), ("reason", .string($0.reason))]) }),
            ("history", history.map { .array($0.map(\.json)) }),
        ])
    }
}

extension SiteManifest.Version {
    var json: JSONValue {
        .object([
            ("completed_at", .string(completedAt)), ("model", .string(model)), ("provider", .string(provider)),
            ("fingerprint", .string(fingerprint)), ("cost_micros", costMicros.map(JSONValue.int)),
            ("cost", cost.map(JSONValue.string)), ("images", .array(images.map(\.json))),
        ])
    }
}

extension SiteManifest.Image {
    var json: JSONValue {
        .object([
            ("src", .string(src)), ("sha256", .string(sha256)), ("width", .int(Int64(width))),
            ("height", .int(Int64(height))), ("bit_depth", .int(Int64(bitDepth))),
            ("color_type", .int(Int64(colorType))), ("bytes", .int(Int64(bytes))),
            (
                "sizes",
                .array(
                    sizes.map {
                        .object([
                            ("src", .string($0.src)), ("width", .int(Int64($0.width))),
                            ("height", .int(Int64($0.height))),
                        ])
                    }
                )
            ),
        ])
    }
}

extension SearchIndex.Entry {
    var json: JSONValue {
        .object([
            ("title", .string(title)), ("caption", caption.map(JSONValue.string)), ("prompt", .string(prompt)),
            ("model", .string(model)), ("tags", .array(tags.map(JSONValue.string))), ("href", .string(href)),
            ("thumb", thumb.map(JSONValue.string)), ("width", width.map { .int(Int64($0)) }),
            ("height", height.map { .int(Int64($0)) }),
        ])
    }
}
