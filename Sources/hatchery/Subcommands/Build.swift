import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate what changed and render the gallery into DIR/public.")

        @OptionGroup var site: SiteOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var select: SelectionOptions

        // Unconditional, so that `--max-spend -1` reaches the money parser and is refused
        // as negative instead of being read as a missing value and an unknown flag.
        @Option(parsing: .unconditional, help: "The most this build may spend, in dollars (e.g. 2.50).",
                transform: { text throws(ParseError) in try Money.parse(text) })
        var maxSpend: Money?

        @Option(help: "A templates folder to use instead of the catalog's.", completion: .directory)
        var templates: String?

        @Option(help: "How many tasks run at once (1–64).")
        var concurrency: Int?

        @Flag(name: .shortAndLong, help: "No progress on stderr.")
        var quiet = false

        @Flag(help: "When another build is running on the site, wait for it to finish instead of failing.")
        var wait = false

        @Option(help: "Poll remote tasks every this many seconds (default: from 2, growing to 15).",
                transform: { text throws(ParseError) in try Duration.parse(text, unit: .seconds) })
        var pollInterval: Duration?

        @Option(help: "Minutes one task is followed before the build leaves it for the next build (default 30).",
                transform: { text throws(ParseError) in try Duration.parse(text, unit: .minutes) })
        var taskTimeout: Duration?

        @Option(help: "Receive EggAPI webhooks on HOST:PORT during the build (needs EGGAPI_WEBHOOK_SECRET).")
        var webhookListen: String?

        @Option(help: "The public URL EggAPI should post webhooks to (it must reach --webhook-listen).")
        var webhookURL: String?

        func validate() throws {
            if let concurrency, !(1...64).contains(concurrency) {
                throw ValidationError("--concurrency must be between 1 and 64.")
            }
            if (webhookListen == nil) != (webhookURL == nil) {
                throw ValidationError("--webhook-listen and --webhook-url go together.")
            }
            if let taskTimeout, !(Duration.milliseconds(600)...Duration.seconds(86_400)).contains(taskTimeout) {
                throw ValidationError("--task-timeout must be between 0.01 and 1440 minutes.")
            }
            if let pollInterval, !(Duration.milliseconds(50)...Duration.seconds(300)).contains(pollInterval) {
                throw ValidationError("--poll-interval must be between 0.05 and 300 seconds.")
            }
        }

        func run() async throws {
            logging.bootstrap()
            var options = BuildOptions(
                siteDirectory: site.url,
                templates: templates.map { URL(fileURLWithPath: $0) },
                concurrency: concurrency, progress: quiet ? .quiet : .automatic,
                pollInterval: pollInterval)
            options.maxSpend = maxSpend
            options.selection = select.selection
            if let taskTimeout { options.taskTimeout = taskTimeout }
            options.waitForLock = wait
            if let webhookListen, let webhookURL {
                options.webhooks = try WebhookOptions.parse(listen: webhookListen, url: webhookURL)
            }
            let started = ContinuousClock.now
            let report = try await BuildPipeline(options: options).run()
            let elapsed = ContinuousClock.now - started
            print(BuildSummary(report: report, elapsed: elapsed).text)
            for warning in report.render.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            if report.failed + report.unknown + report.interrupted + report.outputsPending + report.skipped + report.ambiguous > 0 {
                throw ExitCode(2)
            }
        }
    }
}
