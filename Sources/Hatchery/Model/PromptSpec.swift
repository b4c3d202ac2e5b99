/// One prompt of the catalog, with defaults applied.
///
/// A value type whose fields sit in one shared, immutable box: the catalog, the plan and the
/// gallery's entries each hold every prompt, and held inline the fields were 190 bytes a copy
/// (38 MB of copies at 100,000 prompts). Setting a field makes a new box.
public struct PromptSpec: Sendable, Equatable {
    /// The fields themselves.
    struct Values: Sendable, Equatable {
        var id: String
        var prompt: String
        var negativePrompt: String?
        var model: String
        var aspectRatio: AspectRatio
        var resolution: Resolution?
        var numOutputs: Int
        var imageURLs: [String]
        var title: String?
        var caption: String?
        var tags: [String]
        var line: Int
        var displayTitle: String
    }

    private final class Box: Sendable {
        let values: Values

        init(_ values: Values) {
            self.values = values
        }
    }

    private var box: Box

    /// Every field, for code that must read them all (`EntryDigestTests`).
    var values: Values { box.values }

    /// A new box with `change` made, its display title made again from its prompt and title.
    private mutating func update(_ change: (inout Values) -> Void) {
        var values = box.values
        change(&values)
        values.displayTitle = Self.displayTitle(title: values.title, prompt: values.prompt)
        box = Box(values)
    }

    /// A slug: it becomes the prompt page's file name.
    public var id: String {
        get { box.values.id }
        set { update { $0.id = newValue } }
    }
    public var prompt: String {
        get { box.values.prompt }
        set { update { $0.prompt = newValue } }
    }
    public var negativePrompt: String? {
        get { box.values.negativePrompt }
        set { update { $0.negativePrompt = newValue } }
    }
    public var model: String {
        get { box.values.model }
        set { update { $0.model = newValue } }
    }
    public var aspectRatio: AspectRatio {
        get { box.values.aspectRatio }
        set { update { $0.aspectRatio = newValue } }
    }
    public var resolution: Resolution? {
        get { box.values.resolution }
        set { update { $0.resolution = newValue } }
    }
    public var numOutputs: Int {
        get { box.values.numOutputs }
        set { update { $0.numOutputs = newValue } }
    }
    public var imageURLs: [String] {
        get { box.values.imageURLs }
        set { update { $0.imageURLs = newValue } }
    }

    // Display only: these never change what is generated.
    public var title: String? {
        get { box.values.title }
        set { update { $0.title = newValue } }
    }
    public var caption: String? {
        get { box.values.caption }
        set { update { $0.caption = newValue } }
    }
    public var tags: [String] {
        get { box.values.tags }
        set { update { $0.tags = newValue } }
    }

    /// The catalog line the prompt starts on, for messages.
    public var line: Int {
        get { box.values.line }
        set { update { $0.line = newValue } }
    }

    /// The title, or the prompt's first eight words. Kept with the prompt and title it is made
    /// from, because every page, card and link that names the prompt asks for it.
    public var displayTitle: String { box.values.displayTitle }

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
        box = Box(
            Values(
                id: id,
                prompt: prompt,
                negativePrompt: negativePrompt,
                model: model,
                aspectRatio: aspectRatio,
                resolution: resolution,
                numOutputs: numOutputs,
                imageURLs: imageURLs,
                title: title,
                caption: caption,
                tags: tags,
                line: line,
                displayTitle: Self.displayTitle(title: title, prompt: prompt)
            )
        )
    }

    public static func == (lhs: PromptSpec, rhs: PromptSpec) -> Bool {
        lhs.box === rhs.box || lhs.box.values == rhs.box.values
    }

    private static func displayTitle(title: String?, prompt: String) -> String {
        if let title, !title.isEmpty { return title }
        // At most nine pieces: eight words and the rest, which alone says the text goes on.
        let pieces = prompt.split(maxSplits: 8, whereSeparator: \.isWhitespace)
        let words = pieces.prefix(8).joined(separator: " ")
        return pieces.count > 8 || words.count < prompt.count ? words + "…" : words
    }
}
