/// The aspect ratios EggAPI accepts.
public enum AspectRatio: String, Sendable, CaseIterable, Codable {
    case landscape = "16:9"
    case portrait = "9:16"
}

/// EggAPI's optional output resolutions.
public enum Resolution: String, Sendable, CaseIterable, Codable {
    case oneK = "1k"
    case twoK = "2k"
    case fourK = "4k"

    /// Long side in pixels; an unset resolution renders as 1k.
    public var longSide: Int {
        switch self {
        case .oneK: 1024
        case .twoK: 2048
        case .fourK: 4096
        }
    }
}

/// Where a catalog's images come from.
public enum ProviderKind: String, Sendable, CaseIterable, Codable {
    /// Offline: deterministic images rendered on this machine, costs are estimates.
    case local
    /// The EggAPI HTTP service.
    case eggapi

    /// Whether its costs are what EggAPI would charge rather than money spent: the one rule
    /// behind every "(estimate)" in reports, pages and provenance.
    public var costsAreEstimates: Bool { self == .local }
}
