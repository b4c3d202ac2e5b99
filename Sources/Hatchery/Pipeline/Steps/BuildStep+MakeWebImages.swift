extension BuildStep {
    /// Makes the web sizes of every original the gallery shows (current and earlier
    /// generations), reusing those already made; an original that cannot be converted is
    /// logged and shown as its PNG.
    static var makeWebImages: BuildStep {
        BuildStep("Make web images") { context in
            let content = try await context.content()
            let originals = Set(
                content.entries.flatMap { entry in
                    ([entry.generation].compactMap { $0 } + entry.history).flatMap { $0.images.map(\.sha256) }
                }
            )
            let stage = DerivationStage(
                store: context.store,
                deriver: try ImageDeriver(recipe: context.options.derivedRecipe),
                observer: context.observer
            )
            let (images, summary) = try await stage.run(originals: originals, known: try await context.derivedImages())
            context.report.derivation = summary
            for failure in summary.failures {
                context.logger.warning(
                    "No web images for \(failure.original.prefix(12)): \(failure.reason) Its pages show the PNG."
                )
            }
            context.webImages = images
        }
    }
}
