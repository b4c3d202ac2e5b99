import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a build would submit and what it would cost, without doing it.")

        @OptionGroup var site: SiteOptions

        @Flag(help: "Print the plan as JSON.")
        var json = false

        func run() async throws {
            site.bootstrapLogging()
            let directory = URL(fileURLWithPath: site.directory)
            let catalog = try CatalogLoader().load(from: directory)
            let store = try Store(siteDirectory: directory)
            let plan = Planner().plan(catalog, against: try await store.snapshot())
            print(json ? try PlanPrinter.json(plan) : PlanPrinter.table(plan))
        }
    }
}
