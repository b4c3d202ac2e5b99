extension BuildStep {
    /// Submits what the plan says to submit, within the budget, follows each task to its end,
    /// and records in the report what stopped, what is still unknown and what the budget did.
    static var generate: BuildStep {
        BuildStep(name: generateName) { context in
            let jobs = context.report.plan.jobs
            let generation = context.generation
            try await generation.generate(jobs, runID: context.runID, into: &context.report)
            context.report.stoppedBecause = await context.gate.closedBecause
            let open = try await context.store.openUnknowns(provider: context.catalog.provider)
            (context.report.unknown, context.report.possiblyCharged) = (open.count, open.estimate)
            if let budget = context.budget {
                let skipped = context.report.skippedPrompts.map(\.prompt)
                context.report.budget = BudgetSummary(
                    cap: budget.cap,
                    spent: await budget.spent,
                    highWater: await budget.highWater,
                    possiblyCharged: await budget.possiblyCharged,
                    skipped: skipped,
                    skippedCost: jobs.filter { skipped.contains($0.spec.id) }.map(\.estimate).sum()
                )
            }
        }
    }
}

extension Plan {
    /// What a build submits, in catalog order. The planner gives every item it submits its spec
    /// and fingerprint (only removed prompts have neither), so none is left out here.
    var jobs: [GenerationJob] {
        toSubmit.compactMap { item in
            guard let spec = item.spec, let fingerprint = item.fingerprint else { return nil }
            return GenerationJob(spec: spec, fingerprint: fingerprint, estimate: item.estimate)
        }
    }
}

/// "Generate 3 of 24 prompts": read when the step starts, once the plan is known.
private func generateName<C>(_ context: BuildContext<C>) -> String {
    "Generate \(context.report.plan.toSubmit.count) of \(context.catalog.prompts.count) prompts"
}
