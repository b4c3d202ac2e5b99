/// The body of `POST /v1/generate`: exactly what is sent, and what a fingerprint covers.
public struct GenerationRequest: Sendable, Equatable, Codable {
    public var model: String
    public var prompt: String
    public var negativePrompt: String?
    public var aspectRatio: AspectRatio
    public var numOutputs: Int
    public var resolution: Resolution?
    public var imageURLs: [String]?
    public var webhookURL: String?

    enum CodingKeys: String, CodingKey {
        case model, prompt, resolution
        case negativePrompt = "negative_prompt"
        case aspectRatio = "aspect_ratio"
        case numOutputs = "num_outputs"
        case imageURLs = "image_urls"
        case webhookURL = "webhook_url"
    }

    public init(
        model: String,
        prompt: String,
        negativePrompt: String? = nil,
        aspectRatio: AspectRatio = .landscape,
        numOutputs: Int = 1,
        resolution: Resolution? = nil,
        imageURLs: [String]? = nil,
        webhookURL: String? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.aspectRatio = aspectRatio
        self.numOutputs = numOutputs
        self.resolution = resolution
        self.imageURLs = imageURLs
        self.webhookURL = webhookURL
    }

    public init(_ spec: PromptSpec) {
        self.init(
            model: spec.model,
            prompt: spec.prompt,
            negativePrompt: spec.negativePrompt,
            aspectRatio: spec.aspectRatio,
            numOutputs: spec.numOutputs,
            resolution: spec.resolution,
            imageURLs: spec.imageURLs.isEmpty ? nil : spec.imageURLs
        )
    }

    /// Width and height of the images this request produces.
    public var pixelSize: (width: Int, height: Int) {
        let long = (resolution ?? .oneK).longSide
        let short = (long * 9 + 8) / 16
        return aspectRatio == .landscape ? (long, short) : (short, long)
    }
}
