import ArgumentParser
import Foundation
import Hatchery
import VipsShim

/// Derived web images: Hatchery's stage against `vipsthumbnail` making the same files from the
/// same corpus, in the same run.
struct DeriveBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Times derived WebP images for a corpus of PNGs, next to vipsthumbnail."
    )

    @Option(help: "How many PNGs the corpus has.")
    var count = 300

    @Option(help: "Their width and height in pixels.")
    var side = 1024

    @Option(help: "How many times to time each side (the best run is reported).")
    var runs = 3

    @Flag(help: "Paint smooth images only, without the grain of a real generated picture.")
    var smooth = false

    @Option(help: "libwebp effort (0–6) instead of the standard recipe's.")
    var effort: Int?

    @Option(help: "Hatchery's workers (default: one per core).")
    var workers: Int?

    @Flag(
        help:
            "Also time the stage with libvips' ORC vector code on, as it ran before it was turned off (it can crash with more than one worker), in every run."
    )
    var compareVector = false

    @Option(
        help:
            "Keep the corpus's PNGs in this folder (for looking at them, or timing other tools); a later run with the same folder reads them back instead of painting them again."
    )
    var keepCorpus: String?

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hatchery-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let store = try Store(folder: work.appendingPathComponent("store"))
        let corpus = work.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)

        print("corpus: \(count) PNGs of \(side)×\(side)\(smooth ? " (smooth)" : " (with grain)")…")
        var originals: [String] = []
        var files: [String] = []
        var bytes = 0
        for index in 0..<count {
            let kept = keepCorpus.map { URL(fileURLWithPath: $0).appendingPathComponent("\(index).png") }
            let png: Data
            if let kept, let earlier = try? Data(contentsOf: kept) {
                png = earlier
            } else {
                png = try CorpusPainter(side: side, grain: !smooth).png(index: index)
                if let kept {
                    try FileManager.default.createDirectory(
                        at: kept.deletingLastPathComponent(),
                        withIntermediateDirectories: true
                    )
                    try png.write(to: kept)
                }
            }
            let sha = try store.objects.put(png)
            originals.append(sha)
            files.append(store.objects.url(sha256: sha).path)
            bytes += png.count
        }
        print("corpus size: \(bytes / 1_048_576) MiB")

        // As the hatchery binary runs the stage.
        AllocatorTuning.keepFreedBuffers()
        AllocatorTuning.twoHeapsPerCore()
        var recipe = DerivedRecipe.standard(libraryVersion: ImageDeriver.libraryVersion)
        if let effort { recipe.effort = effort }
        let deriver = ImageDeriver(recipe: recipe)
        print("recipe: \(recipe.canonicalForm)")
        let cores = ProcessInfo.processInfo.activeProcessorCount

        var ours: [Double] = []
        var withVector: [Double] = []
        var theirs: [Double] = []
        /// Times the stage from nothing made.
        func timeStage() async throws -> Double {
            try? FileManager.default.removeItem(at: store.derivedFolder)
            try await store.deleteDerivedImages(files: (try await store.derivedImages()).map(\.file))
            let start = ContinuousClock.now
            let (_, summary) = try await DerivationStage(store: store, deriver: deriver, parallelism: workers ?? cores)
                .run(originals: Set(originals))
            let seconds = (ContinuousClock.now - start).seconds
            guard summary.made == count, summary.failures.isEmpty else {
                throw ValidationError(
                    "the stage made \(summary.made) of \(count): \(summary.failures.first?.reason ?? "")"
                )
            }
            return seconds
        }
        func timeStageWithVector() async throws -> Double {
            hatchery_vips_set_vector_enabled(1)
            defer { hatchery_vips_set_vector_enabled(0) }
            return try await timeStage()
        }
        for run in 1...runs {
            // With ORC first in odd runs, last in even ones: neither always meets a cold cache.
            if compareVector, run % 2 == 1 { withVector.append(try await timeStageWithVector()) }
            ours.append(try await timeStage())
            if compareVector, run % 2 == 0 { withVector.append(try await timeStageWithVector()) }

            let output = work.appendingPathComponent("vipsthumbnail")
            try? FileManager.default.removeItem(at: output)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            let batches = (0..<cores).map { core in stride(from: core, to: files.count, by: cores).map { files[$0] } }
            let vipsStart = ContinuousClock.now
            try await VipsThumbnailBatches(recipe: recipe, output: output).run(batches)
            theirs.append((ContinuousClock.now - vipsStart).seconds)
            let made = try FileManager.default.contentsOfDirectory(atPath: output.path).count
            guard made == count * recipe.sizes.count else {
                throw ValidationError("vipsthumbnail made \(made) files, expected \(count * recipe.sizes.count)")
            }
            let vector = withVector.last.map { String(format: ", with ORC %.2f s", $0) } ?? ""
            print(
                String(format: "run %d: hatchery %.2f s", run, ours.last!) + vector
                    + String(format: ", vipsthumbnail %.2f s", theirs.last!)
            )
        }
        let best = ours.min()!
        let bestTheirs = theirs.min()!
        print(
            String(
                format: "hatchery (one decode per original, %d workers):      %6.1f images/s  (best of %d: %.2f s)",
                cores,
                Double(count) / best,
                runs,
                best
            )
        )
        print(
            String(
                format: "vipsthumbnail (%d parallel batches, one per core): %6.1f images/s  (best of %d: %.2f s)",
                cores,
                Double(count) / bestTheirs,
                runs,
                bestTheirs
            )
        )
        print(String(format: "ratio: %.2f× (target ≥ 1.5×)", bestTheirs / best))
        if let bestVector = withVector.min() {
            print(
                String(
                    format:
                        "hatchery with ORC vector code (before):       %6.1f images/s  (best of %d: %.2f s); without costs %+.1f%%",
                    Double(count) / bestVector,
                    runs,
                    bestVector,
                    (best / bestVector - 1) * 100
                )
            )
        }
        print("peak memory (hatchery process): \(PeakMemory.residentMiB) MiB")
    }
}
