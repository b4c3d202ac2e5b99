import ArgumentParser
import Foundation
import Hatchery

/// The setup build of a generated benchmark site: what `hatchery build` does, with the local
/// provider painting small images, so that a gallery of 100,000 prompts is made in minutes
/// rather than hours. Rebuilds are then timed with the `hatchery` binary itself.
struct SetupBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Builds a site folder with the local provider painting small images."
    )

    @Argument(help: "The site folder holding catalog.yaml (provider: local).")
    var site: String

    @Option(help: "Long side of the painted images in pixels.")
    var imageSide = 64

    func run() async throws {
        let start = ContinuousClock.now
        let side = imageSide
        let report = try await BuildPipeline(
            options: BuildOptions(siteDirectory: URL(fileURLWithPath: site)),
            makeProvider: { _ in LocalProvider(longSide: side) }
        ).run()
        print(
            String(
                format: "setup build: %d tasks, %d files written in %.1f s",
                report.completed,
                report.render.filesWritten,
                (ContinuousClock.now - start).seconds
            )
        )
    }
}
