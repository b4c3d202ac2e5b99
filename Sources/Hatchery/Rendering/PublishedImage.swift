/// Where one image of the gallery is published: its original PNG (with provenance) and its
/// web sizes, narrowest first. A render holds one per image, so only the parts of names and
/// dimensions are kept; names, paths and choices are worked out when a page asks.
struct PublishedImage {
    struct File: Sendable {
        /// The original's hash, which every file of an image is named by.
        private let original: String
        private let naming: Naming
        var width: Int
        var height: Int
        /// nil for the original.
        var role: DerivedRecipe.Role?
        /// A web size's length in bytes; 0 for the original, whose provenance is added when it is written.
        var bytes: Int

        /// A name's parts beside the original's hash. Spelled out, the names of 100,000 prompts'
        /// images were 400,000 strings of 80 bytes that a render held from start to end.
        private enum Naming: Sendable {
            /// `SiteNames.original(sha256:provenanceDigest:)`, by the digits of the provenance
            /// digest it keeps (ten: a string that needs no storage of its own).
            case original(provenance: String)
            /// `WebImage.file`.
            case webSize(recipe: String, name: WebImage.Name)
            case named(String)
        }

        init(name: String, width: Int, height: Int, role: DerivedRecipe.Role? = nil, bytes: Int = 0) {
            self.init(original: "", naming: .named(name), width: width, height: height, role: role, bytes: bytes)
        }

        /// The original PNG `sha256`, published with the provenance record whose digest (hex) is `provenanceDigest`.
        init(original sha256: String, provenanceDigest: String, width: Int, height: Int) {
            self.init(
                original: sha256,
                naming: .original(provenance: String(provenanceDigest.prefix(SiteNames.provenanceDigits))),
                width: width,
                height: height
            )
        }

        /// A web size of the original `sha256`, which `derived` was made from. `sha256` names
        /// it when it is the record's hash byte for byte (the image's own string, kept anyway,
        /// where the records' copies are let go before the pages); `String` equality, which
        /// found the record, also holds for a hash written in another Unicode form, and the
        /// file is named by the record's bytes.
        init(_ derived: WebImage, original sha256: String) {
            self.init(
                original: derived.originalSha256.utf8.elementsEqual(sha256.utf8) ? sha256 : derived.originalSha256,
                naming: .webSize(recipe: derived.recipe, name: derived.name),
                width: derived.width,
                height: derived.height,
                role: derived.role,
                bytes: derived.bytes
            )
        }

        private init(
            original: String,
            naming: Naming,
            width: Int,
            height: Int,
            role: DerivedRecipe.Role? = nil,
            bytes: Int = 0
        ) {
            self.original = original
            self.naming = naming
            self.width = width
            self.height = height
            self.role = role
            self.bytes = bytes
        }

        /// The file's name in the site's `images/` folder; for a web size, also its name in
        /// the derived folder, where the render copies it from.
        var name: String {
            switch naming {
            case .original(let provenance): SiteNames.original(sha256: original, provenanceDigest: provenance)
            case .webSize(let recipe, let name): name.text(original: original, recipe: recipe)
            case .named(let name): name
            }
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
            original: image.sha256,
            provenanceDigest: SHA256Digest.hex(of: provenance.json),
            width: image.width,
            height: image.height
        )
        sizes = derived[original: image.sha256].map { File($0, original: image.sha256) }
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
