extension BuildStep {
    /// Decides what to do with each prompt of the catalog against the store (`report.plan`),
    /// and says so when the estimate is over what the budget allows.
    static var plan: BuildStep {
        BuildStep("Plan") { context in
            try context.options.selection.validate(against: context.catalog)
            // Planned against the store as the last build left it, then the prompts are synced:
            // synced first, a prompt dropped from the catalog was no longer active, and the
            // plan counted it nowhere ("removed 0").
            let plan = try await Planner(prices: context.prices).plan(
                context.catalog,
                against: try await context.storeSnapshot(),
                shownFrom: context.store,
                selection: context.options.selection
            )
            try await context.store.syncPrompts(context.catalog.prompts.map(\.id))
            context.report.plan = plan
            if let budget = context.budget, plan.estimatedCost > (await budget.remaining) {
                context.observer.note(
                    "The plan's estimate, \(plan.estimatedCost.formatted), is over what the budget allows (\(await budget.remaining.formatted)): submitting what fits."
                )
            }
        }
    }
}
