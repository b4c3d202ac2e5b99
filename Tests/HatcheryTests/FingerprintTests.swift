import Foundation
import Testing

@testable import Hatchery

@Suite struct FingerprintTests {
    let base = PromptSpec(id: "a", prompt: "A red fox in snow", model: "nanobanana")

    @Test func isStableAcrossRunsAndMachines() {
        // A golden value: if this changes, every user's gallery would be regenerated.
        #expect(Fingerprint(base, provider: .local).hex == Fingerprint(base, provider: .local).hex)
        #expect(
            Fingerprint.canonicalForm(provider: .local, request: GenerationRequest(base)) == """
                aspect_ratio="16:9"
                image_urls=[]
                model="nanobanana"
                negative_prompt=null
                num_outputs=1
                prompt="A red fox in snow"
                provider="local"
                recipe=1
                resolution=null
                """
        )
        #expect(
            Fingerprint(base, provider: .local).hex
                == SHA256Digest.hex(of: Fingerprint.canonicalForm(provider: .local, request: GenerationRequest(base)))
        )
    }

    @Test func ignoresDisplayOnlyFields() {
        var edited = base
        edited.title = "Fox"
        edited.caption = "A caption"
        edited.tags = ["animals"]
        edited.line = 99
        #expect(Fingerprint(edited, provider: .local) == Fingerprint(base, provider: .local))
    }

    @Test(
        "changes with every generation input",
        arguments: [
            "prompt", "negative", "model", "ratio", "resolution", "outputs", "urls", "provider",
        ]
    )
    func changesWith(field: String) {
        var edited = base
        var provider = ProviderKind.local
        switch field {
        case "prompt": edited.prompt += "."
        case "negative": edited.negativePrompt = "blur"
        case "model": edited.model = "nanobanana-pro"
        case "ratio": edited.aspectRatio = .portrait
        case "resolution": edited.resolution = .twoK
        case "outputs": edited.numOutputs = 2
        case "urls": edited.imageURLs = ["https://example.com/a.png"]
        default: provider = .eggapi
        }
        #expect(Fingerprint(edited, provider: provider) != Fingerprint(base, provider: .local))
    }

    @Test func quotingKeepsFieldsApart() {
        // A prompt that contains a newline and `key=` text cannot imitate another field.
        var tricky = base
        tricky.prompt = "fox\"\nmodel=\"nanobanana-pro"
        #expect(
            Fingerprint.canonicalForm(provider: .local, request: GenerationRequest(tricky)).contains(
                "prompt=\"fox\\\"\\nmodel=\\\"nanobanana-pro\""
            )
        )
    }

    /// The canonical form as the String-building code before `canonicalBytes` made it: any
    /// difference would regenerate (and charge for) every unchanged prompt.
    private static func legacyCanonicalForm(provider: ProviderKind, request: GenerationRequest) -> String {
        func quote(_ text: String) -> String {
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
        let fields: [(String, String)] = [
            ("aspect_ratio", quote(request.aspectRatio.rawValue)),
            ("image_urls", "[" + (request.imageURLs ?? []).map(quote).joined(separator: ",") + "]"),
            ("model", quote(request.model)),
            ("negative_prompt", request.negativePrompt.map(quote) ?? "null"),
            ("num_outputs", String(request.numOutputs)),
            ("prompt", quote(request.prompt)),
            ("provider", quote(provider.rawValue)),
            ("recipe", String(Fingerprint.recipeVersion)),
            ("resolution", request.resolution.map { quote($0.rawValue) } ?? "null"),
        ]
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
    }

    @Test func bytesMatchTheStringFormOnRandomText() {
        // Control characters, quotes, backslashes, combining marks, CRLF, astral scalars and DEL.
        let pool: [Unicode.Scalar] =
            (0..<0x21).compactMap(Unicode.Scalar.init) + ["\"", "\\", "=", "u", "\u{7F}", "\u{80}", "\u{85}", "\u{A0}"]
            + ["é", "\u{301}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{FFFD}", "😀", "\u{1F3FB}", "\u{10FFFF}", "中"]
        var random = SeededGenerator(seed: 13)
        func text() -> String {
            var out = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                out.append(pool[Int.random(in: pool.indices, using: &random)])
            }
            return String(out)
        }
        for _ in 0..<3000 {
            let request = GenerationRequest(
                model: text(),
                prompt: text(),
                negativePrompt: Bool.random(using: &random) ? text() : nil,
                aspectRatio: Bool.random(using: &random) ? .landscape : .portrait,
                numOutputs: Int.random(in: 1...4, using: &random),
                resolution: Bool.random(using: &random) ? .twoK : nil,
                imageURLs: Bool.random(using: &random)
                    ? (0..<Int.random(in: 0...3, using: &random)).map { _ in text() } : nil
            )
            let provider: ProviderKind = Bool.random(using: &random) ? .local : .eggapi
            let legacy = Self.legacyCanonicalForm(provider: provider, request: request)
            #expect(Fingerprint.canonicalBytes(provider: provider, request: request) == Array(legacy.utf8))
            #expect(Fingerprint(provider: provider, request: request).hex == SHA256Digest.hex(of: legacy))
        }
    }

    /// A fingerprint is held as its digest's words; what a store gives that is no digest in
    /// lowercase hex stays the text it was, and equal text is an equal fingerprint.
    @Test func aFingerprintSpellsBackAsItWasGivenAndEncodesAsBefore() throws {
        let computed = Fingerprint(PromptSpec(id: "fox", prompt: "A fox", model: "nanobanana"), provider: .local)
        #expect(Fingerprint(hex: computed.hex) == computed)
        #expect(Set([Fingerprint(hex: computed.hex), computed]).count == 1)
        for text in ["", "abc", computed.hex.uppercased(), computed.hex + " ", "é"] {
            #expect(Fingerprint(hex: text).hex == text)
            #expect(Fingerprint(hex: text) != computed)
        }
        let json = try JSONEncoder().encode(computed)
        #expect(String(decoding: json, as: UTF8.self) == "{\"hex\":\"\(computed.hex)\"}")
        #expect(try JSONDecoder().decode(Fingerprint.self, from: json) == computed)
        #expect(try JSONDecoder().decode(Fingerprint.self, from: Data(#"{"hex":"ABC"}"#.utf8)).hex == "ABC")
    }
}
