/// What a build holds from the moment it opens them until it ends, so that they are let go of
/// in one place however it ends: the reads begun ahead, the provider's connections, the webhook
/// listener, the run.
struct HeldResources: Sendable {
    struct Run: Sendable {
        var store: Store
        var id: Int64
    }

    var provider: (any GenerationProvider)?
    var receiver: WebhookReceiver?
    /// The run, once started; a build that finished records it finished itself.
    var run: Run?
    /// The reads begun while the catalog loaded. A build that fails early (a catalog or
    /// templates error) must not return while they run: the process then exits under them,
    /// tearing down libcrypto as the walk of `public/` hashes (a crash after the error,
    /// found by the attack).
    /// Ends when they have, holding none of what they read (`StoreReadAhead.ended`).
    var readsAhead: Task<Void, Never>?

    /// Waits for the reads begun ahead, records the run failed when the build did not finish,
    /// then stops the webhook listener and shuts the provider down.
    func release(failed: Bool) async {
        await readsAhead?.value
        if failed, let run { try? await run.store.finishRun(run.id, succeeded: false) }
        await receiver?.stop()
        await provider?.shutdown()
    }
}
