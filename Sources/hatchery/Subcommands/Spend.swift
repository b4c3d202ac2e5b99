import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Spend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report spend by model, day, run or prompt; --reconcile checks it against EggAPI's own figures."
        )

        @OptionGroup var site: SiteOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Group by model, day, run or prompt.")
        var by: SpendDimension = .model

        // Unconditional, like every flag the library's strict parsers read: `--since -1` is a
        // value to refuse, not a missing one.
        @Option(parsing: .unconditional, help: "First day (YYYY-MM-DD, UTC) of tasks to count.")
        var since: String?

        @Option(parsing: .unconditional, help: "Last day (YYYY-MM-DD, UTC) of tasks to count.")
        var until: String?

        /// The days, read strictly; each error names its flag.
        var days: (since: CalendarDay?, until: CalendarDay?) {
            get throws {
                (
                    try FlagValue.read(since, "--since") { text throws(ParseError) in try CalendarDay.parse(text) },
                    try FlagValue.read(until, "--until") { text throws(ParseError) in try CalendarDay.parse(text) }
                )
            }
        }

        @Option(help: "Only this provider: local or eggapi.")
        var provider: ProviderKind?

        @Option(help: "table, csv or json.")
        var format: SpendFormat = .table

        @Flag(help: "Compare Hatchery's EggAPI spend per model with GET /v1/usage/summary; exit 1 when they differ.")
        var reconcile = false

        func validate() throws {
            if case let (since?, until?) = try days, until < since {
                throw ValidationError("--until \(until) is before --since \(since): no day is in between.")
            }
        }

        func run() async throws {
            logging.bootstrap()
            let store = try await Store.openForReading(siteDirectory: site.url)
            if reconcile {
                let configuration = try HatcheryCommand.environment.eggAPIConfiguration()
                let reconciliation = try await Reconciler(store: store, configuration: configuration).reconcile()
                print(format == .json ? try SpendPrinter.json(reconciliation) : SpendPrinter.table(reconciliation))
                if !reconciliation.matches { throw ExitCode(1) }
                return
            }
            let report = try await store.spend(
                by: [by],
                filter: SpendFilter(
                    since: try days.since?.description,
                    until: try days.until?.description,
                    provider: provider
                )
            )
            switch format {
            case .table: print(SpendPrinter.table(report))
            case .csv: print(SpendPrinter.csv(report), terminator: "")
            case .json: print(try SpendPrinter.json(report))
            }
        }
    }
}

enum SpendFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension SpendDimension: ExpressibleByArgument {}
extension ProviderKind: ExpressibleByArgument {}
