extension BuildStep {
    /// Writes the site into `DIR/public`, with the web images `Make web images` left in the
    /// context: only the files whose inputs changed since the last render (recorded in the
    /// store), staged beside the site and moved in once all are made.
    static var renderGallery: BuildStep {
        BuildStep("Render gallery") { context in
            let content = try await context.content()
            try await context.store.setCurrentFingerprints(content.shownFingerprints)
            let images = ImageFiles(
                objects: context.store.objects,
                derived: context.webImages,
                derivedFolder: context.store.derivedFolder
            )
            // The render's alone from here, which lets them go before it makes its pages: at
            // 10,000 prompts, 30,000 records.
            context.webImages = DerivedImages()
            let files = try await context.siteFiles()
            AllocatorTuning.releaseFreedMemory()
            let rendered = try await GalleryRenderer(templates: context.templates).render(
                content,
                to: context.options.outputDirectory,
                images: consume images,
                files: files
            )
            // The stamp's digest of the site is made while the store records the files, from
            // the records of the folders the render changed and the walk's digests of the rest.
            let changed = rendered.changes.folders
            let reused = (files.folderDigests ?? [:]).filter { !changed.contains($0.key) }
            async let digest = SiteDigest.compute(
                states: rendered.changes.states(after: files.previous, skipping: Set(reused.keys)),
                reusing: reused
            )
            try await context.store.saveSiteOutputs(rendered.changes)
            // After the records, so that a build killed in between leaves them without a digest.
            let site = await digest
            try await context.store.saveSiteOutputsDigest(site)
            context.report.render = rendered.report
            context.siteDigest = site
            context.report.promptsWithoutImages = content.entries.count { !$0.isCurrent }
        }
    }
}
