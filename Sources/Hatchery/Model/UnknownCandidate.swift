import Foundation

/// A task in the provider's list that could be the one an unknown outcome created: kept with
/// the unknown task so that `hatchery status` can name it and `hatchery settle --adopt` take it.
public struct UnknownCandidate: Codable, Sendable, Equatable {
    /// The provider's task id (`gen_…`).
    public var remoteID: String
    /// `created_at` as the provider wrote it.
    public var createdAt: String?
    public var status: String
    /// How many outputs it has, once completed.
    public var outputs: Int?

    public init(remoteID: String, createdAt: String?, status: String, outputs: Int?) {
        self.remoteID = remoteID
        self.createdAt = createdAt
        self.status = status
        self.outputs = outputs
    }
}
