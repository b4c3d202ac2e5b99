/// Where one image of the gallery is published: its original PNG (with provenance) and its
/// web sizes, narrowest first. A render holds one per image, so only names and dimensions
/// are kept; paths and choices are worked out when a page asks.
struct PublishedImage {
    struct File: Sendable {
        /// The file's name in the site's `images/` folder; for a web size, also its name in
        /// the derived folder, where the render copies it from.
        var name: String
        var width: Int
        var height: Int
        /// nil for the original.
        var role: DerivedRecipe.Role?
        /// A web size's length in bytes; 0 for the original, whose provenance is added when it is written.
        var bytes: Int

        init(name: String, width: Int, height: Int, role: DerivedRecipe.Role? = nil, bytes: Int = 0) {
            self.name = name
            self.width = width
            self.height = height
            self.role = role
            self.bytes = bytes
        }

        init(_ derived: WebImage) {
            self.init(
                name: derived.file,
                width: derived.width,
                height: derived.height,
                role: derived.role,
                bytes: derived.bytes
            )
        }

        /// Relative to the site root.
        var path: String { SiteNames.image(name) }
    }

    /// Named by the image's content and its provenance; the provenance itself is not kept
    /// but made again when the file is written.
    var original: File
    /// Every web size's file; empty when libvips could not convert the original (pages then show the PNG).
    var sizes: [File]

    init(_ image: Generation.Image, generation: Generation, derived: DerivedImages, showSpend: Bool) {
        let provenance = Provenance(image: image, generation: generation, showSpend: showSpend)
        // A new provenance record is a new file.
        original = File(
            name: SiteNames.original(sha256: image.sha256, provenanceDigest: SHA256Digest.hex(of: provenance.json)),
            width: image.width,
            height: image.height
        )
        sizes = derived[original: image.sha256].map(File.init)
    }

    /// The sizes `srcset` offers: one per width. An original narrower than a recipe's width
    /// yields two files of one width; the narrowest request's file is listed.
    var candidates: [File] {
        var widths = Set<Int>()
        return sizes.filter { widths.insert($0.width).inserted }
    }

    /// What the viewer shows.
    var large: File { size(.large) ?? original }

    /// The size a page names in `src`, for browsers that ignore `srcset`: the grid's larger one.
    var fallback: File { size(.medium) ?? original }

    private func size(_ role: DerivedRecipe.Role) -> File? {
        sizes.first { $0.role == role }
    }
}
