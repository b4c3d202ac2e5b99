import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate what changed and render the gallery into DIR/public.")

        @OptionGroup var site: SiteOptions
        @OptionGroup var select: SelectionOptions

        @Option(help: "The most this build may spend, in dollars (e.g. 2.50).")
        var maxSpend: String?

        @Option(help: "A templates folder to use instead of the catalog's.", completion: .directory)
        var templates: String?

        @Option(help: "How many tasks run at once (1–64).")
        var concurrency: Int?

        @Flag(name: .shortAndLong, help: "No progress on stderr.")
        var quiet = false

        @Flag(help: "When another build is running on the site, wait for it to finish instead of failing.")
        var wait = false

        @Option(help: "Poll remote tasks every this many seconds (default: from 2, growing to 15).")
        var pollInterval: Double?

        @Option(help: "Minutes one task is followed before the build leaves it for the next build (default 30).")
        var taskTimeout: Double?

        @Option(help: "Receive EggAPI webhooks on HOST:PORT during the build (needs EGGAPI_WEBHOOK_SECRET).")
        var webhookListen: String?

        @Option(help: "The public URL EggAPI should post webhooks to (it must reach --webhook-listen).")
        var webhookURL: String?

        func validate() throws {
            if let concurrency, !(1...64).contains(concurrency) {
                throw ValidationError("--concurrency must be between 1 and 64.")
            }
            if let maxSpend, Money(parsing: maxSpend).map({ $0 >= .zero }) != true {
                throw ValidationError("--max-spend takes an amount of dollars, such as 2.50.")
            }
            if (webhookListen == nil) != (webhookURL == nil) {
                throw ValidationError("--webhook-listen and --webhook-url go together.")
            }
            if let taskTimeout, !(0.01...1440).contains(taskTimeout) {
                throw ValidationError("--task-timeout must be between 0.01 and 1440 minutes.")
            }
            if let pollInterval, !(0.05...300).contains(pollInterval) {
                throw ValidationError("--poll-interval must be between 0.05 and 300 seconds.")
            }
        }

        func run() async throws {
            site.bootstrapLogging()
            var options = BuildOptions(
                siteDirectory: URL(fileURLWithPath: site.directory),
                templates: templates.map { URL(fileURLWithPath: $0) },
                concurrency: concurrency, progress: quiet ? .quiet : .automatic,
                pollInterval: pollInterval.map { .milliseconds(Int($0 * 1000)) })
            options.maxSpend = maxSpend.flatMap(Money.init(parsing:))
            options.selection = select.selection
            if let taskTimeout { options.taskTimeout = .milliseconds(Int(taskTimeout * 60_000)) }
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
