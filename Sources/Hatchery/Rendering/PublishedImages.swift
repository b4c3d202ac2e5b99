import Algorithms

/// Every image a render publishes, worked out once (provenance, names, sizes) and looked up by
/// each page that shows it.
struct PublishedImages {
    /// By key, in key order: looked up by binary search. A dictionary of 102,000 images was
    /// 29 MB of buckets (past three quarters of 131,072 it doubles) and 44 MB while it grew.
    private var byImage: [Published]
    /// `gallery.show_spend`: whether the originals' provenance records carry the cost.
    let showsSpend: Bool

    /// Every image `content` shows, worked out on every core: each image's provenance record is
    /// made and hashed for its name.
    static func make(_ content: GalleryContent, derived: DerivedImages) async -> PublishedImages {
        let showSpend = content.gallery.showSpend
        var byImage = await content.entries.concurrentFlatMap { (entry, published: inout [Published]) in
            for generation in [entry.generation].compactMap({ $0 }) + entry.history {
                for image in generation.images {
                    let made = PublishedImage(image, generation: generation, derived: derived, showSpend: showSpend)
                    published.append((key(image), made))
                }
            }
        }
        byImage.sort { $0.key < $1.key }
        return PublishedImages(byImage: byImage, showsSpend: showSpend)
    }

    private typealias Published = (key: Key, image: PublishedImage)

    private init(byImage: [Published], showsSpend: Bool) {
        self.byImage = byImage
        self.showsSpend = showsSpend
    }

    /// Every image a page shows comes from the same content this was made from.
    subscript(image: Generation.Image) -> PublishedImage {
        let key = Self.key(image)
        let low = byImage.partitioningIndex { $0.key >= key }
        guard low < byImage.count, byImage[low].key == key else {
            preconditionFailure(
                "An image was looked up that is not of the content the published images were made from."
            )
        }
        return byImage[low].image
    }

    /// An image by its task and place among the task's outputs: looked up by every page, card
    /// and listing that shows it, so no string is made for it.
    private struct Key: Comparable, Sendable {
        var taskID: Int64
        var outputIndex: Int

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.taskID, lhs.outputIndex) < (rhs.taskID, rhs.outputIndex)
        }
    }

    private static func key(_ image: Generation.Image) -> Key {
        Key(taskID: image.taskID, outputIndex: image.outputIndex)
    }
}
