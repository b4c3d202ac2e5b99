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

    /// A digest as four 64-bit words, the first eight bytes read big-endian in the first:
    /// 32 bytes held in place, where its 64 hex characters are a string of their own.
    typealias Words = SIMD4<UInt64>

    /// The digest of `bytes` as four words (see `Words`).
    static func words(of bytes: [UInt8]) -> Words {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let ok = withUnsafeMutableBytes(of: &digest) { out in
            bytes.withUnsafeBytes { input in
                EVP_Digest(
                    input.baseAddress,
                    input.count,
                    out.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    &length,
                    EVP_sha256(),
                    nil
                )
            }
        }
        // EVP_Digest only fails on allocation failure inside libcrypto.
        precondition(ok == 1 && length == 32, "libcrypto could not compute SHA-256")
        return words(bigEndian: digest)
    }

    /// A digest's 32 bytes, as libcrypto writes them, read as `Words`.
    static func words(bigEndian digest: (UInt64, UInt64, UInt64, UInt64)) -> Words {
        Words(
            UInt64(bigEndian: digest.0),
            UInt64(bigEndian: digest.1),
            UInt64(bigEndian: digest.2),
            UInt64(bigEndian: digest.3)
        )
    }

    /// The 32 bytes of a digest held as `Words`, in the digest's own order.
    static func bytes(of words: Words) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for lane in 0..<4 {
            withUnsafeBytes(of: words[lane].bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hex(of string: String) -> String {
        hex(of: Array(string.utf8))
    }

    /// A digest held as four 64-bit words (big-endian, as `SHA256Hasher.digest(of:)` gives
    /// them) in 64 lowercase hex characters.
    static func hexString(words: Words) -> String {
        // Written in place: fingerprints are spelled from their words wherever one is a key.
        String(unsafeUninitializedCapacity: 64) { out in
            let digits: StaticString = "0123456789abcdef"
            var index = 0
            for lane in 0..<4 {
                for shift in stride(from: 60, through: 0, by: -4) {
                    out[index] = digits.utf8Start[Int(truncatingIfNeeded: words[lane] >> UInt64(shift)) & 0xf]
                    index += 1
                }
            }
            return index
        }
    }

    /// The words of a digest spelled in 64 lowercase hex characters; nil for any other text.
    static func words(hex: String) -> Words? {
        guard hex.utf8.count == 64 else { return nil }
        var words = Words()
        var lane = 0
        var value: UInt64 = 0
        var digits = 0
        for byte in hex.utf8 {
            let nibble: UInt8
            switch byte {
            case 48...57: nibble = byte - 48
            case 97...102: nibble = byte - 87
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
            digits += 1
            if digits == 16 {
                words[lane] = value
                lane += 1
                value = 0
                digits = 0
            }
        }
        return words
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
