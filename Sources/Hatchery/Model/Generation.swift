import Foundation

/// One completed task of a prompt, decoded for showing: what was asked, what it cost, and the
/// images stored from it. The store makes these from its rows
/// (`Store.completedGenerations()`); the renderer reads nothing else about a task.
public struct Generation: Sendable {
    /// One stored output, in the order the provider returned them.
    public struct Image: Sendable, Hashable {
        /// The task it came from.
        public var taskID: Int64
        /// 0-based, in the provider's order.
        public var outputIndex: Int
        /// 1-based, as pages and provenance records count outputs. An index at the top of
        /// `Int`'s range (only a store edited by hand holds one) stays there, not overflowing.
        public var number: Int { outputIndex == .max ? .max : outputIndex + 1 }
        /// SHA-256 of the PNG's bytes, lowercase hex: its name in the object store.
        public var sha256: String
        public var width: Int
        public var height: Int
        public var bitDepth: Int
        public var colorType: Int
        /// The PNG's size in bytes.
        public var bytes: Int

        public init(
            taskID: Int64,
            outputIndex: Int,
            sha256: String,
            width: Int,
            height: Int,
            bitDepth: Int,
            colorType: Int,
            bytes: Int
        ) {
            self.taskID = taskID
            self.outputIndex = outputIndex
            self.sha256 = sha256
            self.width = width
            self.height = height
            self.bitDepth = bitDepth
            self.colorType = colorType
            self.bytes = bytes
        }

        public var facts: PNGFacts {
            PNGFacts(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
        }
    }

    public var taskID: Int64
    public var provider: ProviderKind
    public var model: String
    /// The fingerprint of the inputs it was made from.
    public var fingerprint: Fingerprint
    /// What the provider charged, or for the local provider what EggAPI would have.
    public var cost: Money
    /// When it completed; when it was recorded, for a task with no completion time.
    public var completedAt: Date
    /// The request as it was sent; nil when the stored request could not be read back.
    public var request: GenerationRequest?
    public var images: [Image]

    public init(
        taskID: Int64,
        provider: ProviderKind,
        model: String,
        fingerprint: Fingerprint,
        cost: Money,
        completedAt: Date,
        request: GenerationRequest?,
        images: [Image]
    ) {
        self.taskID = taskID
        self.provider = provider
        self.model = model
        self.fingerprint = fingerprint
        self.cost = cost
        self.completedAt = completedAt
        self.request = request
        self.images = images
    }
}
