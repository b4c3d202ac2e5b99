/// Where a `hatchery build` is, stored in `runs.status`.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running
    case succeeded
    case failed
}
