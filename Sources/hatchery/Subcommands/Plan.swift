import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a build would submit and what it would cost, without doing it."
        )

        @OptionGroup var site: SiteOptions
        @OptionGroup var select: SelectionOptions

        @Flag(help: "Print the plan as JSON.")
        var json = false

        @Flag(help: "Exit with status 1 when a build would submit anything (for CI).")
        var check = false

        func run() async throws {
            LoggingOptions.bootstrap()
            let catalog = try CatalogLoader().load(from: SiteFolder(existing: site.url).url)
            try select.selection.validate(against: catalog)
            let plan: Hatchery.Plan
            if let store = try await Store.openForPlanning(siteDirectory: site.url) {
                plan = try await Planner().plan(catalog, in: store, selection: select.selection)
            } else {
                plan = Planner().plan(catalog, against: StoreSnapshot(), selection: select.selection)
            }
            print(json ? try PlanPrinter.json(plan) : PlanPrinter.table(plan))
            if check, !plan.toSubmit.isEmpty { throw ExitCode(1) }
        }
    }
}
