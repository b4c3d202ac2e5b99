/// The SHA-256 of everything that shapes a prompt's images. Equal fingerprints mean the
/// images already made can be reused; display-only fields (title, caption, tags) are left out.
public struct Fingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Bump when the way images are made changes, so that every prompt is generated again.
    public static let recipeVersion = 1

    /// The digest as its 32 bytes: a plan holds one per prompt, and 100,000 hex strings of
    /// their own were 11 MB. Text that is not a digest in lowercase hex (from a hand-edited
    /// store) is kept as it is, so that every fingerprint spells back as it was given.
    private let value: Value

    private enum Value: Hashable, Sendable {
        case digest(Digest)
        case text(String)
    }

    /// `SHA256Digest.Words` as four plain words: aligned to 8 bytes, where the SIMD vector is
    /// aligned to 16, a fingerprint takes 40 bytes in an array rather than 48 (the store's
    /// snapshot holds one per prompt and task).
    private struct Digest: Hashable, Sendable {
        var first, second, third, fourth: UInt64

        init(_ words: SHA256Digest.Words) {
            (first, second, third, fourth) = (words[0], words[1], words[2], words[3])
        }

        var words: SHA256Digest.Words { SHA256Digest.Words(first, second, third, fourth) }
    }

    /// 64 lowercase hex characters, as the store keeps it.
    public var hex: String {
        switch value {
        case .digest(let digest): SHA256Digest.hexString(words: digest.words)
        case .text(let text): text
        }
    }

    public init(hex: String) {
        value = SHA256Digest.words(hex: hex).map { .digest(Digest($0)) } ?? .text(hex)
    }

    public init(provider: ProviderKind, request: GenerationRequest) {
        value = .digest(Digest(SHA256Digest.words(of: Self.canonicalBytes(provider: provider, request: request))))
    }

    public init(_ spec: PromptSpec, provider: ProviderKind) {
        self.init(provider: provider, request: GenerationRequest(spec))
    }

    public var description: String { String(hex.prefix(12)) }

    private enum CodingKeys: String, CodingKey {
        case hex
    }

    /// `{"hex": "…"}`, as it has always been written.
    public init(from decoder: any Decoder) throws {
        self.init(hex: try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .hex))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hex, forKey: .hex)
    }

    /// One `key=value` line per input, keys sorted, values JSON-quoted: stable across
    /// platforms and Foundation versions, unlike a JSON encoder's output.
    static func canonicalForm(provider: ProviderKind, request: GenerationRequest) -> String {
        String(decoding: canonicalBytes(provider: provider, request: request), as: UTF8.self)
    }

    /// `canonicalForm` as UTF-8, written byte by byte: a build fingerprints every prompt twice.
    static func canonicalBytes(provider: ProviderKind, request: GenerationRequest) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(request.prompt.utf8.count + (request.negativePrompt?.utf8.count ?? 0) + 256)
        func field(_ key: StaticString, _ value: (inout [UInt8]) -> Void) {
            if !out.isEmpty { out.append(UInt8(ascii: "\n")) }
            out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            out.append(UInt8(ascii: "="))
            value(&out)
        }
        field("aspect_ratio") { quote(request.aspectRatio.rawValue, into: &$0) }
        field("image_urls") { out in
            out.append(UInt8(ascii: "["))
            for (index, url) in (request.imageURLs ?? []).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                quote(url, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        field("model") { quote(request.model, into: &$0) }
        field("negative_prompt") { out in
            if let negative = request.negativePrompt { quote(negative, into: &out) } else { out += Array("null".utf8) }
        }
        field("num_outputs") { $0 += Array(String(request.numOutputs).utf8) }
        field("prompt") { quote(request.prompt, into: &$0) }
        field("provider") { quote(provider.rawValue, into: &$0) }
        field("recipe") { $0 += Array(String(recipeVersion).utf8) }
        field("resolution") { out in
            if let resolution = request.resolution {
                quote(resolution.rawValue, into: &out)
            } else {
                out += Array("null".utf8)
            }
        }
        return out
    }

    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        quote(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON-style quoting by UTF-8 byte: every byte of a multi-byte scalar is 0x80 or above, so
    /// only ASCII needs a look, and the rest is copied as it is.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                out += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
