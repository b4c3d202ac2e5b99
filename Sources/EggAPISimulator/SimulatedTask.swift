import Foundation
import Hatchery

/// A task as the simulator keeps it. Its status is a function of time: pending for the first
/// quarter of its latency (queued for the first eighth, if so drawn), processing until the end,
/// then completed, failed or canceled, or processing for ever.
struct SimulatedTask: Sendable {
    var id: String
    var request: GenerationRequest
    var createdAt: Date
    var latency: TimeInterval
    /// Set when the task will fail (moderation).
    var failure: String?
    var unitPrice: Money
    var shape: TaskShape = .standard
    var fate: TaskFate = .standard
    /// SHA-256 of the request body that created it; nil for a task another client created.
    var bodyDigest: String?
    /// Opaque file names on the second origin, one per output (empty when served by the API).
    var outputNames: [String] = []

    var isForeign: Bool { bodyDigest == nil }
    var startedAt: Date { createdAt.addingTimeInterval(latency / 4) }
    var endsAt: Date { createdAt.addingTimeInterval(latency) }

    func status(at now: Date) -> SimulatedStatus {
        if fate.queuedFirst, now < createdAt.addingTimeInterval(latency / 8) { return .queued }
        if now < startedAt { return .pending }
        if now < endsAt || fate.ending == .never { return .processing }
        if fate.ending == .canceled { return .canceled }
        return failure == nil ? .completed : .failed
    }

    /// What the task is billed if it completes: per image returned; nothing on failure,
    /// cancellation, or a task that never ends.
    var charge: Money {
        failure == nil && fate.ending == .normal ? unitPrice * request.numOutputs : .zero
    }

    /// What has been billed by `now`: charging happens at completion.
    func charged(at now: Date) -> Money {
        status(at: now) == .completed ? charge : .zero
    }

    var type: String {
        (request.imageURLs ?? []).isEmpty ? "image_generate" : "image_edit"
    }

    /// The output URLs: on the API's origin, or on the second one under opaque names.
    func outputURLs(base: String, outputBase: String?) -> [String] {
        if shape.origin == .cdn, let outputBase, outputNames.count == request.numOutputs {
            return outputNames.map { "\(outputBase)/outputs/\($0).png" }
        }
        return (0..<request.numOutputs).map { "\(base)/files/\(id)/\($0).png" }
    }
}
