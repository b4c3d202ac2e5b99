import Foundation
import Testing

@testable import Hatchery

/// The other text a page builds by hand instead of through Foundation's formatting.
@Suite struct HandFormattedTextTests {
    @Test func fixedDecimalsAreWhatPrintfWrites() {
        for ratio in [16.0 / 9, 9.0 / 16, 1, 4.0 / 3, 3.0 / 4, 21.0 / 9, 0.1, 12.3456789] {
            for places in [2, 4] {
                #expect(
                    GalleryRenderer.fixed(ratio, places: places) == String(format: "%.\(places)f", ratio),
                    "\(ratio)"
                )
            }
        }
        #expect(
            GalleryRenderer.cardShape(width: 1024, height: 576) == "--ratio: 1.7778; --basis: 26.67rem; --cap: 53.33rem"
        )
    }

    @Test func theSearchIndexEscapesLineSeparatorsAndNothingElse() {
        let json = Array("[\"a\u{2028}b\u{2029}c é ✓\"]".utf8)
        #expect(
            String(decoding: SearchIndex.escapingLineSeparators(json), as: UTF8.self) == "[\"a\\u2028b\\u2029c é ✓\"]"
        )
    }

    @Test func aLongPromptIsTitledByItsFirstEightWords() {
        var spec = PromptSpec(id: "a", prompt: "one two three four five six seven eight nine ten", model: "nanobanana")
        #expect(spec.displayTitle == "one two three four five six seven eight…")
        spec.prompt = "one two  three"
        #expect(spec.displayTitle == "one two three…")
        spec.prompt = "one two three four five six seven eight"
        #expect(spec.displayTitle == "one two three four five six seven eight")
        spec.prompt = "one two three four five six seven eight  "
        #expect(spec.displayTitle == "one two three four five six seven eight…")
    }
}
