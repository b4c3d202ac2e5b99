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
}
