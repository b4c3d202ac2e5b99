/// The failure of a prompt's last task at its current inputs.
public struct LastFailure: Sendable, Equatable, Codable {
    public var kind: FailureKind
    public var reason: String

    public init(kind: FailureKind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
