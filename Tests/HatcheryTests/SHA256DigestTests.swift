import Foundation
import Testing

@testable import Hatchery

/// A digest held as four words is the same digest as its hex: FIPS 180-2's examples, and
/// random inputs of every length around SHA-256's 64-byte blocks.
@Suite struct SHA256DigestTests {
    @Test func wordsAreTheHexDigest() {
        #expect(
            SHA256Digest.hexString(words: SHA256Digest.words(of: Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            SHA256Digest.hexString(words: SHA256Digest.words(of: []))
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        var random = SeededGenerator(seed: 256)
        // One context for every input, as the site digest uses it.
        let hasher = SHA256Hasher()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(SHA256Digest.hexString(words: SHA256Digest.words(of: bytes)) == SHA256Digest.hex(of: bytes))
            #expect(hasher.digest(of: bytes) == SHA256Digest.words(of: bytes))
        }
    }

    @Test func hexReadsBackIntoTheSameWordsAndNothingElseDoes() {
        var random = SeededGenerator(seed: 64)
        for length in 0..<100 {
            let words = SHA256Digest.words(of: (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            #expect(SHA256Digest.words(hex: SHA256Digest.hexString(words: words)) == words)
        }
        let hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(SHA256Digest.words(hex: hex) == SHA256Digest.words(of: Array("abc".utf8)))
        for text in [
            "", hex.uppercased(), String(hex.dropLast()), hex + "0", "g" + hex.dropFirst(),
            " " + hex.dropFirst(), String(hex.dropLast()) + "é",
        ] {
            #expect(SHA256Digest.words(hex: text) == nil, "\(text)")
        }
    }

    @Test func aDigestInputTakesTheDigestsBytes() {
        let words = SHA256Digest.words(of: Array("abc".utf8))
        var input = DigestInput()
        input.add(words)
        #expect(SHA256Digest.hexString(input.bytes) == SHA256Digest.hexString(words: words))
    }
}
