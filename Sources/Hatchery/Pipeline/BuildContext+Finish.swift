import Foundation

extension BuildContext {
    /// Ends a build that ran every step: stamps it when it is complete and its site shows
    /// everything, records the run finished, and adds what the webhook listener saw.
    mutating func finish() async throws -> BuildReport {
        try await stampIfCompleteAndShown()
        try await store.finishRun(runID, succeeded: true)
        if let receiver = webhooks?.receiver {
            report.webhooks = (receiver.accepted, receiver.duplicates, receiver.rejected)
        }
        return report
    }

    /// Records what the build saw and left (`BuildStamp`), so that the next build with nothing
    /// changed can stop before reading the catalog.
    private mutating func stampIfCompleteAndShown() async throws {
        let templates = options.templatesOrigin(for: catalog)
        // The site as the render recorded it, not as a walk finds it now: a file changed by hand
        // meanwhile then fails the next build's check, which makes it again.
        guard report.isCompleteAndShown, let inputs = BuildInputs.digest(options: options, templates: templates),
            let site = siteDigest ?? SiteDigest.compute(options.outputDirectory)
        else { return }
        let content = try await content()
        try await store.saveBuildStamp(
            BuildStamp(
                inputs: inputs,
                templates: templates.recorded,
                revision: try await store.revision(),
                site: site.digest,
                prompts: content.entries.count,
                images: content.entries.reduce(0) { $0 + ($1.generation?.images.count ?? 0) },
                files: site.files
            )
        )
    }
}
