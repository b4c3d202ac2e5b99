extension BuildStep {
    /// Decides what to do with each prompt of the catalog against the store (`report.plan`),
    /// and says so when the estimate is over what the budget allows.
    static var plan: BuildStep {
        BuildStep("Plan") { context in
            try context.options.selection.validate(against: context.catalog)
            try await context.store.syncPrompts(context.catalog.prompts.map(\.id))
            let plan = Planner(prices: context.prices).plan(
                context.catalog,
                against: try await context.storeSnapshot(),
                selection: context.options.selection
            )
            context.report.plan = plan
            if let budget = context.budget, plan.estimatedCost > (await budget.remaining) {
                context.observer.note(
                    "The plan's estimate, \(plan.estimatedCost.formatted), is over what the budget allows (\(await budget.remaining.formatted)): submitting what fits."
                )
            }
        }
    }
}
