extension BuildStep {
    /// Makes the web sizes of every original the gallery shows (current and earlier
    /// generations), reusing those already made; an original that cannot be converted is
    /// logged and shown as its PNG.
    static var makeWebImages: BuildStep {
        BuildStep("Make web images") { context in
            await context.dropStaleSiteFiles()
            let content = try await context.content()
            var originals = Set<String>(minimumCapacity: content.entries.count)
            for entry in content.entries {
                for image in entry.generation?.images ?? [] { originals.insert(image.sha256) }
                for generation in entry.history {
                    for image in generation.images { originals.insert(image.sha256) }
                }
            }
            let stage = DerivationStage(
                store: context.store,
                deriver: ImageDeriver(recipe: context.options.derivedRecipe),
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
            // What the conversion freed (libvips' buffers, the listings of the derived folder)
            // goes back to the kernel before the render reads the records of every site file:
            // kept for reuse, it stayed resident under the render's own peak.
            if summary.made > 0 { AllocatorTuning.releaseFreedMemory() }
        }
    }
}
