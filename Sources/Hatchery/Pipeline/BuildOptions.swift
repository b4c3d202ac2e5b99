import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: it holds `catalog.yaml`, `.hatchery/` and `public/`.
    public var siteDirectory: URL
    /// Overrides the catalog's templates folder.
    public var templates: URL?
    /// Overrides the catalog's concurrency.
    public var concurrency: Int?
    public var progress: ProgressReporter.Mode

    public init(siteDirectory: URL, templates: URL? = nil, concurrency: Int? = nil, progress: ProgressReporter.Mode = .automatic) {
        self.siteDirectory = siteDirectory
        self.templates = templates
        self.concurrency = concurrency
        self.progress = progress
    }

    public var outputDirectory: URL { siteDirectory.appendingPathComponent("public") }

    /// `--templates`, else the catalog's `gallery.templates`, else `templates/` in the site.
    func templatesFolder(for catalog: Catalog) -> URL {
        templates ?? catalog.gallery.templates ?? siteDirectory.appendingPathComponent("templates")
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var plan: Plan
    public var submitted = 0
    public var resumed = 0
    public var completed = 0
    public var failed = 0
    public var images = 0
    public var cost = Money.zero
    public var render = RenderReport(filesWritten: 0, filesUnchanged: 0, filesRemoved: 0)
    public var output: URL
    public var failures: [(prompt: String, reason: String)] = []
}
