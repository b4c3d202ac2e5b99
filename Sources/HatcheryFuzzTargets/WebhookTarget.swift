import Foundation
import Hatchery

/// `WebhookVerifier.verify` and the body the receiver decodes after it. The input is
/// `<timestamp>\n<signature>\n<raw body>`, the two headers and the body of one request.
enum WebhookTarget {
    static let secret = "whsec_fuzz"
    /// A fixed clock, so that a replayed input is judged as it was when found.
    static let now = Date(timeIntervalSince1970: 1_778_236_200)

    static func run(_ input: Data) throws(FuzzFinding) {
        let parts = input.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        let timestamp = parts.count > 0 ? String(decoding: parts[0], as: UTF8.self) : nil
        let signature = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : nil
        let body = parts.count > 2 ? Data(parts[2]) : Data()
        let verifier = WebhookVerifier(secret: secret)

        let verdict = verifier.verify(body: body, timestamp: timestamp, signature: signature, now: now)
        if verdict == nil, let timestamp, let signature {
            // Accepted only with the one signature the secret gives.
            let expected = "sha256=" + HMACSHA256.hex(key: secret, message: Data("\(timestamp).".utf8) + body)
            guard signature.lowercased() == expected else {
                throw FuzzFinding(.webhook, "accepted signature \(signature.debugDescription) for timestamp \(timestamp.debugDescription)")
            }
        }
        // The same body signed properly passes whenever its timestamp is fresh.
        if let timestamp, let seconds = TimeInterval(timestamp), abs(now.timeIntervalSince1970 - seconds) <= verifier.tolerance {
            let signed = "sha256=" + HMACSHA256.hex(key: secret, message: Data("\(timestamp).".utf8) + body)
            if let refusal = verifier.verify(body: body, timestamp: timestamp, signature: signed, now: now) {
                throw FuzzFinding(.webhook, "refused a correctly signed body (\(refusal)) at timestamp \(timestamp.debugDescription)")
            }
        }
        _ = try? JSONDecoder().decode(WebhookEvent.self, from: body)
    }
}
