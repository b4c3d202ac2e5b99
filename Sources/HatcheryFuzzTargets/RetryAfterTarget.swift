import Foundation
import Hatchery

/// The `Retry-After` header of a 429: delay-seconds or an HTTP date, from the provider.
enum RetryAfterTarget {
    static let now = Date(timeIntervalSince1970: 1_778_236_200)

    static func run(_ input: Data) throws(FuzzFinding) {
        guard let wait = EggAPIBodies.retryAfter(String(decoding: input, as: UTF8.self), now: now) else { return }
        guard wait >= .zero else { throw FuzzFinding(.retryAfter, "a negative wait \(wait)") }
    }
}
