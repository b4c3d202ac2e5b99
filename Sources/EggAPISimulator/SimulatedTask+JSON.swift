import Foundation
import Hatchery

extension SimulatedTask {
    /// The task object of `GET /v1/tasks/{id}`, in this task's shape. `skew` is added to every
    /// time written.
    func json(at now: Date, base: String, outputBase: String?, skew: TimeInterval = 0) -> [String: Any] {
        let status = status(at: now)
        let time = { (date: Date) in shape.timestamps.format(date.addingTimeInterval(skew)) }
        var object: [String: Any] = [
            "id": id, "status": status.rawValue, "model": request.model, "created_at": time(createdAt),
        ]
        func set(_ field: TaskShape.Field, _ value: Any?) {
            if let value, !shape.withheld.contains(field) {
                object[field.rawValue] = value
            } else if shape.blanks[field, default: .null] == .null {
                object[field.rawValue] = NSNull()
            }
        }
        set(.type, type)
        let started = ![.queued, .pending].contains(status)
        set(.startedAt, started ? time(startedAt) : nil)
        set(.completedAt, status.isFinal ? time(endsAt) : nil)
        set(.cost, status.isFinal ? shape.cost.text(charged(at: now)) : nil)
        var output: [String: Any]?
        if status == .completed {
            let urls = outputURLs(base: base, outputBase: outputBase)
            output = shape.output == .urlOnly && urls.count == 1 ? ["url": urls[0]] : ["url": urls[0], "urls": urls]
        }
        set(.output, output)
        set(.error, status == .failed ? failure ?? "failed" : nil)
        return object
    }
}
