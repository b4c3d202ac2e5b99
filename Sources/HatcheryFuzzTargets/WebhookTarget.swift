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
                throw FuzzFinding(
                    .webhook,
                    "accepted signature \(signature.debugDescription) for timestamp \(timestamp.debugDescription)"
                )
            }
        }
        // The same body signed properly passes whenever its timestamp is Unix seconds (the
        // contract's `<unix seconds>`, to the microsecond) and fresh. `TimeInterval(_:)` alone
        // is no oracle: it stops at a NUL byte, so "1778236200.\0\05" reads as a number.
        if let timestamp, Self.isUnixSeconds(timestamp), let seconds = TimeInterval(timestamp),
            abs(now.timeIntervalSince1970 - seconds) <= verifier.tolerance
        {
            let signed = "sha256=" + HMACSHA256.hex(key: secret, message: Data("\(timestamp).".utf8) + body)
            if let refusal = verifier.verify(body: body, timestamp: timestamp, signature: signed, now: now) {
                throw FuzzFinding(
                    .webhook,
                    "refused a correctly signed body (\(refusal)) at timestamp \(timestamp.debugDescription)"
                )
            }
        }
        _ = try? JSONDecoder().decode(WebhookEvent.self, from: body)
    }

    /// `digits[.digits]` in ASCII, at most six digits after the point.
    static func isUnixSeconds(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let digits = { (part: Substring.UTF8View) in part.allSatisfy { (48...57).contains($0) } }
        return (1...15).contains(parts[0].count) && digits(parts[0])
            && (parts.count == 1 || ((1...6).contains(parts[1].count) && digits(parts[1])))
    }
}
