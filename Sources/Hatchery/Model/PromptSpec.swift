/// One prompt of the catalog, with defaults applied.
public struct PromptSpec: Sendable, Equatable {
    /// A slug: it becomes the prompt page's file name.
    public var id: String
    public var prompt: String
    public var negativePrompt: String?
    public var model: String
    public var aspectRatio: AspectRatio
    public var resolution: Resolution?
    public var numOutputs: Int
    public var imageURLs: [String]

    // Display only: these never change what is generated.
    public var title: String?
    public var caption: String?
    public var tags: [String]

    /// The catalog line the prompt starts on, for messages.
    public var line: Int

    public init(
        id: String,
        prompt: String,
        negativePrompt: String? = nil,
        model: String,
        aspectRatio: AspectRatio = .landscape,
        resolution: Resolution? = nil,
        numOutputs: Int = 1,
        imageURLs: [String] = [],
        title: String? = nil,
        caption: String? = nil,
        tags: [String] = [],
        line: Int = 0
    ) {
        self.id = id
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.model = model
        self.aspectRatio = aspectRatio
        self.resolution = resolution
        self.numOutputs = numOutputs
        self.imageURLs = imageURLs
        self.title = title
        self.caption = caption
        self.tags = tags
        self.line = line
    }

    /// The title to show: the catalog's, or the prompt's first words.
    public var displayTitle: String {
        if let title, !title.isEmpty { return title }
        // At most nine pieces: eight words and the rest, which alone says the text goes on.
        let pieces = prompt.split(maxSplits: 8, whereSeparator: \.isWhitespace)
        let words = pieces.prefix(8).joined(separator: " ")
        return pieces.count > 8 || words.count < prompt.count ? words + "…" : words
    }
}
