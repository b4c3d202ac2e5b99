import Foundation
import Testing

@testable import Hatchery

/// Issue 11, items 3, 8 and 9: tags that are null or blank, catalogs that are not UTF-8, YAML
/// errors in one `file:line:column:` form, and values or lists too large to be meant.
@Suite struct CatalogInputTests {
    let file = URL(fileURLWithPath: "/sites/demo/catalog.yaml")

    func problems(_ yaml: String) -> [CatalogProblem] {
        catalogProblems(yaml, file: file)
    }

    /// The one problem `yaml` has, which must be located.
    func problem(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CatalogProblem {
        let found = problems(yaml)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    // MARK: Item 3: tags that vanished or named a page with no name

    @Test(
        "a null or blank tag is a located error",
        arguments: [
            ("[a, ~]", 15, "is null; write a tag, or quote it (\"~\")"),
            ("[a, null]", 15, "is null; write a tag, or quote it (\"null\")"),
            ("[a, \"\"]", 15, "is blank ("),
            ("[a, \"  \"]", 15, "is blank ("),
        ] as [(String, Int, String)]
    )
    func nullAndBlankTags(tags: String, column: Int, message: String) throws {
        let found = try problem("prompts:\n  - id: a\n    prompt: x\n    tags: \(tags)\n")
        #expect(
            found.description.hasPrefix("/sites/demo/catalog.yaml:4:\(column): prompts[a].tags[1]: \(message)"),
            "\(found)"
        )
    }

    @Test func aDashWithNothingAfterItIsAnEmptyTag() throws {
        let found = try problem("prompts:\n  - id: a\n    prompt: x\n    tags:\n      - a\n      -\n")
        #expect(
            found.line == 6 && found.field == "prompts[a].tags[1]" && found.message.contains("is empty"),
            "\(found)"
        )
    }

    @Test func aQuotedTildeIsATag() throws {
        let catalog = try CatalogLoader().parse(
            "prompts:\n  - id: a\n    prompt: x\n    tags: [\"~\", \"null\"]\n",
            file: file
        )
        #expect(catalog.prompts[0].tags == ["~", "null"])
    }

    // MARK: Item 8: encodings

    func loadProblem(_ bytes: [UInt8]) throws -> (CatalogProblem, String) {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        try Data(bytes).write(to: site.url.appendingPathComponent("catalog.yaml"))
        do {
            _ = try CatalogLoader().load(from: site.url)
        } catch {
            let text = error.errorDescription ?? ""
            #expect(!text.contains("Create it") && !text.contains("correct format"), "\(text)")
            #expect(error.problems.count == 1, "\(text)")
            return (try #require(error.problems.first), text)
        }
        Issue.record("the catalog loaded")
        throw CancellationError()
    }

    @Test func aLatin1ByteIsNamedByLineAndColumn() throws {
        let bytes =
            Array("gallery:\n  title: Mine\nprompts:\n  - id: cafe\n    prompt: caf".utf8) + [0xE9]
            + Array(" au lait\n".utf8)
        let (found, text) = try loadProblem(bytes)
        #expect(found.line == 5 && found.column == 16, "\(found)")
        #expect(found.message.contains("0xE9") && found.message.contains("save the file as UTF-8"), "\(found)")
        #expect(text.contains("catalog.yaml:5:16: the byte 0xE9 is not UTF-8"), "\(text)")
    }

    @Test func aBadByteAfterMultibyteCharactersCountsCharacters() throws {
        // Columns count characters, as YAML errors do: "é" is one column, not two.
        let bytes = Array("prompts:\n  - id: a\n    prompt: éé".utf8) + [0xFF] + Array("\n".utf8)
        let (found, _) = try loadProblem(bytes)
        #expect(found.line == 3 && found.column == 15, "\(found)")
    }

    @Test(
        "a byte order mark of another encoding gets its own sentence",
        arguments: [
            ([0xFF, 0xFE], "UTF-16 (little-endian)"),
            ([0xFE, 0xFF], "UTF-16 (big-endian)"),
            ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian)"),
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian)"),
        ] as [([UInt8], String)]
    )
    func otherEncodings(bom: [UInt8], name: String) throws {
        let body = "prompts: []\n".unicodeScalars.flatMap { scalar -> [UInt8] in
            let value = UInt32(scalar.value)
            switch name {
            case "UTF-16 (little-endian)": return [UInt8(value & 0xFF), 0]
            case "UTF-16 (big-endian)": return [0, UInt8(value & 0xFF)]
            case "UTF-32 (little-endian)": return [UInt8(value & 0xFF), 0, 0, 0]
            default: return [0, 0, 0, UInt8(value & 0xFF)]
            }
        }
        let (found, _) = try loadProblem(bom + body)
        #expect(found.line == 1 && found.column == 1, "\(found)")
        #expect(
            found.message.contains("starts with a \(name) byte order mark")
                && found.message.contains("save it as UTF-8"),
            "\(found)"
        )
    }

    @Test func utf16WithoutAByteOrderMarkIsNamedByItsNULBytes() throws {
        let (found, _) = try loadProblem(Array("prompts: []\n".utf16.flatMap { [UInt8($0 & 0xFF), 0] }))
        #expect(found.line == 1 && found.column == 2 && found.message.contains("NUL byte"), "\(found)")
    }

    @Test func aUTF8ByteOrderMarkIsAccepted() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        try Data([0xEF, 0xBB, 0xBF] + Array("prompts:\n  - id: a\n    prompt: x\n".utf8)).write(
            to: site.url.appendingPathComponent("catalog.yaml")
        )
        #expect(try CatalogLoader().load(from: site.url).prompts.map(\.id) == ["a"])
    }

    @Test func anEmptyFileSaysWhatACatalogHolds() throws {
        let (found, _) = try loadProblem([])
        #expect(found.message.contains("must be a mapping"), "\(found)")
    }

    @Test func aMissingCatalogStillSaysToCreateIt() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        do {
            _ = try CatalogLoader().load(from: site.url)
            Issue.record("a missing catalog loaded")
        } catch {
            #expect(
                error.errorDescription
                    == "There is no catalog at \(site.url.appendingPathComponent("catalog.yaml").path). Create it, or pass the site folder that holds catalog.yaml."
            )
        }
    }

    // MARK: Item 8: one format for YAML errors

    @Test(
        "every YAML error is file:line:column: message, on one line",
        arguments: [
            (
                "prompts:\n  - id: a\n    prompt: \"unterminated\n", 4, 1,
                "is not valid YAML: found unexpected end of stream (while scanning a quoted scalar from line 3, column 13)"
            ),
            ("prompts:\n  - id: a\n    prompt: a\u{1}b\n", 3, 14, "holds the control character U+0001"),
            ("prompts:\n  - id: a\n    prompt: a\u{7F}b\n", 3, 14, "holds the control character U+007F"),
            ("prompts:\n  - id: a\n  prompt: x\n", 3, 3, "is not valid YAML:"),
            ("prompts: [a\n", 2, 1, "is not valid YAML:"),
        ] as [(String, Int, Int, String)]
    )
    func yamlErrorsAreLocated(yaml: String, line: Int, column: Int, message: String) throws {
        let found = try problem(yaml)
        #expect(found.line == line && found.column == column, "\(found)")
        #expect(found.description.hasPrefix("/sites/demo/catalog.yaml:\(line):\(column): \(message)"), "\(found)")
        #expect(!found.description.contains("\n") && !found.description.contains("error:"), "\(found)")
    }

    // MARK: Item 9: bounds

    /// Each field one character over its limit; at the limit it loads.
    @Test(
        "every field is bounded",
        arguments: [
            ("    id: %@\n    prompt: x\n", "a", 80, 0, "prompts[0].id"),
            ("    id: a\n    prompt: %@\n", "é", 2000, 0, "prompts[a].prompt"),
            ("    id: a\n    prompt: x\n    negative_prompt: %@\n", "é", 1000, 0, "prompts[a].negative_prompt"),
            ("    id: a\n    prompt: x\n    title: %@\n", "é", 200, 0, "prompts[a].title"),
            ("    id: a\n    prompt: x\n    caption: %@\n", "é", 4000, 0, "prompts[a].caption"),
            ("    id: a\n    prompt: x\n    tags: [%@]\n", "é", 100, 0, "prompts[a].tags[0]"),
            (
                "    id: a\n    prompt: x\n    image_urls: [https://example.com/%@]\n", "a", 2048, 20,
                "prompts[a].image_urls[0]"
            ),
        ] as [(String, String, Int, Int, String)]
    )
    func fieldsAreBounded(prompt: String, filler: String, limit: Int, prefix: Int, field: String) throws {
        func catalog(_ count: Int) -> String {
            "prompts:\n  -\n"
                + prompt.replacingOccurrences(of: "%@", with: String(repeating: filler, count: count - prefix))
        }
        #expect(problems(catalog(limit)).isEmpty, "\(field) at its limit: \(problems(catalog(limit)))")
        let found = try problem(catalog(limit + 1))
        #expect(found.field == field && found.line != nil && found.column != nil, "\(found)")
        #expect(found.message.contains("has \(limit + 1) characters"), "\(found)")
    }

    @Test(
        "a huge value is refused with a short message",
        arguments: [
            ("prompts:\n  - id: a\n    prompt: x\n    model: %@\n", "prompts[a].model", 4, 12),
            ("prompts:\n  - id: %@\n    prompt: x\n", "prompts[0].id", 2, 9),
            ("prompts:\n  - id: a\n    prompt: \"%@\"\n", "prompts[a].prompt", 3, 13),
            ("gallery:\n  title: %@\nprompts: []\n", "gallery.title", 2, 10),
            ("gallery:\n  description: %@\nprompts: []\n", "gallery.description", 2, 16),
            ("gallery:\n  templates: %@\nprompts: []\n", "gallery.templates", 2, 14),
            ("gallery:\n  page_size: %@\nprompts: []\n", "gallery.page_size", 2, 14),
            ("provider: %@\nprompts: []\n", "provider", 1, 11),
            ("budget: %@\nprompts: []\n", "budget", 1, 9),
            ("defaults:\n  model: %@\nprompts: []\n", "defaults.model", 2, 10),
        ] as [(String, String, Int, Int)]
    )
    func hugeValues(yaml: String, field: String, line: Int, column: Int) throws {
        // 10 MB, as in the issue; a text of one repeated letter.
        let found = try problem(yaml.replacingOccurrences(of: "%@", with: String(repeating: "m", count: 10_000_000)))
        #expect(found.field == field && found.line == line && found.column == column, "\(found)")
        #expect(found.description.utf8.count < 200, "\(found.description.prefix(300))")
        #expect(found.message.contains("has 10000000 characters (\"mmmm"), "\(found.description.prefix(300))")
    }

    @Test func valuesInMessagesAreShortAndVisible() {
        #expect(ValueQuote.quoted("plain") == "\"plain\"")
        #expect(ValueQuote.quoted("a\"b\\c\nd\u{202E}e\u{0}") == "\"a\\\"b\\\\c\\nd\\u{202E}e\\u{0}\"")
        let long = ValueQuote.quoted(String(repeating: "x", count: 10_000_000) + "END")
        #expect(long == "\"" + String(repeating: "x", count: 30) + "…" + String(repeating: "x", count: 5) + "END\"")
    }

    @Test func aHugeUnknownKeyIsQuotedShort() throws {
        let found = try problem("prompts: []\n? \(String(repeating: "k", count: 1_000_000))\n: 1\n")
        #expect(found.line == 2 && found.message.contains("is not a known key"), "\(found.description.prefix(300))")
        #expect(found.description.utf8.count < 300, "\(found.description.prefix(300))")
    }

    @Test func fiveMillionTagsAreRefusedAtTheList() throws {
        let tags = Array(repeating: "t", count: 5_000_000).joined(separator: ",")
        let found = try problem("prompts:\n  - id: a\n    prompt: x\n    tags: [\(tags)]\n")
        #expect(
            found.description
                == "/sites/demo/catalog.yaml:4:11: prompts[a].tags: has more than 100 entries; no list in a catalog may hold more"
        )
    }

    @Test func tooManyTagsAreNamedLikeOtherProblemsOfThePrompt() throws {
        let tags = (0...100).map { "t\($0)" }.joined(separator: ", ")
        let found = try problem("prompts:\n  - id: a\n    prompt: x\n  - prompt: y\n    id: b\n    tags: [\(tags)]\n")
        #expect(
            found.field == "prompts[b].tags" && found.line == 6 && found.message.contains("more than 100 entries"),
            "\(found)"
        )
    }

    @Test func tooManyPromptsAreRefusedAtTheList() throws {
        let yaml = "prompts:\n" + String(repeating: "  - {id: a, prompt: x}\n", count: 100_001)
        let found = try problem(yaml)
        #expect(
            found.field == "prompts" && found.line == 2 && found.message.contains("at most 100000 prompts"),
            "\(found)"
        )
    }

    @Test func tooManyValuesAreRefusedBeforeTheTreeIsBuilt() throws {
        // 22,000 prompts of 90 tags: each list within its limit, 2.1 million values in all.
        let tags = "[" + Array(repeating: "t", count: 90).joined(separator: ",") + "]"
        let yaml = "prompts:\n" + String(repeating: "  - {id: a, prompt: x, tags: \(tags)}\n", count: 22_000)
        let found = try problem(yaml)
        #expect(found.message.contains("more than 2000000 values"), "\(found)")
    }

    @Test func aliasesCountWhatTheyRepeat() throws {
        // 30,000 prompts that each repeat one 100-tag list: a 1 MB file that Yams would expand
        // to 3 million values.
        let tags = "[" + (0..<100).map { "tag\($0)" }.joined(separator: ",") + "]"
        var yaml = "prompts:\n  - {id: p0, prompt: x, tags: &t \(tags)}\n"
        for index in 1..<30_000 { yaml += "  - {id: p\(index), prompt: x, tags: *t}\n" }
        let found = try problem(yaml)
        #expect(found.message.contains("more than 2000000 values"), "\(found)")
    }

    @Test func aliasesCountTheTextTheyRepeat() throws {
        // 40,000 prompts repeating one 2,000-character prompt: 80 MB of text once expanded.
        let text = String(repeating: "x", count: 2_000)
        var yaml = "prompts:\n  - {id: p0, prompt: &s \(text)}\n"
        for index in 1..<40_000 { yaml += "  - {id: p\(index), prompt: *s}\n" }
        let found = try problem(yaml)
        #expect(found.message.contains("MiB of text once its aliases"), "\(found)")
    }

    @Test(
        "control characters written with YAML escapes are refused where they are",
        arguments: [
            ("prompt: \"p\\0q\"", "prompts[a].prompt", "U+0000"), ("title: \"t\\x01\"", "prompts[a].title", "U+0001"),
            ("caption: \"c\\e\"", "prompts[a].caption", "U+001B"),
            ("tags: [\"a\\x7f\"]", "prompts[a].tags[0]", "U+007F"),
            ("caption: \"c\\x0c\"", "prompts[a].caption", "U+000C"), ("title: \"\\x85\"", "prompts[a].title", "U+0085"),
        ] as [(String, String, String)]
    )
    func controlCharacters(line: String, field: String, code: String) throws {
        let found = try problem(
            "prompts:\n  - id: a\n    prompt: x\n    \(line)\n".replacingOccurrences(
                of: "    prompt: x\n    prompt:",
                with: "    prompt:"
            )
        )
        #expect(found.field == field && found.message.contains("the control character \(code)"), "\(found)")
    }

    @Test(
        "a title that shows nothing is no title: pages name the prompt by its first words",
        arguments: ["\"   \"", "\"\\u200B\"", "\"\\u00A0 \\u3000\"", "\"\""]
    )
    func invisibleTitles(title: String) throws {
        let catalog = try CatalogLoader().parse(
            "prompts:\n  - id: a\n    prompt: A fox at dusk\n    title: \(title)\n",
            file: file
        )
        #expect(catalog.prompts[0].title == nil && catalog.prompts[0].displayTitle == "A fox at dusk")
    }

    @Test func tabsAndLineBreaksInAPromptAreText() throws {
        let catalog = try CatalogLoader().parse("prompts:\n  - id: a\n    prompt: \"one\\ttwo\\nthree\"\n", file: file)
        #expect(catalog.prompts[0].prompt == "one\ttwo\nthree")
    }

    @Test(
        "a tag that shows nothing is blank",
        arguments: ["\\u200B", "\\u2800", "\\u0301", "\\u115F", "\\u200B\\u200D"]
    )
    func invisibleTags(tag: String) throws {
        let found = try problem("prompts:\n  - id: a\n    prompt: x\n    tags: [a, \"\(tag)\"]\n")
        #expect(found.field == "prompts[a].tags[1]" && found.message.contains("is blank"), "\(found)")
    }

    @Test func deepNestingIsRefused() throws {
        var yaml = "gallery:\n"
        for depth in 1...40 { yaml += String(repeating: " ", count: depth) + "k:\n" }
        let found = try problem(yaml + "prompts: []\n")
        #expect(found.message.contains("more than 32 levels deep"), "\(found)")
        let flow = try problem("prompts: " + String(repeating: "[", count: 100_000) + "\n")
        #expect(flow.line == 1 && flow.message.contains("levels deep"), "\(flow)")
    }

    @Test func aFileOverItsLimitIsRefusedBeforeParsing() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        var data = Data("prompts: []\n# ".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 32 * 1024 * 1024))
        try data.write(to: site.url.appendingPathComponent("catalog.yaml"))
        do {
            _ = try CatalogLoader().load(from: site.url)
            Issue.record("a catalog over its limit loaded")
        } catch {
            #expect(error.problems.first?.message.contains("larger than 32 MiB") == true, "\(error)")
        }
    }

    @Test func aFileOverItsLimitIsNotReadWholeForTheBuildStampEither() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        try Data(repeating: UInt8(ascii: "#"), count: 32 * 1024 * 1024 + 1).write(
            to: site.url.appendingPathComponent("catalog.yaml")
        )
        #expect(
            BuildInputs.digest(options: BuildOptions(siteDirectory: site.url), templates: .folder(Fixtures.templates))
                == nil
        )
        _ = try site.write("prompts: []\n", to: "catalog.yaml")
        #expect(
            BuildInputs.digest(options: BuildOptions(siteDirectory: site.url), templates: .folder(Fixtures.templates))
                != nil
        )
    }

    @Test func tenThousandPromptsLoad() throws {
        let yaml =
            "prompts:\n"
            + (0..<10_000).map {
                "  - id: prompt-\($0)\n    prompt: A lighthouse at dawn, number \($0), seen from the sea\n    title: Lighthouse \($0)\n    tags: [coast, dawn, \"set \($0 % 50)\"]\n"
            }.joined()
        let catalog = try CatalogLoader().parse(yaml, file: file)
        #expect(catalog.prompts.count == 10_000)
    }

    // MARK: Prompt ids: a file name as they are

    @Test("an id that names a device on Windows is refused", arguments: ["con", "nul", "aux", "prn", "com1", "lpt9"])
    func windowsDeviceIDs(id: String) throws {
        let found = try problem("prompts:\n  - id: \(id)\n    prompt: x\n")
        #expect(
            found.field == "prompts[\(id)].id" && found.line == 2
                && found.message.contains("names a device on Windows"),
            "\(found)"
        )
    }

    @Test func theDeviceIDsMessageNamesThePageThatCouldNotBeWritten() throws {
        // Not the renamed page SiteNames would give a tag of that text.
        let found = try problem("prompts:\n  - id: con\n    prompt: x\n")
        #expect(found.message.contains("its page prompts/con.html could not be written"), "\(found)")
    }

    @Test(
        "a catalog that is not a mapping is placed line:column like every problem",
        arguments: [("", 1, 1), ("# a comment only\n", 1, 1), ("[]\n", 1, 1), ("\n\n  - a\n", 3, 3)]
            as [(String, Int, Int)]
    )
    func notAMappingIsPlaced(yaml: String, line: Int, column: Int) throws {
        let found = try problem(yaml)
        #expect(found.line == line && found.column == column, "\(found)")
        #expect(found.description.hasPrefix("/sites/demo/catalog.yaml:\(line):\(column): "), "\(found)")
    }

    @Test(
        "ids that are slugs and not device names load",
        arguments: ["a", "console", "com10", "lpt", "harbor-at-dawn", "x1-2"]
    )
    func slugIDs(id: String) throws {
        #expect(problems("prompts:\n  - id: \(id)\n    prompt: x\n").isEmpty)
    }
}
