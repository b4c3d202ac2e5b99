/// The SHA-256 of everything that shapes a prompt's images. Equal fingerprints mean the
/// images already made can be reused; display-only fields (title, caption, tags) are left out.
public struct Fingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Bump when the way images are made changes, so that every prompt is generated again.
    public static let recipeVersion = 1

    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    public init(provider: ProviderKind, request: GenerationRequest) {
        hex = SHA256Digest.hex(of: Self.canonicalForm(provider: provider, request: request))
    }

    public init(_ spec: PromptSpec, provider: ProviderKind) {
        self.init(provider: provider, request: GenerationRequest(spec))
    }

    public var description: String { String(hex.prefix(12)) }

    /// One `key=value` line per input, keys sorted, values JSON-quoted: stable across
    /// platforms and Foundation versions, unlike a JSON encoder's output.
    static func canonicalForm(provider: ProviderKind, request: GenerationRequest) -> String {
        let fields: [(String, String)] = [
            ("aspect_ratio", quote(request.aspectRatio.rawValue)),
            ("image_urls", "[" + (request.imageURLs ?? []).map(quote).joined(separator: ",") + "]"),
            ("model", quote(request.model)),
            ("negative_prompt", request.negativePrompt.map(quote) ?? "null"),
            ("num_outputs", String(request.numOutputs)),
            ("prompt", quote(request.prompt)),
            ("provider", quote(provider.rawValue)),
            ("recipe", String(recipeVersion)),
            ("resolution", request.resolution.map { quote($0.rawValue) } ?? "null"),
        ]
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
