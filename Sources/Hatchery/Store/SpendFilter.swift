/// What a spend report is grouped by.
public enum SpendDimension: String, Sendable, CaseIterable, Codable {
    case model, day, run, prompt
}

/// Which tasks a spend report covers.
public struct SpendFilter: Sendable, Equatable {
    /// First and last day (UTC, `YYYY-MM-DD`), inclusive, of when tasks ended.
    public var since: String?
    public var until: String?
    public var provider: ProviderKind?

    public init(since: String? = nil, until: String? = nil, provider: ProviderKind? = nil) {
        self.since = since
        self.until = until
        self.provider = provider
    }
}
