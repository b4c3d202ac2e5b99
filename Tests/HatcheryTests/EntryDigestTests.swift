import Foundation
import Testing

@testable import Hatchery

/// A render skips a prompt's page, sidecar and cards when their `EntryDigest` is unchanged, so
/// the digest must change with every field a page could show, and a field added to the types it
/// reads must not go unnoticed.
@Suite struct EntryDigestTests {
    static let sha = String(repeating: "ab", count: 32)

    static func image(task: Int64, index: Int) -> Generation.Image {
        Generation.Image(
            taskID: task,
            outputIndex: index,
            sha256: sha,
            width: 64,
            height: 36,
            bitDepth: 8,
            colorType: 2,
            bytes: 4096
        )
    }

    static func generation(task: Int64) -> Generation {
        Generation(
            taskID: task,
            provider: .local,
            model: "nanobanana",
            fingerprint: Fingerprint(hex: "f\(task)"),
            cost: Money(micros: 39_000),
            completedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(task)),
            request: GenerationRequest(model: "nanobanana", prompt: "A fox", imageURLs: ["https://example.com/a.png"]),
            images: [image(task: task, index: 0), image(task: task, index: 1)]
        )
    }

    static func entry() -> GalleryContent.Entry {
        GalleryContent.Entry(
            spec: PromptSpec(
                id: "fox",
                prompt: "A fox",
                negativePrompt: "blur",
                model: "nanobanana",
                resolution: .twoK,
                numOutputs: 2,
                imageURLs: ["https://example.com/a.png"],
                title: "Fox",
                caption: "At dusk",
                tags: ["animal", "night"],
                line: 7
            ),
            fingerprint: Fingerprint(hex: "00ff"),
            generation: generation(task: 2),
            history: [generation(task: 1)],
            failure: nil
        )
    }

    static let web = [
        WebImage(file: "w1.webp", originalSha256: sha, recipe: "r1", role: .small, width: 32, height: 18, bytes: 100),
        WebImage(file: "w2.webp", originalSha256: sha, recipe: "r1", role: .large, width: 64, height: 36, bytes: 300),
    ]

    static func digest(
        _ entry: GalleryContent.Entry,
        web: [WebImage] = web,
        showSpend: Bool = true
    ) async -> SHA256Digest.Words {
        let content = GalleryContent(
            gallery: Catalog.Gallery(showSpend: showSpend),
            provider: .local,
            entries: [entry],
            spend: GalleryContent.Spend(
                byModel: SpendReport(by: [], rows: []),
                byDayAndModel: SpendReport(by: [], rows: []),
                byModelAndPrompt: SpendReport(by: [], rows: [])
            )
        )
        return EntryDigest.of(entry, published: await PublishedImages.make(content, derived: DerivedImages(web)))
    }

    /// The stored fields of the types `EntryDigest` reads, as they stand. A new field fails
    /// this test: write it into `EntryDigest` (or say there why no page shows it), then add it here.
    @Test func everyStoredFieldOfWhatItReadsIsKnown() {
        func fields(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let entry = Self.entry()
        let generation = Self.generation(task: 1)
        #expect(fields(entry) == ["spec", "fingerprint", "generation", "history", "failure", "newer"])
        #expect(
            fields(entry.spec.values) == [
                "id", "prompt", "negativePrompt", "model", "aspectRatio", "resolution", "numOutputs", "imageURLs",
                "title", "caption", "tags", "line", "displayTitle",
            ]
        )
        #expect(fields(entry.fingerprint) == ["value"])
        #expect(fields(NewerVersion(.pending, reason: "")) == ["state", "reason"])
        #expect(
            fields(generation) == [
                "taskID", "provider", "model", "fingerprint", "cost", "completedAt", "request", "images",
            ]
        )
        #expect(fields(generation.cost) == ["micros"])
        #expect(
            fields(generation.request!) == [
                "model", "prompt", "negativePrompt", "aspectRatio", "numOutputs", "resolution", "imageURLs",
                "webhookURL",
            ]
        )
        #expect(
            fields(generation.images[0]) == [
                "taskID", "outputIndex", "sha256", "width", "height", "bitDepth", "colorType", "bytes",
            ]
        )
        let file = PublishedImage.File(Self.web[0], original: Self.web[0].originalSha256)
        // `original` and `naming` are written as the name they make.
        #expect(fields(file) == ["original", "naming", "width", "height", "role", "bytes"])
        let published = PublishedImage(
            generation.images[0],
            generation: generation,
            derived: DerivedImages(),
            showSpend: true
        )
        #expect(fields(published) == ["original", "sizes"])
    }

    @Test func everyFieldAPageCouldShowChangesTheDigest() async {
        let base = await Self.digest(Self.entry())
        #expect(await Self.digest(Self.entry()) == base)
        let edits: [(String, (inout GalleryContent.Entry) -> Void)] = [
            ("id", { $0.spec.id = "fox2" }),
            ("prompt", { $0.spec.prompt = "A red fox" }),
            ("negative prompt", { $0.spec.negativePrompt = nil }),
            ("model", { $0.spec.model = "nanobanana-pro" }),
            ("aspect ratio", { $0.spec.aspectRatio = .portrait }),
            ("resolution", { $0.spec.resolution = nil }),
            ("outputs", { $0.spec.numOutputs = 3 }),
            ("reference images", { $0.spec.imageURLs = [] }),
            ("title", { $0.spec.title = "Fox!" }),
            ("no title", { $0.spec.title = nil }),
            ("caption", { $0.spec.caption = "At dawn" }),
            ("tags", { $0.spec.tags = ["animal"] }),
            ("tags joined", { $0.spec.tags = ["animal night"] }),
            ("fingerprint", { $0.fingerprint = Fingerprint(hex: "00fe") }),
            ("failure", { $0.failure = "refused" }),
            ("newer", { $0.newer = NewerVersion(.pending, reason: "queued") }),
            ("newer failed", { $0.newer = NewerVersion(.failed, reason: "queued") }),
            ("no generation", { $0.generation = nil }),
            ("no history", { $0.history = [] }),
            ("task", { $0.generation?.taskID = 9 }),
            ("provider", { $0.generation?.provider = .eggapi }),
            ("generation model", { $0.generation?.model = "nanobanana-pro" }),
            ("generation fingerprint", { $0.generation?.fingerprint = Fingerprint(hex: "g") }),
            ("cost", { $0.generation?.cost = Money(micros: 39_001) }),
            ("completed", { $0.generation?.completedAt = Date(timeIntervalSince1970: 1) }),
            ("no request", { $0.generation?.request = nil }),
            ("request prompt", { $0.generation?.request?.prompt = "A wolf" }),
            ("request model", { $0.generation?.request?.model = "x" }),
            ("request negative", { $0.generation?.request?.negativePrompt = "x" }),
            ("request aspect", { $0.generation?.request?.aspectRatio = .portrait }),
            ("request outputs", { $0.generation?.request?.numOutputs = 4 }),
            ("request resolution", { $0.generation?.request?.resolution = .oneK }),
            ("request references", { $0.generation?.request?.imageURLs = nil }),
            ("request webhook", { $0.generation?.request?.webhookURL = "https://example.com/h" }),
            ("one image fewer", { $0.generation?.images.removeLast() }),
            ("image width", { $0.generation?.images[0].width = 65 }),
            ("image height", { $0.generation?.images[0].height = 37 }),
            ("image sha", { $0.generation?.images[0].sha256 = String(repeating: "cd", count: 32) }),
            ("image depth", { $0.generation?.images[0].bitDepth = 16 }),
            ("image colour", { $0.generation?.images[0].colorType = 6 }),
            ("image bytes", { $0.generation?.images[0].bytes = 4097 }),
            ("history image", { $0.history[0].images[1].width = 1 }),
        ]
        var seen: [String: SHA256Digest.Words] = ["": base]
        for (name, edit) in edits {
            var entry = Self.entry()
            edit(&entry)
            let digest = await Self.digest(entry)
            #expect(digest != base, "\(name)")
            #expect(!seen.values.contains(digest), "\(name) gave another edit's digest")
            seen[name] = digest
        }
        // Published files: other web sizes, or none (libvips failed), or costs hidden in the
        // originals' provenance, which names them.
        var smaller = Self.web
        smaller[1].width = 48
        #expect(await Self.digest(Self.entry(), web: smaller) != base)
        #expect(await Self.digest(Self.entry(), web: []) != base)
        #expect(await Self.digest(Self.entry(), showSpend: false) != base)
    }

    @Test func theCatalogLineIsNotPartOfIt() async {
        var moved = Self.entry()
        moved.spec.line = 900
        #expect(await Self.digest(moved) == (await Self.digest(Self.entry())))
    }

    /// An output index at the top of `Int`'s range (a store edited by hand) is counted as the
    /// last there is, in the provenance record and on the page, rather than overflowing.
    @Test func anOutputIndexAtTheTopOfTheRangeDoesNotOverflow() {
        var generation = Self.generation(task: 3)
        generation.images[0].outputIndex = .max
        #expect(generation.images[0].number == .max && generation.images[1].number == 2)
        let provenance = Provenance(image: generation.images[0], generation: generation, showSpend: true)
        #expect(provenance.json.contains("\(Int.max)"))
    }
}
