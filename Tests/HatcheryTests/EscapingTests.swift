import Foundation
import Testing

@testable import Hatchery

@Suite struct EscapingTests {
    @Test func aHostilePromptShowsAsTextOnEveryPage() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let hostile = #"<script>alert("pwned")</script> & 'quotes' <img src=x onerror=alert(1)>"#
        let long = String(repeating: "A&<", count: 600)
        let yamlHostile = hostile.replacingOccurrences(of: "\"", with: "\\\"")
        _ = try site.write(
            Fixtures.catalog([
                "id: evil\nprompt: \"\(yamlHostile)\"\ntitle: \"<b>bold</b> title\"\ncaption: \"</p><script>x()</script>\"\ntags: [\"<i>tag</i>\"]\nnegative_prompt: \"\\\" onmouseover=\\\"alert(2)\"",
                "id: long\nprompt: \"\(long)\"",
            ]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()

        let pages = [
            "index.html", "prompts/evil.html", "prompts/long.html", "models/nanobanana.html", "cost.html",
            "tags/\(SiteNames.stem(for: "<i>tag</i>")).html",
        ]
        for path in pages {
            let html = try String(contentsOf: site.url.appendingPathComponent("public/\(path)"), encoding: .utf8)
            #expect(
                !html.contains("<script>alert") && !html.contains("<script>x()"),
                "\(path) has a raw script tag from the catalog"
            )
            #expect(
                html.components(separatedBy: "<script").count - 1 == html.components(separatedBy: "<script src=").count
                    - 1,
                "\(path): every script tag is one of ours"
            )
            #expect(!html.contains("<img src=x"), "\(path)")
            #expect(!html.contains("<b>bold"), "\(path)")
            #expect(!html.contains("<i>tag"), "\(path)")
            #expect(!html.contains("\" onmouseover"), "\(path)")
        }
        let evil = try String(contentsOf: site.url.appendingPathComponent("public/prompts/evil.html"), encoding: .utf8)
        #expect(evil.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
        #expect(evil.contains("&lt;b&gt;bold&lt;/b&gt; title"))
        #expect(evil.contains("alt=\"&lt;script&gt;"))
        let longPage = try String(
            contentsOf: site.url.appendingPathComponent("public/prompts/long.html"),
            encoding: .utf8
        )
        #expect(longPage.contains(String(repeating: "A&amp;&lt;", count: 600)))
    }
}
