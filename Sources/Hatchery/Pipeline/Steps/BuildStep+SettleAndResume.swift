extension BuildStep {
    /// Settles the unknown outcomes earlier runs left against the provider's task list, then
    /// follows every task they submitted (or left with outputs to fetch). Submits nothing.
    static var settleAndResume: BuildStep {
        BuildStep("Settle and resume unfinished tasks") { context in
            let generation = context.generation
            try await generation.settleAndResume(into: &context.report)
        }
    }
}
