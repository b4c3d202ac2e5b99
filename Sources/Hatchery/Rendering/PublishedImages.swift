/// Every image a render publishes, worked out once (provenance, names, sizes) and looked up by
/// each page that shows it.
struct PublishedImages {
    private var byImage: [Key: PublishedImage] = [:]
    /// `gallery.show_spend`: whether the originals' provenance records carry the cost.
    let showsSpend: Bool

    /// Every image `content` shows, worked out on every core: each image's provenance record is
    /// made and hashed for its name.
    static func make(_ content: GalleryContent, derived: DerivedImages) async -> PublishedImages {
        let showSpend = content.gallery.showSpend
        var images = PublishedImages(showsSpend: showSpend)
        let parts = await content.entries.concurrentMap { published($0, derived: derived, showSpend: showSpend) }
        for part in parts {
            for (key, image) in part { images.byImage[key] = image }
        }
        return images
    }

    private init(showsSpend: Bool) {
        self.showsSpend = showsSpend
    }

    private static func published(
        _ entry: GalleryContent.Entry,
        derived: DerivedImages,
        showSpend: Bool
    ) -> [(Key, PublishedImage)] {
        ([entry.generation].compactMap { $0 } + entry.history).flatMap { generation in
            generation.images.map {
                (key($0), PublishedImage($0, generation: generation, derived: derived, showSpend: showSpend))
            }
        }
    }

    /// Every image a page shows comes from the same content this was made from.
    subscript(image: Generation.Image) -> PublishedImage {
        byImage[Self.key(image)]!
    }

    /// An image by its task and place among the task's outputs: looked up by every page, card
    /// and listing that shows it, so no string is made for it.
    private struct Key: Hashable, Sendable {
        var taskID: Int64
        var outputIndex: Int
    }

    private static func key(_ image: Generation.Image) -> Key {
        Key(taskID: image.taskID, outputIndex: image.outputIndex)
    }
}
