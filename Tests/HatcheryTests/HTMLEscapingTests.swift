import Foundation
import Mustache
import Testing

@testable import Hatchery

/// Every template escapes `{{value}}` with `HTMLEscaping`: the five replacements swift-mustache
/// makes, byte by byte.
@Suite struct HTMLEscapingTests {
    @Test func escapesWhatSwiftMustacheEscapesAndALessThanBeforeACombiningMark() throws {
        let escaping = HTMLEscaping()
        #expect(
            escaping.escapeText("<a href=\"x\">Tom & 'Jerry'</a>")
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        )
        #expect(escaping.escapeText("plain é ✓ 👩‍👩‍👧") == "plain é ✓ 👩‍👩‍👧")
        // `<` and U+0338 make one character, which swift-mustache's escaping passes through whole.
        #expect(escaping.escapeText("<\u{338}script>") == "&lt;\u{338}script&gt;")
    }

    @Test func aLoadedTemplateEscapesWithItAndTheSameTextAsBefore() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        for name in TemplateSet.required {
            _ = try folder.write("<p title=\"{{title}}\">{{title}}</p>{{{title}}}\n", to: "\(name).mustache")
        }
        let templates = try TemplateSet(files: try ThemeFiles(folder: folder.url), origin: .folder(folder.url))
        let text = try templates.render(["title": "<\u{338}b> & \"q\""], template: "index")
        #expect(
            text
                == "<p title=\"&lt;\u{338}b&gt; &amp; &quot;q&quot;\">&lt;\u{338}b&gt; &amp; &quot;q&quot;</p><\u{338}b> & \"q\"\n"
        )
    }

    @Test func aSyntaxErrorOnTheFirstLineNamesItsOwnColumn() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        for name in TemplateSet.required { _ = try folder.write("ok\n", to: "\(name).mustache") }
        _ = try folder.write("abc {{#open}}", to: "index.mustache")
        #expect {
            _ = try TemplateSet(files: try ThemeFiles(folder: folder.url), origin: .folder(folder.url))
        } throws: { error in
            guard case .templateSyntax(_, let line, let column, _) = error as? RenderError else { return false }
            return line == 1 && column <= 14
        }
    }
}
