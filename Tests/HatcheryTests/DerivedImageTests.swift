import Foundation
import Testing

@testable import Hatchery

/// Web images through the real libvips: sizes, one conversion per original and recipe, cleanup.
@Suite struct DerivedImageTests {
    static func original(index: Int = 0, width: Int = 1024, height: Int = 576) throws -> Data {
        let request = GenerationRequest(model: "nanobanana", prompt: "derived test \(index) hills sea")
        let image = ImageSynthesizer().render(
            request,
            fingerprint: Fingerprint(provider: .local, request: request),
            index: index
        )
        var resized = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 {
                    resized.pixels[(y * width + x) * 3 + c] =
                        image.pixels[((y % image.height) * image.width + x % image.width) * 3 + c]
                }
            }
        }
        return try PNGEncoder().encode(resized)
    }

    @Test func makesEverySizeFromOneDecodeNeverEnlarging() throws {
        let outputs = try ImageDeriver().derive(png: try Self.original())
        #expect(outputs.map(\.size.role) == [.small, .medium, .large])
        #expect(outputs.map(\.width) == [360, 720, 1024])
        #expect(outputs.map(\.height) == [203, 405, 576])
        for output in outputs {
            #expect(
                output.webp.prefix(4) == Data("RIFF".utf8) && output.webp.dropFirst(8).prefix(4) == Data("WEBP".utf8)
            )
        }
    }

    @Test func aNarrowOriginalKeepsItsWidthInEveryLargerSize() throws {
        let outputs = try ImageDeriver().derive(png: try Self.original(width: 576, height: 1024))
        #expect(outputs.map(\.width) == [360, 576, 576] && outputs.map(\.height) == [640, 1024, 1024])
        #expect(outputs[1].webp == outputs[2].webp)
    }

    @Test func aCorruptOriginalIsAnErrorNotACrash() throws {
        var png = try Self.original()
        png.replaceSubrange(png.count / 2..<png.count / 2 + 64, with: Data(repeating: 0x55, count: 64))
        #expect(throws: DerivationError.self) { try ImageDeriver().derive(png: png) }
        #expect(throws: DerivationError.self) { try ImageDeriver().derive(png: Data("not a png".utf8)) }
    }

    @Test func recipeNamesCoverEveryInput() {
        let base = DerivedRecipe.standard(libraryVersion: "8.14.1")
        var quality = base
        var widths = base
        var library = base
        quality.quality = 70
        widths.sizes[0].width = 300
        library.libraryVersion = "8.15.0"
        #expect(Set([base, quality, widths, library].map(\.tag)).count == 4)
        #expect(base.fileName(original: "ab12", size: base.sizes[1]) == "ab12-\(base.tag)-720.webp")
    }

    @Test func convertsEachOriginalOnceAndRemovesWhatIsNoLongerShown() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let originals = try (0..<3).map { try store.objects.put(try Self.original(index: $0, width: 400, height: 300)) }
        let deriver = ImageDeriver()

        let (images, first) = try await DerivationStage(store: store, deriver: deriver).run(originals: Set(originals))
        #expect(first.made == 3 && first.reused == 0 && first.failures.isEmpty)
        #expect(images[original: originals[0]].map(\.width) == [360, 400, 400])
        let files = try FileManager.default.contentsOfDirectory(atPath: store.derivedFolder.path).sorted()
        #expect(files.count == 9)
        let modified = try modificationDates(store.derivedFolder)

        // Nothing new: nothing converted, nothing touched.
        let (_, second) = try await DerivationStage(store: store, deriver: deriver).run(originals: Set(originals))
        #expect(second.made == 0 && second.reused == 3 && second.removed == 0)
        #expect(try modificationDates(store.derivedFolder) == modified)

        // One original dropped: its three files go; a lost file is made again.
        try FileManager.default.removeItem(at: store.derivedFolder.appendingPathComponent(files[0]))
        let (_, third) = try await DerivationStage(store: store, deriver: deriver).run(
            originals: Set(originals.dropLast())
        )
        #expect(third.removed == 3)
        #expect(third.made == (originals.dropLast().contains { files[0].hasPrefix($0) } ? 1 : 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.derivedFolder.path).count == 6)
        #expect(try await store.derivedImages().count == 6)

        // A new recipe replaces every file.
        var recipe = deriver.recipe
        recipe.quality = 60
        let (again, fourth) = try await DerivationStage(store: store, deriver: ImageDeriver(recipe: recipe)).run(
            originals: Set(originals)
        )
        #expect(fourth.made == 3 && fourth.removed == 6)
        #expect(again.files.allSatisfy { $0.contains(recipe.tag) })
        #expect(try await store.derivedImages().allSatisfy { $0.recipe == recipe.tag })
    }

    /// An original made again drops its old records, whatever they named, and a file no record
    /// names goes, while every other original's files and rows stay.
    @Test func anOriginalMadeAgainDropsItsOldRecordsAndStrayFilesGo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let originals = try (0..<3).map { try store.objects.put(try Self.original(index: $0, width: 400, height: 300)) }
        let deriver = ImageDeriver()
        let (made, _) = try await DerivationStage(store: store, deriver: deriver).run(originals: Set(originals))
        let folder = store.derivedFolder
        // A fourth record for the second original, under a name of its own, with its file.
        let odd = WebImage(
            file: "odd-name.webp",
            originalSha256: originals[1],
            recipe: deriver.recipe.tag,
            role: .large,
            width: 999,
            height: 1,
            bytes: 5
        )
        try await store.saveDerivedImages([odd])
        try Data("odd".utf8).write(to: folder.appendingPathComponent(odd.file))
        try Data("stray".utf8).write(to: folder.appendingPathComponent("stray.webp"))
        let others = Set(made.records.filter { $0.originalSha256 != originals[1] }.map(\.file))

        let (images, summary) = try await DerivationStage(store: store, deriver: deriver).run(originals: Set(originals))
        #expect(summary.made == 1 && summary.reused == 2 && summary.removed == 2)
        #expect(images.records.count == 9 && !images.files.contains(odd.file))
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(onDisk == Set(images.files) && onDisk.isSuperset(of: others))
        #expect(Set(try await store.derivedImages().map(\.file)) == onDisk)
    }

    @Test func anOriginalLibvipsCannotReadIsReportedAndTheRestAreMade() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try Store(folder: directory.url)
        let good = try store.objects.put(try Self.original(width: 200, height: 100))
        let bad = try store.objects.put(Data("\u{89}PNG\r\n\u{1a}\n but not really".utf8))
        let (images, summary) = try await DerivationStage(store: store, deriver: ImageDeriver()).run(originals: [
            good, bad,
        ])
        #expect(summary.made == 1 && summary.failures.map(\.original) == [bad])
        #expect(images[original: good].count == 3 && images[original: bad].isEmpty)
    }

    func modificationDates(_ folder: URL) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            dates[name] =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[
                    .modificationDate
                ] as? Date
        }
        return dates
    }
}
