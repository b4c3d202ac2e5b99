/// One prompt of the catalog, with defaults applied.
public struct PromptSpec: Sendable, Equatable {
    /// A slug: it becomes the prompt page's file name.
    public var id: String
    public var prompt: String {
        didSet { displayTitle = Self.displayTitle(title: title, prompt: prompt) }
    }
    public var negativePrompt: String?
    public var model: String
    public var aspectRatio: AspectRatio
    public var resolution: Resolution?
    public var numOutputs: Int
    public var imageURLs: [String]

    // Display only: these never change what is generated.
    public var title: String? {
        didSet { displayTitle = Self.displayTitle(title: title, prompt: prompt) }
    }
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
        displayTitle = Self.displayTitle(title: title, prompt: prompt)
    }

    /// The title, or the prompt's first eight words. Kept with the prompt and title it is made
    /// from, because every page, card and link that names the prompt asks for it.
    public private(set) var displayTitle: String = ""

    private static func displayTitle(title: String?, prompt: String) -> String {
        if let title, !title.isEmpty { return title }
        // At most nine pieces: eight words and the rest, which alone says the text goes on.
        let pieces = prompt.split(maxSplits: 8, whereSeparator: \.isWhitespace)
        let words = pieces.prefix(8).joined(separator: " ")
        return pieces.count > 8 || words.count < prompt.count ? words + "…" : words
    }
}
