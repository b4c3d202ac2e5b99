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
    /// Overrides how often remote tasks are polled.
    public var pollInterval: Duration?

    public init(siteDirectory: URL, templates: URL? = nil, concurrency: Int? = nil, progress: ProgressReporter.Mode = .automatic,
                pollInterval: Duration? = nil) {
        self.siteDirectory = siteDirectory
        self.templates = templates
        self.concurrency = concurrency
        self.progress = progress
        self.pollInterval = pollInterval
    }

    /// `--poll-interval` polls at that fixed interval; otherwise local tasks are asked at once
    /// and remote ones from two seconds, growing to fifteen.
    func polling(for kind: ProviderKind) -> PollingPolicy {
        if let pollInterval { return PollingPolicy(initial: pollInterval, multiplier: 1, maximum: pollInterval) }
        return kind == .local ? .immediate : .remote
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
    /// Submissions whose outcome is still unknown (see `hatchery status`).
    public var unknown = 0
    /// Unknown outcomes the provider's task list could not settle on its own.
    public var ambiguous = 0
    /// Tasks still running at the provider; the next build resumes them.
    public var interrupted = 0
    /// Jobs not submitted because submitting stopped.
    public var skipped = 0
    public var stoppedBecause: String?
    public var images = 0
    public var cost = Money.zero
    public var render = RenderReport(filesWritten: 0, filesUnchanged: 0, filesRemoved: 0)
    public var output: URL
    public var failures: [(prompt: String, reason: String)] = []
}
