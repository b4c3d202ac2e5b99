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
                        let format = "\(output.path)/%s-\(size.width).webp[Q=\(recipe.quality),effort=\(recipe.effort),strip]"
                        try await Self.execute(["vipsthumbnail", "--size", "\(size.width)x>", "--vips-concurrency=1", "-o", format] + batch)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs a command and waits for it on a thread of its own.
    private static func execute(_ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            process.terminationHandler = { finished in
                if finished.terminationStatus == 0 {
                    continuation.resume()
                } else {
                    continuation.resume(throwing: BenchmarkError("\(arguments[0]) exited with \(finished.terminationStatus)"))
                }
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
