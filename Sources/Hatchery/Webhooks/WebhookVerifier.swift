import Foundation

/// Checks an EggAPI webhook: HMAC-SHA256 over "<timestamp>.<raw body>", compared in constant
/// time, with a timestamp no more than five minutes away.
public struct WebhookVerifier: Sendable {
    public enum Rejection: Error, Equatable {
        case missingSignature, badSignature, missingTimestamp, staleTimestamp
    }

    public var secret: String
    public var tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval = 300) {
        self.secret = secret
        self.tolerance = tolerance
    }

    public func verify(body: Data, timestamp: String?, signature: String?, now: Date = Date()) -> Rejection? {
        // Unix seconds in ASCII digits (a fraction allowed): not "nan", "1e9" or "0x…", which a
        // floating-point reader would take.
        guard let timestamp, let micros = try? DecimalText.scaled(timestamp, scale: 6) else { return .missingTimestamp }
        guard abs(now.timeIntervalSince1970 - TimeInterval(micros) / 1e6) <= tolerance else { return .staleTimestamp }
        guard let signature, signature.hasPrefix("sha256=") else { return .missingSignature }
        var signed = Data("\(timestamp).".utf8)
        signed.append(body)
        let expected = "sha256=" + HMACSHA256.hex(key: secret, message: signed)
        return HMACSHA256.constantTimeEqual(expected, signature.lowercased()) ? nil : .badSignature
    }
}

/// The parts of a webhook body Hatchery reads (`task_id`, not `id`).
public struct WebhookEvent: Sendable, Decodable, Hashable {
    public var event: String
    public var taskID: String
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case event, status
        case taskID = "task_id"
    }
}
