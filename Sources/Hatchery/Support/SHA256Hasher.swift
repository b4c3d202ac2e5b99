import CCrypto

/// SHA-256 over data given piece by piece, for inputs too many to hold at once.
final class SHA256Hasher {
    private let context: OpaquePointer

    init() {
        // Allocation inside libcrypto is the only way these can fail.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            preconditionFailure("libcrypto could not start SHA-256")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "libcrypto could not hash")
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of `bytes` alone, as four 64-bit words read big-endian: the context is started
    /// again for them, so this serves many small inputs one after another (not mixed with
    /// `update`) without a context made for each.
    func digest(of bytes: [UInt8]) -> SHA256Digest.Words {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let ok = withUnsafeMutableBytes(of: &words) { out in
            bytes.withUnsafeBytes { input in
                EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
                    && EVP_DigestUpdate(context, input.baseAddress, input.count) == 1
                    && EVP_DigestFinal_ex(context, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1
            }
        }
        precondition(ok && length == 32, "libcrypto could not hash")
        return SHA256Digest.words(bigEndian: words)
    }

    /// The digest as 64 lowercase hex characters; the hasher is spent afterwards.
    func finish() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1, "libcrypto could not finish SHA-256")
        return SHA256Digest.hexString(digest.prefix(Int(length)))
    }
}
