import Foundation
import Testing

@testable import Hatchery

@Suite struct ImageSynthesizerTests {
    let synthesizer = ImageSynthesizer()

    func render(
        _ prompt: String,
        ratio: AspectRatio = .landscape,
        resolution: Resolution? = nil,
        index: Int = 0
    ) -> RGBImage {
        let request = GenerationRequest(model: "nanobanana", prompt: prompt, aspectRatio: ratio, resolution: resolution)
        return synthesizer.render(request, fingerprint: Fingerprint(provider: .local, request: request), index: index)
    }

    @Test func isDeterministic() {
        #expect(render("a red fox").pixels == render("a red fox").pixels)
    }

    @Test func differsByPromptAndByOutput() {
        #expect(render("a red fox").pixels != render("a blue whale").pixels)
        #expect(render("a red fox", index: 0).pixels != render("a red fox", index: 1).pixels)
    }

    @Test(
        "sizes follow aspect ratio and resolution",
        arguments: [
            (AspectRatio.landscape, nil, 1024, 576), (.portrait, nil, 576, 1024),
            (.landscape, Resolution.twoK, 2048, 1152), (.portrait, .oneK, 576, 1024),
        ] as [(AspectRatio, Resolution?, Int, Int)]
    )
    func sizes(ratio: AspectRatio, resolution: Resolution?, width: Int, height: Int) {
        let image = render("size", ratio: ratio, resolution: resolution)
        #expect(image.width == width && image.height == height)
    }

    @Test func fourKLongSideIs4096() {
        let request = GenerationRequest(model: "nanobanana-pro", prompt: "x", resolution: .fourK)
        #expect(request.pixelSize == (4096, 2304))
    }
}
