import Foundation

/// What the simulator knows, read over HTTP: which body created which task, what it charged,
/// which tasks another client made, and whether a key reached the output origin. Read from
/// `/_sim/stats` (and the `/v1` list and usage summary), never through Hatchery's own client,
/// which is what is under test.
public struct ProviderTruth: Sendable {
    /// One task at the provider.
    public struct Task: Sendable, Equatable {
        public var id: String
        /// SHA-256 of the body that created it; nil for a foreign task, or when the simulator
        /// does not say (then `bodyKnown` is false).
        public var bodyDigest: String?
        public var model: String
        public var numOutputs: Int
        public var status: String
        public var chargeMicros: Int64
        public var foreign: Bool
    }

    public var tasksCreated: Int
    /// Tasks created per SHA-256 of the raw request body.
    public var bodies: [String: Int]
    public var tasks: [Task]
    /// False with a simulator that does not list tasks with their bodies in its stats: the
    /// tasks then come from `GET /v1/tasks`, without bodies.
    public var bodyKnown: Bool
    /// `GET /v1/usage/summary`, per model, in micro-dollars.
    public var usageMicros: [String: Int64]
    /// What foreign tasks were charged, per model (empty without foreign tasks).
    public var foreignSpendMicros: [String: Int64]
    public var foreignTaskIDs: Set<String>
    /// Requests that carried `Authorization` to the output origin; nil when the simulator does
    /// not record them.
    public var authorizedOutputRequests: Int?
    public var authorizedOutputPaths: [String]

    /// The tasks each body created.
    public func tasks(withBody digest: String) -> [Task] {
        tasks.filter { $0.bodyDigest == digest }
    }
}
