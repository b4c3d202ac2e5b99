import Testing

@testable import Hatchery

/// A prompt spec shares its fields between copies and stays a value: setting a field of one
/// copy leaves the others as they were, and its display title follows its prompt and title.
@Suite struct PromptSpecTests {
    @Test func aCopyIsAValueAndItsDisplayTitleFollowsItsFields() {
        let original = PromptSpec(id: "fox", prompt: "A red fox in deep snow at dawn, looking back", model: "m")
        #expect(original.displayTitle == "A red fox in deep snow at dawn,…")
        var copy = original
        #expect(copy == original)
        copy.title = "Fox"
        #expect(copy.displayTitle == "Fox" && original.displayTitle == "A red fox in deep snow at dawn,…")
        #expect(copy != original && original.title == nil)
        copy.title = ""
        copy.prompt = "A hare"
        #expect(copy.displayTitle == "A hare" && original.prompt.hasPrefix("A red fox"))
        copy.id = "hare"
        copy.negativePrompt = "blur"
        copy.model = "other"
        copy.aspectRatio = .portrait
        copy.resolution = .twoK
        copy.numOutputs = 3
        copy.imageURLs = ["https://example.com/a.png"]
        copy.caption = "c"
        copy.tags = ["t"]
        copy.line = 9
        let made = PromptSpec(
            id: "hare",
            prompt: "A hare",
            negativePrompt: "blur",
            model: "other",
            aspectRatio: .portrait,
            resolution: .twoK,
            numOutputs: 3,
            imageURLs: ["https://example.com/a.png"],
            title: "",
            caption: "c",
            tags: ["t"],
            line: 9
        )
        #expect(copy == made, "equal fields in two boxes are equal specs")
        #expect(original == PromptSpec(id: "fox", prompt: "A red fox in deep snow at dawn, looking back", model: "m"))
        #expect(original.id == "fox" && original.numOutputs == 1 && original.tags.isEmpty && original.line == 0)
    }
}
