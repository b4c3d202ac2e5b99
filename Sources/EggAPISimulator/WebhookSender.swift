import AsyncHTTPClient
import Foundation
import Hatchery
import NIOCore

/// Sends `task.completed` / `task.failed` webhooks when a task ends, signed when a secret is
/// configured, sometimes twice (duplicates are normal under the contract).
struct WebhookSender: Sendable {
    let state: SimulatorState
    let configuration: SimulatorConfiguration
    let origins: Origins

    /// Seconds added to every time the provider writes (`ShapePlan.clockSkew`).
    private var skew: TimeInterval { configuration.shapes.skewSeconds }

    /// Sends the webhook once the task ends; a task that is canceled or never ends sends none
    /// (the contract's events are `task.completed` and `task.failed` only).
    func schedule(_ task: SimulatedTask, url: String) {
        guard task.fate.ending == .normal else { return }
        Task.detached {
            let wait = task.endsAt.timeIntervalSinceNow
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000) + 5)) }
            let body = payload(for: task)
            let copies = await state.roll(.duplicateWebhook, rate: configuration.faults.duplicateWebhook) ? 2 : 1
            for _ in 0..<copies { await send(body, to: url) }
        }
    }

    func payload(for task: SimulatedTask) -> Data {
        let now = Date()
        let status = task.status(at: now)
        var object: [String: Any] = [
            "event": status == .completed ? "task.completed" : "task.failed",
            "task_id": task.id, "status": status.rawValue, "model": task.request.model,
            "output": NSNull(), "error": NSNull(),
            // Webhook bodies carry cost without `$`, to six places.
            "cost": Self.sixPlaces(task.charge),
            "timestamp": Int(now.timeIntervalSince1970 + skew),
        ]
        if status == .completed {
            let urls = task.outputURLs(base: origins.api(), outputBase: origins.outputs)
            object["output"] =
                task.shape.output == .urlOnly && urls.count == 1 ? ["url": urls[0]] : ["url": urls[0], "urls": urls]
        } else {
            object["error"] = task.failure ?? "failed"
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }

    private func send(_ body: Data, to url: String) async {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let timestamp = String(Int(Date().timeIntervalSince1970 + skew))
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-EggAPI-Timestamp", value: timestamp)
        if let secret = configuration.webhookSecret {
            var signed = Data("\(timestamp).".utf8)
            signed.append(body)
            request.headers.add(
                name: "X-EggAPI-Signature",
                value: "sha256=" + HMACSHA256.hex(key: secret, message: signed)
            )
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        _ = try? await HTTPClient.shared.execute(request, timeout: .seconds(5))
    }

    static func sixPlaces(_ money: Money) -> String {
        let whole = money.micros / 1_000_000
        let fraction = String(money.micros % 1_000_000)
        return "\(whole)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
