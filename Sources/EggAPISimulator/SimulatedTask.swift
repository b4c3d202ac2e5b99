import Foundation
import Hatchery

/// A task as the simulator keeps it. Its status is a function of time: pending for the first
/// quarter of its latency, processing until the end, then completed or failed.
struct SimulatedTask: Sendable {
    var id: String
    var request: GenerationRequest
    var createdAt: Date
    var latency: TimeInterval
    /// Set when the task will fail (moderation).
    var failure: String?
    var unitPrice: Money

    var startedAt: Date { createdAt.addingTimeInterval(latency / 4) }
    var endsAt: Date { createdAt.addingTimeInterval(latency) }

    func status(at now: Date) -> ProviderTask.Status {
        if now < startedAt { return .pending }
        if now < endsAt { return .processing }
        return failure == nil ? .completed : .failed
    }

    /// What the task is billed once it has ended: per image returned, nothing on failure.
    var charge: Money {
        failure == nil ? unitPrice * request.numOutputs : .zero
    }

    var type: String {
        (request.imageURLs ?? []).isEmpty ? "image_generate" : "image_edit"
    }

    func outputURLs(base: String) -> [String] {
        (0..<request.numOutputs).map { "\(base)/files/\(id)/\($0).png" }
    }

    /// The task object of `GET /v1/tasks/{id}`.
    func json(at now: Date, base: String) -> [String: Any] {
        let status = status(at: now)
        var object: [String: Any] = [
            "id": id, "status": status.rawValue, "model": request.model, "type": type,
            "created_at": Timestamp.format(createdAt),
            "output": NSNull(), "error": NSNull(), "cost": NSNull(), "started_at": NSNull(), "completed_at": NSNull(),
        ]
        if status != .pending { object["started_at"] = Timestamp.format(startedAt) }
        if status.isTerminal {
            object["completed_at"] = Timestamp.format(endsAt)
            object["cost"] = charge.formatted
        }
        if status == .completed {
            let urls = outputURLs(base: base)
            object["output"] = ["url": urls[0], "urls": urls]
        }
        if status == .failed { object["error"] = failure ?? "failed" }
        return object
    }
}
