import CCrypto
import Foundation

/// HMAC-SHA256 through libcrypto, for webhook signatures.
public enum HMACSHA256 {
    /// The signature of `message` under `key`, as lowercase hex.
    public static func hex(key: String, message: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let keyBytes = Array(key.utf8)
        message.withUnsafeBytes { raw in
            _ = HMAC(
                EVP_sha256(),
                keyBytes,
                Int32(keyBytes.count),
                raw.bindMemory(to: UInt8.self).baseAddress,
                raw.count,
                &digest,
                &length
            )
        }
        return SHA256Digest.hexString(digest.prefix(Int(length)))
    }

    /// Compares two signatures in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }
}
