// The manifest's values as `JSONValue`s: the same members as their `Encodable` conformances,
// listed in key order (so no sort is needed), written several times faster (see `JSONValue`).
// `ManifestAndPreviewTests` holds the two equal.

extension SiteManifest.Prompt {
    var json: JSONValue {
        .object([
            ("aspect_ratio", .string(aspectRatio)), ("current", current?.json),
            ("fingerprint", .string(fingerprint)), ("history", history.map { .array($0.map(\.json)) }),
            ("id", .string(id)), ("model", .string(model)),
            ("negative_prompt", negativePrompt.map(JSONValue.string)),
            ("newer", newer.map { .object([("reason", .string($0.reason)), ("state", .string($0.state.rawValue))]) }),
            ("num_outputs", .int(Int64(numOutputs))), ("page", .string(page)), ("prompt", .string(prompt)),
            ("resolution", resolution.map(JSONValue.string)), ("tags", .array(tags.map(JSONValue.string))),
            ("title", .string(title)),
        ])
    }
}

extension SiteManifest.Version {
    var json: JSONValue {
        .object([
            ("completed_at", .string(completedAt)), ("cost", cost.map(JSONValue.string)),
            ("cost_micros", costMicros.map(JSONValue.int)), ("fingerprint", .string(fingerprint)),
            ("images", .array(images.map(\.json))), ("model", .string(model)), ("provider", .string(provider)),
        ])
    }
}

extension SiteManifest.Image {
    var json: JSONValue {
        .object([
            ("bit_depth", .int(Int64(bitDepth))), ("bytes", .int(Int64(bytes))),
            ("color_type", .int(Int64(colorType))), ("height", .int(Int64(height))), ("sha256", .string(sha256)),
            (
                "sizes",
                .array(
                    sizes.map {
                        .object([
                            ("height", .int(Int64($0.height))), ("src", .string($0.src)),
                            ("width", .int(Int64($0.width))),
                        ])
                    }
                )
            ),
            ("src", .string(src)), ("width", .int(Int64(width))),
        ])
    }
}

extension SearchIndex.Entry {
    var json: JSONValue {
        .object([
            ("caption", caption.map(JSONValue.string)), ("height", height.map { .int(Int64($0)) }),
            ("href", .string(href)), ("model", .string(model)), ("prompt", .string(prompt)),
            ("tags", .array(tags.map(JSONValue.string))), ("thumb", thumb.map(JSONValue.string)),
            ("title", .string(title)), ("width", width.map { .int(Int64($0)) }),
        ])
    }
}
