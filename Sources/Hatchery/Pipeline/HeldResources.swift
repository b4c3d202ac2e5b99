/// What a build holds from the moment it opens them until it ends, so that they are let go of
/// in one place however it ends: the provider's connections, the webhook listener, the run.
struct HeldResources: Sendable {
    struct Run: Sendable {
        var store: Store
        var id: Int64
    }

    var provider: (any GenerationProvider)?
    var receiver: WebhookReceiver?
    /// The run, once started; a build that finished records it finished itself.
    var run: Run?

    /// Records the run failed when the build did not finish, then stops the webhook listener
    /// and shuts the provider down.
    func release(failed: Bool) async {
        if failed, let run { try? await run.store.finishRun(run.id, succeeded: false) }
        await receiver?.stop()
        await provider?.shutdown()
    }
}
