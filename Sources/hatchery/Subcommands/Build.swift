import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate what changed and render the gallery into DIR/public."
        )

        @OptionGroup var site: SiteOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var select: SelectionOptions

        // Unconditional, so that `--max-spend -1` reaches the money parser and is refused
        // as negative instead of being read as a missing value and an unknown flag. Read in
        // `validate`, so the error quotes the value shortened, not whole as ArgumentParser would.
        @Option(parsing: .unconditional, help: "The most this build may spend, in dollars (e.g. 2.50).")
        var maxSpend: String?

        @Option(help: "A templates folder to use instead of the catalog's.", completion: .directory)
        var templates: String?

        @Option(parsing: .unconditional, help: "How many tasks run at once (1–64).")
        var concurrency: String?

        @Flag(name: .shortAndLong, help: "No progress on stderr.")
        var quiet = false

        @Flag(help: "When another build is running on the site, wait for it to finish instead of failing.")
        var wait = false

        @Option(
            parsing: .unconditional,
            help: "Poll remote tasks every this many seconds (default: from 2, growing to 15)."
        )
        var pollInterval: String?

        @Option(
            parsing: .unconditional,
            help: "Minutes one task is followed before the build leaves it for the next build (default 30)."
        )
        var taskTimeout: String?

        /// The flags' values as the library's strict parsers read them, once, in `validate`.
        struct Amounts: Decodable {
            var concurrency: Int?
            var maxSpend: Money?
            var pollInterval: Duration?
            var taskTimeout: Duration?
        }

        /// Set by `validate`, which ArgumentParser runs before `run` on the same value.
        private var amounts = Amounts()

        @Option(help: "Receive EggAPI webhooks on HOST:PORT during the build (needs EGGAPI_WEBHOOK_SECRET).")
        var webhookListen: String?

        @Option(help: "The public URL EggAPI should post webhooks to (it must reach --webhook-listen).")
        var webhookURL: String?

        mutating func validate() throws {
            // Each error names its flag.
            amounts = Amounts(
                maxSpend: try FlagValue.read(maxSpend, "--max-spend") { text throws(ParseError) in try Money.parse(text)
                },
                pollInterval: try FlagValue.read(pollInterval, "--poll-interval") { text throws(ParseError) in
                    try Duration.parse(text, unit: .seconds)
                },
                taskTimeout: try FlagValue.read(taskTimeout, "--task-timeout") { text throws(ParseError) in
                    try Duration.parse(text, unit: .minutes)
                }
            )
            amounts.concurrency = try FlagValue.wholeNumber(concurrency, "--concurrency", in: 1...64)
            if (webhookListen == nil) != (webhookURL == nil) {
                throw ValidationError("--webhook-listen and --webhook-url go together.")
            }
            if let taskTimeout = amounts.taskTimeout,
                !(Duration.milliseconds(600)...Duration.seconds(86_400)).contains(taskTimeout)
            {
                throw ValidationError("--task-timeout must be between 0.01 and 1440 minutes.")
            }
            if let pollInterval = amounts.pollInterval,
                !(Duration.milliseconds(50)...Duration.seconds(300)).contains(pollInterval)
            {
                throw ValidationError("--poll-interval must be between 0.05 and 300 seconds.")
            }
        }

        func run() async throws {
            logging.bootstrap()
            var options = BuildOptions(
                siteDirectory: site.url,
                templates: templates.map { URL(fileURLWithPath: $0) },
                concurrency: amounts.concurrency,
                pollInterval: amounts.pollInterval
            )
            options.maxSpend = amounts.maxSpend
            options.selection = select.selection
            if let taskTimeout = amounts.taskTimeout { options.taskTimeout = taskTimeout }
            options.waitForLock = wait
            if let webhookListen, let webhookURL {
                options.webhooks = try WebhookOptions.parse(
                    listen: webhookListen,
                    url: webhookURL,
                    environment: HatcheryCommand.environment
                )
            }
            let started = ContinuousClock.now
            let observer: any BuildObserver = quiet ? SilentBuildObserver() : TerminalProgress()
            let report = try await BuildPipeline(
                options: options,
                environment: HatcheryCommand.environment,
                observer: observer
            ).run()
            let elapsed = ContinuousClock.now - started
            print(BuildSummary(report: report, elapsed: elapsed).text)
            for warning in report.render.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            if !report.isComplete { throw ExitCode(2) }
        }
    }
}
