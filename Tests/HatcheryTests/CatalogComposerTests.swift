import Foundation
import Testing

@testable import Hatchery

/// The catalog is composed from libyaml's events by `CatalogComposer`, not by Yams: what YAML
/// composing means (aliases, repeated keys, documents, null) must not have changed with it.
@Suite struct CatalogComposerTests {
    let file = URL(fileURLWithPath: "/sites/demo/catalog.yaml")

    func problems(_ yaml: String) -> [CatalogProblem] {
        catalogProblems(yaml, file: file)
    }

    @Test func anAliasIsTheValueItsAnchorLastNamed() throws {
        let catalog = try CatalogLoader().parse(
            """
            defaults: &base
              model: nanobanana-pro
            prompts:
              - {id: a, prompt: &text "a harbour", tags: &t [coast, dawn]}
              - {id: b, prompt: *text, tags: *t}
              - {id: c, prompt: x, tags: &t [night]}
              - {id: d, prompt: x, tags: *t}
            """,
            file: file
        )
        let byID = Dictionary(uniqueKeysWithValues: catalog.prompts.map { ($0.id, $0) })
        #expect(byID["b"]?.prompt == "a harbour")
        #expect(byID["b"]?.tags == ["coast", "dawn"])
        #expect(byID["d"]?.tags == ["night"])
        #expect(catalog.prompts.allSatisfy { $0.model == "nanobanana-pro" })
    }

    @Test func anAliasBeforeItsAnchorIsLocated() {
        let found = problems("prompts:\n  - {id: a, prompt: *text}\n  - {id: b, prompt: &text x}\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2 && found.first?.column == 21, "\(found)")
        #expect(found.first?.message == "is not valid YAML: found undefined alias", "\(found)")
    }

    @Test func aSecondDocumentIsRefusedWhereItStarts() {
        let found = problems("prompts:\n  - {id: a, prompt: x}\n---\nprompts: []\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3 && found.first?.column == 1, "\(found)")
        #expect(found.first?.message.contains("found another document") == true, "\(found)")
    }

    @Test func repeatedKeysAreNamedTogetherAtTheFirst() {
        let found = problems("prompts:\n  - id: a\n    title: t\n    prompt: x\n    title: u\n    id: b\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2 && found.first?.column == 5, "\(found)")
        #expect(found.first?.message == "the key `id`, `title` appears twice in one mapping; keep one", "\(found)")
    }

    /// A hostile mapping of many keys: comparing each key with every other took minutes.
    @Test func aMappingOfManyKeysIsCheckedForRepeatsInOnePass() {
        var yaml = "prompts:\n  - id: a\n    prompt: x\n"
        for index in 0..<60_000 { yaml += "    k\(index): 1\n" }
        for index in 0..<7 { yaml += "    k\(index): 2\n" }
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 4, "\(found)")
        #expect(
            found.first?.message
                == "the key `k0`, `k1`, `k2`, `k3`, `k4`, and 2 more appears twice in one mapping; keep one",
            "\(found)"
        )
    }

    @Test func onlyAPlainNullMeansNothing() throws {
        let catalog = try CatalogLoader().parse(
            "prompts:\n  - {id: a, prompt: x, title: \"null\", caption: ~}\n  - {id: b, prompt: x, title: null}\n",
            file: file
        )
        #expect(catalog.prompts.map(\.title) == ["null", nil])
        #expect(catalog.prompts.map(\.caption) == [nil, nil])
    }

    @Test(
        "a file with no document is not a catalog, at 1:1",
        arguments: ["", "# only a comment\n", "\n\n"]
    )
    func noDocument(yaml: String) {
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 1 && found.first?.column == 1, "\(found)")
        #expect(found.first?.message.contains("must be a mapping") == true, "\(found)")
    }

    @Test func promptsKeepTheLineTheyStartOn() throws {
        let catalog = try CatalogLoader().parse(
            "# a comment\nprompts:\n  - id: a\n    prompt: x\n\n  - id: b\n    prompt: |\n      two\n      lines\n  - {id: c, prompt: y}\n",
            file: file
        )
        #expect(catalog.prompts.map(\.line) == [3, 6, 10])
        #expect(catalog.prompts[1].prompt == "two\nlines")
    }

    @Test func aValueWithANulByteKeepsItAndIsRefused() {
        let found = problems("prompts:\n  - id: a\n    prompt: \"x\\0y\"\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("U+0000") == true, "\(found)")
    }

    // Entries of `prompts` are read as they are composed, before the rest of the catalog.

    @Test func defaultsWrittenAfterThePromptsStillApply() throws {
        let catalog = try CatalogLoader().parse(
            "prompts:\n  - {id: a, prompt: x}\n  - {id: b, prompt: y, model: nanobanana}\ndefaults:\n  model: nanobanana-pro\n  num_outputs: 2\n",
            file: file
        )
        #expect(catalog.prompts.map(\.model) == ["nanobanana-pro", "nanobanana"])
        #expect(catalog.prompts.map(\.numOutputs) == [2, 2])
    }

    @Test func anUnknownDefaultModelIsNamedAtTheDefaultsForEachPrompt() {
        let found = problems("prompts:\n  - {id: a, prompt: x}\ndefaults:\n  model: nanobanana-max\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 4 && found.first?.field == "prompts[a].model", "\(found)")
    }

    @Test func anAnchoredPromptsListIsReadAsAWhole() throws {
        let catalog = try CatalogLoader().parse(
            "prompts: &all\n  - {id: a, prompt: x}\n  - {id: b, prompt: y}\n",
            file: file
        )
        #expect(catalog.prompts.map(\.id) == ["a", "b"])
    }

    @Test func aYAMLErrorAfterReadPromptsIsTheOnlyProblem() {
        let found = problems("prompts:\n  - {id: A, prompt: x}\n  - {id: b, prompt: \"unterminated\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.hasPrefix("is not valid YAML") == true, "\(found)")
    }

    @Test func duplicateIDsAreFoundAcrossReadEntries() {
        let found = problems("prompts:\n  - {id: a, prompt: x}\n  - {id: b, prompt: y}\n  - {id: a, prompt: z}\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 4 && found.first?.message.contains("line 2") == true, "\(found)")
    }
}
