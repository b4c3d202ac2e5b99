/// Where one image of the gallery is published: its original PNG (with provenance) and its
/// web sizes, narrowest first. Paths are relative to the site root.
struct PublishedImage {
    struct File {
        var path: String
        var width: Int
        var height: Int
        /// For a web size: its name in the derived folder, where the render copies it from.
        var derivedName: String?

        init(path: String, width: Int, height: Int) {
            self.path = path
            self.width = width
            self.height = height
        }

        init(_ derived: DerivedImageRecord) {
            self.init(path: "images/\(derived.file)", width: derived.width, height: derived.height)
            derivedName = derived.file
        }
    }

    var original: File
    var provenance: Provenance
    /// Every web size's file; empty when libvips could not convert the original (pages then show the PNG).
    var sizes: [File]
    /// The sizes `srcset` offers: one per width.
    var candidates: [File]
    var large: File
    /// The size a page names in `src`, for browsers that ignore `srcset`: the grid's larger one.
    var fallback: File

    init(_ image: ImageRecord, generation: Generation, derived: DerivedImages) {
        provenance = Provenance(image: image, generation: generation)
        // Named by the original's content and its provenance: a new record is a new file.
        original = File(path: "images/\(image.sha256)-\(SHA256Digest.hex(of: provenance.json).prefix(10)).png",
                        width: image.width, height: image.height)
        let records = derived[original: image.sha256]
        // An original narrower than a recipe's width yields two files of one width: `srcset`
        // lists each width once (the narrowest request's file).
        var widths = Set<Int>()
        sizes = records.map(File.init)
        candidates = sizes.filter { widths.insert($0.width).inserted }
        func file(_ role: DerivedRecipe.Role) -> File? {
            records.first { $0.role == role }.map(File.init)
        }
        large = file(.large) ?? original
        fallback = file(.medium) ?? original
    }
}
