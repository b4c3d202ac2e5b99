import Foundation
import Testing

@testable import Hatchery

/// The search in a real browser, opened from disk as a downloaded site would be: `?q=` in the
/// address fills the box, and the grid is replaced in place by every matching prompt of the
/// site, as cards with thumbnails; catalog text stays text.
@Suite struct SearchBrowserTests {
    /// The page's DOM after its scripts ran, from Chromium opened on `url`.
    static func dom(_ url: URL, chromium: URL) async throws -> String {
        let run = await
            (try ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=390,844",
                    "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", url.absoluteString,
                ],
                environment: ["HOME": FileManager.default.temporaryDirectory.path]
            )).finish()
        #expect(run.status == 0)
        return run.output
    }

    /// The grid's contents in a dumped DOM.
    static func grid(_ dom: String) throws -> String {
        let start = try #require(dom.range(of: "<ul class=\"grid\" id=\"grid\">"))
        let end = try #require(dom.range(of: "</ul>", range: start.upperBound..<dom.endIndex))
        return String(dom[start.upperBound..<end.lowerBound])
    }

    @Test(.enabled(if: SystemTools.available("chromium")))
    func aQueryInTheAddressFiltersTheGridInPlaceWithThumbnailsFromDisk() async throws {
        let chromium = try #require(SystemTools.find("chromium"), "apt-get install chromium")
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let site = try await SystemTools.sampleSite(in: directory)

        // The second page of the grid searches the whole site, not only its own cards.
        var address = URLComponents(url: site.appendingPathComponent("pages/2.html"), resolvingAgainstBaseURL: false)
        address?.queryItems = [URLQueryItem(name: "q", value: "winter")]
        let dom = try await Self.dom(try #require(address?.url), chromium: chromium)
        let grid = try Self.grid(dom)
        let script = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        let entries = try #require(
            try JSONSerialization.jsonObject(
                with: Data(script.dropFirst("window.HATCHERY_SEARCH = ".count).dropLast(2).utf8)
            ) as? [[String: Any]]
        )
        let expected = entries.filter { entry in
            let tags = (entry["tags"] as? [String] ?? []).joined(separator: " ")
            let caption = entry["caption"] as? String ?? ""
            return "\(entry["title"] ?? "") \(caption) \(entry["prompt"] ?? "") \(entry["model"] ?? "") \(tags)"
                .lowercased()
                .contains("winter")
        }
        #expect(expected.count >= 3)
        #expect(grid.components(separatedBy: "<li class=\"card\"").count - 1 == expected.count, "\(grid.prefix(600))")
        #expect(grid.components(separatedBy: "<img src=\"../images/").count - 1 == expected.count)
        #expect(dom.contains("value=\"winter\"") || dom.contains("\(expected.count) prompts match."))
        #expect(dom.contains("\(expected.count) prompts match."))
        #expect(dom.contains("<nav class=\"pagination\" aria-label=\"Pages\" hidden"))

        // The hostile prompt's title is shown as text, never as markup.
        var hostile = URLComponents(url: site.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)
        hostile?.queryItems = [URLQueryItem(name: "q", value: "ampersands")]
        let found = try Self.grid(try await Self.dom(try #require(hostile?.url), chromium: chromium))
        #expect(found.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"quoted\"") && !found.contains("<b>"))
        #expect(found.components(separatedBy: "<li class=\"card\"").count - 1 == 1)
    }
}
