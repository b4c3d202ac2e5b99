import Foundation
import Testing

@testable import Hatchery

/// A web image's name and a published file's are held by their parts, and must give back the
/// name they were made from byte for byte: a name of the recipe's shape by its width, any other
/// as it is.
@Suite struct WebImageNameTests {
    static let original = SHA256Digest.hex(of: "an original")
    static let recipe = DerivedRecipe.standard(libraryVersion: "test").tag

    static func image(_ file: String) -> WebImage {
        WebImage(file: file, originalSha256: original, recipe: recipe, role: .medium, width: 720, height: 405, bytes: 9)
    }

    @Test func theRecipesOwnNamesAreHeldByTheirWidth() {
        let recipe = DerivedRecipe.standard(libraryVersion: "test")
        for size in recipe.sizes + [DerivedRecipe.Size(role: .small, width: 0), .init(role: .large, width: 1_000_000)] {
            let file = recipe.fileName(original: Self.original, size: size)
            let image = Self.image(file)
            #expect(image.name == .recipe(width: size.width), "\(file)")
            #expect(image.file == file)
            #expect(PublishedImage.File(image, original: Self.original).name == file)
        }
    }

    @Test func anyOtherNameIsKeptAsItIs() {
        let base = "\(Self.original)-\(Self.recipe)-"
        let others = [
            base + "0360.webp",  // a leading zero would not print back
            base + "+360.webp",
            base + "-360.webp",
            base + ".webp",
            base + "360.WEBP",
            base + "360.webp.webp",
            base + "٣٦٠.webp",  // digits, but not ASCII ones
            base + "3 60.webp",
            base + String(repeating: "9", count: 40) + ".webp",  // more than an Int holds
            "\(SHA256Digest.hex(of: "another"))-\(Self.recipe)-360.webp",
            "\(Self.original)-0123456789-360.webp",
            "\(Self.original)-\(Self.recipe)360.webp",
            "w1.webp",
            "",
            "é",
        ]
        for file in others {
            let image = Self.image(file)
            #expect(image.name == .other(file), "\(file)")
            #expect(image.file == file)
            #expect(PublishedImage.File(image, original: Self.original).name == file)
        }
    }

    /// A hand-edited store can hold a hash that `String` finds equal to the image's but spelled
    /// in other bytes (NFC "é" and NFD "e\u{301}"): the file is named as the record names it.
    @Test func aSizeIsNamedByItsRecordsBytesWhenTheImagesHashDiffers() {
        let composed = "\u{e9}"
        let decomposed = "e\u{301}"
        #expect(composed == decomposed && !composed.utf8.elementsEqual(decomposed.utf8))
        let file = "\(decomposed)-\(Self.recipe)-360.webp"
        let image = WebImage(
            file: file,
            originalSha256: decomposed,
            recipe: Self.recipe,
            role: .small,
            width: 360,
            height: 203,
            bytes: 9
        )
        #expect(image.name == .recipe(width: 360))
        #expect(PublishedImage.File(image, original: composed).name.utf8.elementsEqual(file.utf8))
        #expect(PublishedImage.File(image, original: decomposed).name.utf8.elementsEqual(file.utf8))
    }

    @Test func anOriginalIsNamedByItsHashAndItsProvenancesDigits() {
        let provenance = SHA256Digest.hex(of: "a provenance record")
        let file = PublishedImage.File(original: Self.original, provenanceDigest: provenance, width: 1, height: 1)
        #expect(file.name == SiteNames.original(sha256: Self.original, provenanceDigest: provenance))
        #expect(file.name == "\(Self.original)-\(provenance.prefix(10)).png")
        #expect(file.path == "images/\(file.name)")
        #expect(PublishedImage.File(name: "x.png", width: 1, height: 1).name == "x.png")
    }

    @Test func equalNamesMakeEqualImages() {
        let file = DerivedRecipe.standard(libraryVersion: "test").fileName(
            original: Self.original,
            size: .init(role: .small, width: 360)
        )
        #expect(Self.image(file) == Self.image(String(decoding: Array(file.utf8), as: UTF8.self)))
        #expect(Set([Self.image(file), Self.image(file), Self.image("w1.webp")]).count == 2)
    }
}
