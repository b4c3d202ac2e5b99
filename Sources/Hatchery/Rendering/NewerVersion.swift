/// Why a prompt shows an earlier generation: its current inputs have no images yet because
/// their task is pending (held back by the budget, left for a later build, still running) or
/// failed. The page and the card keep the last good images and say so.
public struct NewerVersion: Sendable, Equatable {
    /// Written as its name in `manifest.json` and the sidecars.
    public enum State: String, Sendable, Equatable, Encodable {
        case pending
        case failed
    }

    public var state: State
    /// Short and free of amounts: it is shown on public pages.
    public var reason: String

    /// The most of a reason a page shows, in characters; a longer one is cut with `…`.
    static let reasonLimit = 160

    public init(_ state: State, reason: String) {
        self.state = state
        self.reason = Elision.oneLine(reason, limit: Self.reasonLimit)
    }

    /// `A newer version is pending: <reason>` or `A newer version failed: <reason>`.
    public var notice: String {
        switch state {
        case .pending: "A newer version is pending: \(reason)"
        case .failed: "A newer version failed: \(reason)"
        }
    }
}
