/// SplitMix64: a tiny deterministic generator, so the same seed draws the same picture on
/// every machine (Swift's default generator is random by design).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// Seeds from the first 16 hex digits of a digest, mixed with a salt.
    public init(hex: String, salt: UInt64 = 0) {
        let value = UInt64(hex.prefix(16), radix: 16) ?? 0
        self.init(seed: value ^ (salt &* 0x9E37_79B9_7F4A_7C15))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<1 with 24 bits of precision (pixels need no more).
    public mutating func unit() -> Float {
        Float(next() >> 40) / Float(1 << 24)
    }
}
