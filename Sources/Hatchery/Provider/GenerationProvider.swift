import Foundation

/// Where images come from, in EggAPI's asynchronous shape: submit a task, poll it until it is
/// terminal, download its outputs. The local provider and the EggAPI client both take this shape,
/// so the pipeline, the store and the tests treat them alike.
public protocol GenerationProvider: Sendable {
    var kind: ProviderKind { get }

    /// Creates one task and returns its remote id. Every call is a new task and a new charge.
    func submit(_ request: GenerationRequest) async throws -> String

    /// The task's current state.
    func task(id: String) async throws -> ProviderTask

    /// One output's bytes (unchecked: the caller verifies they are a PNG).
    func download(_ output: URL) async throws -> Data

    /// Tasks created at or after `date`, newest first: how a request whose outcome is unknown
    /// is found before anything is sent again.
    func tasks(createdSince date: Date) async throws -> [ProviderTask]

    /// Releases connections; called once when the build is done.
    func shutdown() async
}

extension GenerationProvider {
    public func shutdown() async {}
}

/// A task's state as the provider reports it.
public struct ProviderTask: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pending, processing, completed, failed

        public var isTerminal: Bool { self == .completed || self == .failed }
    }

    public var id: String
    public var status: Status
    public var outputs: [URL]
    /// What the provider charged; nil until it says.
    public var cost: Money?
    /// The provider's reason, for a failed task.
    public var error: String?
    public var createdAt: Date?
    public var model: String?

    public init(id: String, status: Status, outputs: [URL] = [], cost: Money? = nil, error: String? = nil,
                createdAt: Date? = nil, model: String? = nil) {
        self.id = id
        self.status = status
        self.outputs = outputs
        self.cost = cost
        self.error = error
        self.createdAt = createdAt
        self.model = model
    }
}
