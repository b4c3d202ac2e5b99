import Foundation

/// One of our tasks whose remote id is known: when its request was sent and answered.
public struct KnownSubmission: Sendable, Equatable {
    public var model: String
    public var sent: Date
    /// When the answer came; for an adopted task, when waiting for an answer ended.
    public var answered: Date
    /// Whether the POST's answer named the task, so that it was created between `sent` and
    /// `answered`. An adopted task's id came from the task list: the provider may have created
    /// it after we stopped waiting, so `answered` bounds nothing.
    public var answeredWithID: Bool

    public init(model: String, sent: Date, answered: Date, answeredWithID: Bool = true) {
        self.model = model
        self.sent = sent
        self.answered = answered
        self.answeredWithID = answeredWithID
    }
}
