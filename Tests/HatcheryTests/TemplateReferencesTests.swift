import Foundation
import Testing

@testable import Hatchery

/// Which templates a page is made from: partials named after a set-delimiter tag count like any
/// other, and templates that include each other in a loop are refused before rendering.
@Suite struct TemplateReferencesTests {
    /// The built-in theme with `replacing` files put in (by path inside the theme).
    static func theme(_ replacing: [String: String]) throws -> TemplateSet {
        var files = BuiltInTheme.themeFiles.files.filter { replacing[$0.path] == nil }
        for (path, text) in replacing { files.append(ThemeFiles.File(path: path, data: Data(text.utf8))) }
        return try TemplateSet(files: ThemeFiles(files: files), origin: .builtIn)
    }

    @Test func aPartialNamedWithOtherDelimitersIsPartOfThePagesDigest() throws {
        let prompt = "{{=<% %>=}}<%> partials/extra %><%={{ }}=%>{{title}}"
        let first = try Self.theme(["prompt.mustache": prompt, "partials/extra.mustache": "v1"])
        let second = try Self.theme(["prompt.mustache": prompt, "partials/extra.mustache": "v2"])
        #expect(TemplateSet.references(in: prompt) == ["partials/extra"])
        #expect(first.digest(of: "prompt") != second.digest(of: "prompt"))
        #expect(first.digest(of: "index") == second.digest(of: "index"))
    }

    @Test func aMissingPartialNamedWithOtherDelimitersIsAnError() throws {
        #expect(throws: RenderError.self) {
            try Self.theme(["prompt.mustache": "{{=[[ ]]=}}[[> partials/nowhere]]"])
        }
    }

    @Test func tagsInsideCommentsAreNotIncludes() {
        #expect(
            TemplateSet.references(in: "{{! {{> old}} }}{{> new}}{{{raw}}}{{< parent}}{{/parent}}") == [
                "new", "parent",
            ]
        )
    }

    @Test func templatesThatIncludeEachOtherInALoopAreRefusedNotRendered() throws {
        do {
            _ = try Self.theme([
                "cost.mustache": "{{> partials/a}}",
                "partials/a.mustache": "{{#site}}{{> partials/b}}{{/site}}",
                "partials/b.mustache": "{{> partials/a}}",
            ])
            Issue.record("a loop of partials was accepted")
        } catch let error as RenderError {
            guard case .partialLoop(let chain) = error else { throw error }
            #expect(chain == ["partials/a", "partials/b", "partials/a"])
            #expect(error.localizedDescription.contains("partials/a.mustache includes partials/b.mustache"))
        }
        #expect(throws: RenderError.self) { try Self.theme(["partials/self.mustache": "{{> partials/self}}"]) }
    }

    @Test func aTemplateTooLargeToParseInReasonableTimeIsRefused() throws {
        let huge = String(repeating: "x", count: TemplateSet.largestTemplate + 1)
        do {
            _ = try Self.theme(["partials/huge.mustache": huge])
            Issue.record("a template over the limit was accepted")
        } catch let error as RenderError {
            guard case .templateTooLarge(let file, _, _) = error else { throw error }
            #expect(file.hasSuffix("partials/huge.mustache"))
        }
        _ = try Self.theme(["partials/big.mustache": String(repeating: "x", count: TemplateSet.largestTemplate)])
    }
}
