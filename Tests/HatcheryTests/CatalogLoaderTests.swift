import Foundation
import Testing

@testable import Hatchery

@Suite struct CatalogLoaderTests {
    let file = URL(fileURLWithPath: "/sites/demo/catalog.yaml")

    func problems(_ yaml: String) -> [CatalogProblem] {
        catalogProblems(yaml, file: file)
    }

    @Test func appliesDefaultsAndKeepsDisplayFields() throws {
        let catalog = try CatalogLoader().parse(
            """
            gallery:
              title: Mine
              templates: ../templates
            defaults:
              model: nanobanana-pro
              aspect_ratio: "9:16"
              num_outputs: 2
            prompts:
              - id: one
                prompt: "  A fox  "
                title: Fox
                tags: [animals, snow]
              - id: two
                prompt: A hare
                aspect_ratio: 16:9
                resolution: 4k
                num_outputs: 1
            """,
            file: file
        )
        #expect(catalog.gallery.title == "Mine")
        #expect(catalog.gallery.templates?.path == "/sites/templates")
        #expect(catalog.provider == .local)
        let one = catalog.prompts[0]
        let two = catalog.prompts[1]
        #expect(one.prompt == "A fox")
        #expect(one.model == "nanobanana-pro" && one.aspectRatio == .portrait && one.numOutputs == 2)
        #expect(one.tags == ["animals", "snow"] && one.title == "Fox" && one.line == 9)
        #expect(two.aspectRatio == .landscape && two.resolution == .fourK && two.numOutputs == 1)
    }

    /// Each bad catalog names the line, the field and what is allowed.
    @Test(
        "names file, line and field",
        arguments: [
            (
                "prompts:\n  - id: a\n    prompt: x\n    aspect_ratio: \"4:3\"\n", 4, "prompts[a].aspect_ratio",
                "use \"16:9\" or \"9:16\""
            ),
            ("prompts:\n  - id: a\n    prompt: x\n    num_outputs: 5\n", 4, "prompts[a].num_outputs", "from 1 to 4"),
            (
                "prompts:\n  - id: a\n    prompt: x\n    model: dall-e\n", 4, "prompts[a].model",
                "nanobanana, nanobanana-pro"
            ),
            (
                "prompts:\n  - id: a\n    prompt: x\n    negativ_prompt: blur\n", 4, "prompts[a].negativ_prompt",
                "did you mean `negative_prompt`"
            ),
            (
                "prompts:\n  - id: a\n    prompt: x\n  - id: a\n    prompt: y\n", 4, "prompts[a].id",
                "already used by the prompt on line 2"
            ),
            ("prompts:\n  - id: Not A Slug\n    prompt: x\n", 2, "prompts[Not A Slug].id", "not a slug"),
            ("prompts:\n  - id: a\n", 2, "prompts[a].prompt", "is missing"),
            ("prompts:\n  - prompt: x\n", 2, "prompts[0].id", "is missing"),
            ("prompts:\n  - id: a\n    prompt: \"\"\n", 3, "prompts[a].prompt", "allows 1 to 2000"),
            (
                "prompts:\n  - id: a\n    prompt: x\n    resolution: 8k\n", 4, "prompts[a].resolution",
                "\"1k\" or \"2k\" or \"4k\""
            ),
            ("provider: dalle\nprompts: []\n", 1, "provider", "\"local\" or \"eggapi\""),
            ("concurrency: 0\nprompts: []\n", 1, "concurrency", "from 1 to 64"),
            // Issue 11, case 1: a digit with a combining mark crashed the money parser.
            ("budget: \"1\u{301}\"\nprompts: []\n", 1, "budget", "\"1\\u{301}\" is not an amount of dollars"),
            ("budget: -1\nprompts: []\n", 1, "budget", "amounts are never negative"),
            ("concurrency: \"\u{664}\"\nprompts: []\n", 1, "concurrency", "from 1 to 64"),
            (
                "prompts:\n  - id: a\n    prompt: x\n    image_urls: [\"ftp://x\"]\n", 4, "prompts[a].image_urls[0]",
                "not an http(s) URL"
            ),
            ("prompts:\n  - id: a\n    prompt: [x]\n", 3, "prompts[a].prompt", "must be text"),
            ("galery:\n  title: x\nprompts: []\n", 1, "galery", "did you mean `gallery`"),
            (
                "defaults:\n  model: nope\nprompts:\n  - id: a\n    prompt: x\n", 2, "prompts[a].model",
                "not a known model"
            ),
            ("prompts:\n  - id: a\n    prompt: x\n    prompt: y\n", 3, "", "appears twice"),
            ("prompts:\n  - id: a\n    prompt: \"unterminated\n", 4, "", "not valid YAML"),
            ("gallery:\n  sort: random\nprompts: []\n", 2, "gallery.sort", "\"catalog\" or \"newest\" or \"title\""),
            ("gallery:\n  show_spend: maybe\nprompts: []\n", 2, "gallery.show_spend", "use true or false"),
            ("gallery:\n  base_url: example.com\nprompts: []\n", 2, "gallery.base_url", "not an absolute http(s) URL"),
            ("gallery:\n  base_url: ftp://example.com/\nprompts: []\n", 2, "gallery.base_url", "http(s)"),
            (
                "gallery:\n  base_url: \"https://x.org/?a=1\"\nprompts: []\n", 2, "gallery.base_url",
                "a query, a fragment"
            ),
            (
                "gallery:\n  base_url: \"https://example.com/a b/<x>/\"\nprompts: []\n", 2, "gallery.base_url",
                "percent-encode"
            ),
            ("gallery:\n  base_url: \"https://bücher.example/\"\nprompts: []\n", 2, "gallery.base_url", "xn--"),
            (
                "gallery:\n  base_url: \"https://example.com:99999/\"\nprompts: []\n", 2, "gallery.base_url",
                "port outside"
            ),
        ] as [(String, Int, String, String)]
    )
    func reportsProblem(yaml: String, line: Int, field: String, fragment: String) {
        let found = problems(yaml)
        #expect(found.count >= 1)
        let problem = found.first { $0.field == field } ?? found[0]
        #expect(problem.file == "/sites/demo/catalog.yaml")
        #expect(problem.line == line, "\(problem)")
        #expect(problem.field == field, "\(problem)")
        #expect(problem.message.contains(fragment), "\(problem.message)")
    }

    @Test func readsTheSiteSettingsWithTheirDefaults() throws {
        let plain = try CatalogLoader().parse("prompts: []\n", file: file)
        #expect(plain.gallery.showSpend && plain.gallery.baseURL == nil && plain.gallery.sort == .catalog)
        let set = try CatalogLoader().parse(
            "gallery:\n  show_spend: false\n  base_url: https://example.com/art\n  sort: newest\nprompts: []\n",
            file: file
        )
        #expect(!set.gallery.showSpend && set.gallery.sort == .newest)
        #expect(set.gallery.baseURL == "https://example.com/art/", "a base URL always ends in a slash")
    }

    @Test func countsCharactersNotBytes() {
        // 2000 two-byte characters is within the limit; 2001 is not.
        let ok = String(repeating: "é", count: 2000)
        #expect(problems("prompts:\n  - id: a\n    prompt: \(ok)\n").isEmpty)
        #expect(
            problems("prompts:\n  - id: a\n    prompt: \(ok)é\n").first?.message.contains("2001 characters") == true
        )
    }

    @Test func reportsEveryProblemAtOnce() {
        let found = problems(
            "prompts:\n  - id: a\n    prompt: x\n    num_outputs: 9\n  - id: b\n    prompt: y\n    aspect_ratio: 1:1\n"
        )
        #expect(found.map(\.line) == [4, 7])
        let text = CatalogError.invalid(found).errorDescription ?? ""
        #expect(text.contains("/sites/demo/catalog.yaml:4:18: prompts[a].num_outputs"))
        #expect(text.contains("2 problems"))
    }

    @Test func missingFileSaysWhatToDo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        #expect(throws: CatalogError.self) { try CatalogLoader().load(from: directory.url) }
        do {
            _ = try CatalogLoader().load(from: directory.url)
        } catch {
            #expect(error.localizedDescription.contains("catalog.yaml"))
        }
    }

    @Test func theSampleCatalogIsValid() throws {
        let catalog = try CatalogLoader().load(from: Fixtures.sampleCatalog)
        #expect(catalog.prompts.count >= 24)
        #expect(Set(catalog.prompts.map(\.model)).count >= 2)
        #expect(Set(catalog.prompts.map(\.aspectRatio)) == [.landscape, .portrait])
    }
}
