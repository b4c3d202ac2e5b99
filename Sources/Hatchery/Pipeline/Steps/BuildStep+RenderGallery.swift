extension BuildStep {
    /// Writes the site into `DIR/public` (staged beside it and swapped in whole), with the web
    /// images `Make web images` left in the context.
    static var renderGallery: BuildStep {
        BuildStep("Render gallery") { context in
            let content = try await context.content()
            try await context.store.setCurrentFingerprints(content.shownFingerprints)
            let images = ImageFiles(
                objects: context.store.objects,
                derived: context.webImages,
                derivedFolder: context.store.derivedFolder
            )
            context.report.render = try GalleryRenderer(templates: context.templates).render(
                content,
                to: context.options.outputDirectory,
                images: images
            )
            context.report.promptsWithoutImages = content.entries.count { !$0.isCurrent }
        }
    }
}
