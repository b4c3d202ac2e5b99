import Foundation

/// What each published original PNG says of itself in iTXt chunks: its prompt, model,
/// parameters, fingerprint and cost (unless the gallery hides spend), so the file keeps its
/// story wherever it is copied.
struct Provenance: Encodable {
    struct Parameters: Encodable {
        var aspectRatio: String
        var resolution: String
        var numOutputs: Int
        var imageURLs: [String]?

        enum CodingKeys: String, CodingKey {
            case resolution
            case aspectRatio = "aspect_ratio"
            case numOutputs = "num_outputs"
            case imageURLs = "image_urls"
        }
    }

    var generator = "hatchery"
    var prompt: String
    var negativePrompt: String?
    var model: String
    var parameters: Parameters
    var fingerprint: String
    var provider: String
    /// The whole task's cost, which all of its outputs share; nil (left out) when the gallery
    /// hides spend.
    var taskCostMicros: Int64?
    var taskCost: String?
    var costIsEstimate: Bool?
    var output: Int
    var outputs: Int
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case generator, prompt, model, parameters, fingerprint, provider, output, outputs
        case negativePrompt = "negative_prompt"
        case taskCostMicros = "task_cost_micros"
        case taskCost = "task_cost"
        case costIsEstimate = "cost_is_estimate"
        case createdAt = "created_at"
    }

    /// The iTXt keyword of the JSON record; `Description` carries the prompt for generic viewers.
    static let keyword = "hatchery:provenance"

    init(image: Generation.Image, generation: Generation, showSpend: Bool = true) {
        let request = generation.request
        prompt = request?.prompt ?? ""
        negativePrompt = request?.negativePrompt
        model = generation.model
        parameters = Parameters(
            aspectRatio: request?.aspectRatio.rawValue ?? "",
            resolution: (request?.resolution ?? .oneK).rawValue,
            numOutputs: request?.numOutputs ?? generation.images.count,
            imageURLs: request?.imageURLs
        )
        fingerprint = generation.fingerprint.hex
        provider = generation.provider.rawValue
        if showSpend {
            taskCostMicros = generation.cost.micros
            taskCost = generation.cost.formatted
            costIsEstimate = generation.provider.costsAreEstimates
        }
        output = image.number
        outputs = generation.images.count
        createdAt = Timestamp.format(generation.completedAt)
    }

    /// The record as `PrettyJSON` writes it, by `JSONValue`: every published image's name
    /// covers it, so a build writes it for every image (`ManifestAndPreviewTests` holds the two equal).
    var json: String {
        String(decoding: jsonValue.bytes(), as: UTF8.self)
    }

    /// Members in key order, so no sort is needed.
    var jsonValue: JSONValue {
        .object([
            ("cost_is_estimate", costIsEstimate.map(JSONValue.bool)), ("created_at", .string(createdAt)),
            ("fingerprint", .string(fingerprint)), ("generator", .string(generator)), ("model", .string(model)),
            ("negative_prompt", negativePrompt.map(JSONValue.string)), ("output", .int(Int64(output))),
            ("outputs", .int(Int64(outputs))),
            (
                "parameters",
                .object([
                    ("aspect_ratio", .string(parameters.aspectRatio)),
                    ("image_urls", parameters.imageURLs.map { .array($0.map(JSONValue.string)) }),
                    ("num_outputs", .int(Int64(parameters.numOutputs))), ("resolution", .string(parameters.resolution)),
                ])
            ),
            ("prompt", .string(prompt)), ("provider", .string(provider)), ("task_cost", taskCost.map(JSONValue.string)),
            ("task_cost_micros", taskCostMicros.map(JSONValue.int)),
        ])
    }

    /// The text chunks, in the order they are written.
    var textChunks: [(key: String, value: String)] {
        [("Description", prompt), ("Software", "Hatchery"), (Self.keyword, json)]
    }
}
