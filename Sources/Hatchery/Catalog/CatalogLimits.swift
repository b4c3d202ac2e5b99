/// The most a catalog may hold, field by field. Each is checked before the value is used, and
/// an error quotes at most a short piece of the value. Lengths count Unicode scalars, as
/// EggAPI counts characters. The README's catalog section lists them.
///
/// Generous for real use: a 10,000-prompt catalog of 2000-character prompts is about 25 MB, and
/// a gallery of 100,000 short prompts (issue 13) fits.
enum CatalogLimits {
    /// The whole file, checked before it is parsed.
    static let fileBytes = 32 * 1024 * 1024
    static let prompts = 100_000

    static let id = 80
    /// EggAPI's limits.
    static let prompt = 2000
    static let negativePrompt = 1000
    static let imageURLs = 9

    static let title = 200
    static let caption = 4000
    static let tag = 100
    static let tagsPerPrompt = 100
    /// The longest list other than `prompts`: tags, or image URLs.
    static let listItems = max(tagsPerPrompt, imageURLs)
    static let model = 64
    static let imageURL = 2048

    static let galleryTitle = 200
    static let galleryDescription = 4000
    static let templatesPath = 4096
    static let baseURL = 2048
    /// Numbers and choices: `page_size`, `concurrency`, `provider`, `aspect_ratio`, `budget`, ….
    static let word = 32
}
