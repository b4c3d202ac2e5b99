import Testing

@testable import Hatchery

/// `DerivedImages` finds each original's web images, narrowest first, whatever order the
/// records came in, and none for an original it has no records of.
@Suite struct DerivedImagesTests {
    static func image(_ original: String, _ width: Int, _ file: String) -> WebImage {
        WebImage(file: file, originalSha256: original, recipe: "r1", role: .small, width: width, height: 10, bytes: 1)
    }

    @Test func eachOriginalsSizesNarrowestFirstInAnyOrderGiven() {
        var random = SeededGenerator(seed: 7)
        let originals = (0..<200).map { String(repeating: "\($0 % 10)", count: 3) + "-\($0)" }
        var records: [WebImage] = []
        for (index, original) in originals.enumerated() {
            for width in [1000, 360, 720].prefix(index % 4) {
                records.append(Self.image(original, width, "\(original)-\(width)"))
            }
        }
        let images = DerivedImages(records.shuffled(using: &random))
        #expect(images.count == records.count)
        for (index, original) in originals.enumerated() {
            let sizes = images[original: original]
            #expect(sizes.map(\.width) == [1000, 360, 720].prefix(index % 4).sorted())
            #expect(sizes.allSatisfy { $0.originalSha256 == original })
        }
        #expect(images[original: "none"].isEmpty)
        #expect(images[original: ""].isEmpty)
        #expect(DerivedImages()[original: "x"].isEmpty)
        #expect(Set(images.files) == Set(records.map(\.file)))
    }

    /// An original narrower than two of the recipe's widths has two files of one width: they
    /// stay in the order the store gave them, as the page lists the first.
    @Test func sizesOfOneWidthKeepTheirOrder() {
        let records = [
            Self.image("b", 64, "b-second"), Self.image("a", 64, "a-1"), Self.image("b", 32, "b-small"),
            Self.image("b", 64, "b-third"), Self.image("b", 64, "b-fourth"),
        ]
        #expect(DerivedImages(records)[original: "b"].map(\.file) == ["b-small", "b-second", "b-third", "b-fourth"])
    }

    /// Looked up by `String` equality, as the table by original was: an original written in
    /// another Unicode form finds the same records.
    @Test func anOriginalInAnotherUnicodeFormFindsItsRecords() {
        let images = DerivedImages([Self.image("caf\u{E9}", 10, "one"), Self.image("cafe", 10, "two")])
        #expect(images[original: "cafe\u{301}"].map(\.file) == ["one"])
    }
}
