import Foundation
import Hatchery

/// Runs `vipsthumbnail` over batches of files at once (one process per batch and size), making
/// the files a recipe asks for: the same widths, never enlarged, WebP at the same quality and effort.
struct VipsThumbnailBatches {
    let recipe: DerivedRecipe
    let output: URL

    func run(_ batches: [[String]]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in batches where !batch.isEmpty {
                group.addTask {
                    for size in recipe.sizes {
                        // "W>" shrinks to W wide and never enlarges, as the stage does.
                        let format =
                            "\(output.path)/%s-\(size.width).webp[Q=\(recipe.quality),effort=\(recipe.effort),strip]"
                        try await Self.execute(
                            ["vipsthumbnail", "--size", "\(size.width)x>", "--vips-concurrency=1", "-o", format] + batch
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static func execute(_ arguments: [String]) async throws {
        let result = try await ChildCommand.run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
        guard result.status == 0 else {
            throw BenchmarkError("\(arguments[0]) exited with \(result.status): \(result.errors)")
        }
    }
}
