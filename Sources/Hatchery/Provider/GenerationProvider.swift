import Foundation

/// Where images come from, in EggAPI's asynchronous shape: submit a task, poll it until it is
/// terminal, download its outputs. The local provider and the EggAPI client both take this shape,
/// so the pipeline, the store and the tests treat them alike.
public protocol GenerationProvider: Sendable {
    var kind: ProviderKind { get }

    /// Creates one task and returns its remote id. Every call is a new task and a new charge.
    func submit(_ request: GenerationRequest) async throws -> String

    /// Creates one task and returns it as the provider answered (its id, and its `created_at`
    /// when given). Every call is a new task and a new charge.
    func create(_ request: GenerationRequest) async throws -> ProviderTask

    /// The task's current state.
    func task(id: String) async throws -> ProviderTask

    /// One output's bytes (unchecked: the caller verifies they are a PNG).
    func download(_ output: URL) async throws -> Data

    /// Tasks created at or after `date`, newest first (the provider's own order, which breaks
    /// ties between equal timestamps): how a request whose outcome is unknown is found before
    /// anything is sent again.
    func tasks(createdSince date: Date) async throws -> [ProviderTask]

    /// The longest one attempt of a submission waits for its answer before the client gives up.
    var submissionTimeout: Duration { get }

    /// The longest one `create` can run, its attempts again after a 429 and the waits between
    /// them included: a run that died while submitting can have sent its request (again) until
    /// this long after it began.
    var longestSubmission: Duration { get }

    /// Releases connections; called once when the build is done.
    func shutdown() async
}

extension GenerationProvider {
    public func create(_ request: GenerationRequest) async throws -> ProviderTask {
        ProviderTask(id: try await submit(request), status: .pending)
    }

    public func shutdown() async {}
    public var submissionTimeout: Duration { .seconds(30) }
    public var longestSubmission: Duration { submissionTimeout }
}

/// A task's state as the provider reports it.
public struct ProviderTask: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pending, processing, completed, failed
        /// A status outside the contract that reads as an end (`canceled`, `expired`, …): the
        /// task will not complete, and is recorded as failed with the status it gave.
        case ended
        /// A status outside the contract that says nothing Hatchery can act on: polled like
        /// `processing`, within the task's deadline.
        case unrecognized

        public var isTerminal: Bool { self == .completed || self == .failed || self == .ended }

        /// The contract's four statuses, and the words outside it that Hatchery reads explicitly.
        public init(reported text: String) {
            switch text.lowercased() {
            case "pending", "queued", "waiting", "submitted", "starting": self = .pending
            case "processing", "running", "in_progress", "started": self = .processing
            case "completed": self = .completed
            case "failed": self = .failed
            case "canceled", "cancelled", "expired", "aborted", "error", "rejected", "timeout", "timed_out", "deleted":
                self = .ended
            default: self = .unrecognized
            }
        }
    }

    public var id: String
    public var status: Status
    public var outputs: [URL]
    /// What the provider charged; nil until it says.
    public var cost: Money?
    /// The provider's reason, for a failed task.
    public var error: String?
    public var createdAt: Date?
    /// How precise `createdAt` is, in seconds: 1 for whole seconds, 0.001 for milliseconds. A
    /// time given in whole seconds means "somewhere in that second".
    public var createdAtPrecision: TimeInterval
    /// `created_at` exactly as the provider wrote it, for people.
    public var createdAtText: String?
    public var model: String?
    /// `image_generate` or `image_edit`, when given.
    public var type: String?
    /// The status as the provider wrote it, when it is outside the contract.
    public var reportedStatus: String?
    /// The cost text when it was given but could not be read as money.
    public var unreadableCost: String?

    public init(
        id: String,
        status: Status,
        outputs: [URL] = [],
        cost: Money? = nil,
        error: String? = nil,
        createdAt: Date? = nil,
        createdAtPrecision: TimeInterval = 0.000_001,
        model: String? = nil,
        type: String? = nil
    ) {
        self.id = id
        self.status = status
        self.outputs = outputs
        self.cost = cost
        self.error = error
        self.createdAt = createdAt
        self.createdAtPrecision = createdAtPrecision
        self.model = model
        self.type = type
    }
}
