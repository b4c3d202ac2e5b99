/// Every image a render publishes, worked out once (provenance, names, sizes) and looked up by
/// each page that shows it.
struct PublishedImages {
    private var byImage: [String: PublishedImage] = [:]
    /// `gallery.show_spend`: whether the originals' provenance records carry the cost.
    let showsSpend: Bool

    init(_ content: GalleryContent, derived: DerivedImages) {
        showsSpend = content.gallery.showSpend
        for entry in content.entries {
            for generation in [entry.generation].compactMap({ $0 }) + entry.history {
                for image in generation.images {
                    byImage[Self.key(image)] = PublishedImage(
                        image,
                        generation: generation,
                        derived: derived,
                        showSpend: showsSpend
                    )
                }
            }
        }
    }

    /// Every image a page shows comes from the same content this was made from.
    subscript(image: Generation.Image) -> PublishedImage {
        byImage[Self.key(image)]!
    }

    private static func key(_ image: Generation.Image) -> String {
        "\(image.taskID)/\(image.outputIndex)"
    }
}
