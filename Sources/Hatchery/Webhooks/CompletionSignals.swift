/// Wakes the poller of a task early when a webhook says the task ended. A signal only
/// shortens a wait: the poller then asks the provider, which stays the authority.
public actor CompletionSignals {
    private var waiting: [String: CheckedContinuation<Void, Never>] = [:]
    private var early: Set<String> = []
    /// Remote ids named by verified webhooks received on a request's own path, by the path's
    /// token: proof of which task a request created, even when its answer never came.
    public private(set) var claims: [String: String] = [:]

    public init() {}

    /// Called by the webhook receiver for a verified event on `…/t-<token>`.
    public func claim(token: String, remoteID: String) {
        claims[token] = remoteID
    }

    /// Called by the webhook receiver.
    public func notify(_ remoteID: String) {
        if let continuation = waiting.removeValue(forKey: remoteID) {
            continuation.resume()
        } else {
            early.insert(remoteID)
        }
    }

    /// Waits up to `timeout` on `clock`, or less if `remoteID` is signalled.
    public func wait<C: Clock>(for remoteID: String, upTo timeout: Duration, clock: C) async
    where C.Duration == Duration {
        if early.remove(remoteID) != nil { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(for: timeout) }
            group.addTask { await self.signal(remoteID) }
            await group.next()
            group.cancelAll()
            // The signal waiter does not end on cancellation by itself: end it.
            self.release(remoteID)
        }
    }

    private func signal(_ remoteID: String) async {
        await withCheckedContinuation { continuation in
            if early.remove(remoteID) != nil {
                continuation.resume()
            } else {
                waiting[remoteID] = continuation
            }
        }
    }

    private func release(_ remoteID: String) {
        waiting.removeValue(forKey: remoteID)?.resume()
    }
}
