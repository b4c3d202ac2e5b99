import CCrypto
import Foundation

/// SHA-256 through the system's libcrypto.
public enum SHA256Digest {
    /// The digest of `data` as 64 lowercase hex characters.
    public static func hex<D: ContiguousBytes>(of data: D) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest only fails on allocation failure inside libcrypto.
        precondition(ok == 1, "libcrypto could not compute SHA-256")
        return hexString(digest.prefix(Int(length)))
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hex(of string: String) -> String {
        hex(of: Array(string.utf8))
    }

    /// A digest held as four 64-bit words (big-endian, as `SHA256Hasher.digest(of:)` gives
    /// them) in 64 lowercase hex characters.
    static func hexString(words: SIMD4<UInt64>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for lane in 0..<4 {
            withUnsafeBytes(of: words[lane].bigEndian) { bytes.append(contentsOf: $0) }
        }
        return hexString(bytes)
    }

    static func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
