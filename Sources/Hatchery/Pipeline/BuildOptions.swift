import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: it holds `catalog.yaml`, `.hatchery/` and `public/`.
    public var siteDirectory: URL
    /// Overrides the catalog's templates folder.
    public var templates: URL?
    /// Overrides the catalog's concurrency.
    public var concurrency: Int?
    /// Overrides how often remote tasks are polled.
    public var pollInterval: Duration?
    /// Receive webhooks during the build (polling stays the fallback).
    public var webhooks: WebhookOptions?
    /// The most this build may spend (`--max-spend`).
    public var maxSpend: Money?
    /// `--only` and `--force`.
    public var selection = Selection.all
    /// How web images are made; nil for the standard recipe of the installed libvips.
    public var derivedRecipe: DerivedRecipe?
    /// How long one task is followed before the build leaves it for the next (`--task-timeout`).
    public var taskTimeout: Duration = .seconds(30 * 60)
    /// Fetches of one output within a build before it is left for the next build.
    public var downloadAttempts = 3
    /// `--wait`: when another build holds the site's lock, wait for it instead of failing.
    public var waitForLock = false

    public init(siteDirectory: URL, templates: URL? = nil, concurrency: Int? = nil, pollInterval: Duration? = nil) {
        self.siteDirectory = siteDirectory
        self.templates = templates
        self.concurrency = concurrency
        self.pollInterval = pollInterval
    }

    /// `--poll-interval` polls at that fixed interval; otherwise local tasks are asked at once
    /// and remote ones from two seconds, growing to fifteen.
    func polling(for kind: ProviderKind) -> PollingPolicy {
        if let pollInterval { return PollingPolicy(initial: pollInterval, multiplier: 1, maximum: pollInterval) }
        return kind == .local ? .immediate : .remote
    }

    public var outputDirectory: URL { siteDirectory.appendingPathComponent("public") }

    /// `--templates`, else the catalog's `gallery.templates`, else a `templates/` folder in the
    /// site, else the theme built into the binary.
    func templatesOrigin(for catalog: Catalog) -> TemplateSet.Origin {
        if let folder = templates ?? catalog.gallery.templates { return .folder(folder) }
        return hasOwnTemplatesFolder ? .folder(ownTemplatesFolder) : .builtIn
    }

    /// `templates/` in the site: used when neither `--templates` nor the catalog names a folder.
    var ownTemplatesFolder: URL { siteDirectory.appendingPathComponent("templates") }

    var hasOwnTemplatesFolder: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: ownTemplatesFolder.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}

/// Where the build listens for EggAPI's webhooks, and what it tells EggAPI to call.
public struct WebhookOptions: Sendable {
    public var host: String
    public var port: Int
    public var url: String
    public var secret: String

    public init(host: String, port: Int, url: String, secret: String) {
        self.host = host
        self.port = port
        self.url = url
        self.secret = secret
    }

    /// From `--webhook-listen HOST:PORT`, `--webhook-url URL` and the environment's
    /// `EGGAPI_WEBHOOK_SECRET`. Throws `WebhookError.badAddress`, then `.missingSecret`.
    public static func parse(
        listen: String,
        url: String,
        environment: HatcheryEnvironment
    ) throws(WebhookError) -> WebhookOptions {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port), colon > listen.startIndex
        else { throw .badAddress(listen) }
        return WebhookOptions(
            host: String(listen[..<colon]),
            port: port,
            url: url,
            secret: try environment.webhookSecret()
        )
    }
}

/// How a build fared against its budget.
public struct BudgetSummary: Sendable {
    public var cap: Money
    public var spent: Money
    /// The most spent + reserved reached while the build ran.
    public var highWater: Money
    /// Estimates of tasks whose outcome is unknown: they may have been charged.
    public var possiblyCharged: Money = .zero
    /// Prompts not submitted because they did not fit, and what they would cost.
    public var skipped: [String]
    public var skippedCost: Money
}
