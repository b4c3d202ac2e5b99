import Foundation
import Testing

@testable import Hatchery

/// `Elision.oneLine` returns a text that is already one short line as it is, without splitting
/// it; every other text takes the full path. Both must give what the full path gives.
@Suite struct ElisionTests {
    private func reference(_ text: String, limit: Int) -> String {
        Elision.byWords(text, limit: limit)
    }

    @Test(arguments: [
        "", "a", "a b", "a  b", " a", "a ", "a\nb", "a\tb", "a\u{0B}b", "a\u{85}b", "a\u{A0}b", "é b",
        "a\u{2003}b", "e\u{301} b", "word word word word word", "x\u{7F}y", "a.b, c!",
    ])
    func aShortLineIsKeptAndEveryOtherTextIsMadeOne(text: String) {
        for limit in [0, 1, 2, 3, 5, 8, 40] {
            #expect(
                Elision.oneLine(text, limit: limit) == reference(text, limit: limit),
                "\(text.debugDescription) at \(limit)"
            )
        }
    }

    @Test func seededTextsOfSpacesAndWordsAgree() {
        var generator = SeededGenerator(seed: 13)
        let pieces = ["a", "bc", " ", "  ", "\n", "\t", "é", "\u{A0}", ".", "word"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator) ?? ""
            }.joined()
            let limit = Int.random(in: 0...30, using: &generator)
            #expect(
                Elision.oneLine(text, limit: limit) == reference(text, limit: limit),
                "\(text.debugDescription) at \(limit)"
            )
        }
    }
}
