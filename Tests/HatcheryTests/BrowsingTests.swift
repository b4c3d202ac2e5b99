import Foundation
import Testing

@testable import Hatchery

/// Pagination, tag pages, the search index and the viewer's data, as built files.
@Suite struct BrowsingTests {
    @Test func theGridIsPaginatedWithTagPagesASearchIndexAndViewerData() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let prompts = (0..<7).map {
            "id: g\($0)\nprompt: Grid prompt \($0) with \"quotes\"\ntags: [\($0 % 2 == 0 ? "even" : "odd")]"
        }
        let catalog = Fixtures.catalog(prompts).replacingOccurrences(
            of: "  title: Test gallery",
            with: "  title: Test gallery\n  page_size: 3"
        )
        _ = try site.write(catalog, to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        func page(_ path: String) throws -> String {
            try String(contentsOf: site.url.appendingPathComponent("public/\(path)"), encoding: .utf8)
        }

        let first = try page("index.html")
        let second = try page("pages/2.html")
        let third = try page("pages/3.html")
        #expect(first.components(separatedBy: "class=\"card\"").count - 1 == 3)
        #expect(third.components(separatedBy: "class=\"card\"").count - 1 == 1)
        #expect(first.contains("href=\"pages/2.html\">Next") && second.contains("href=\"../index.html\">← Previous"))
        #expect(second.contains("href=\"../prompts/g3.html\"") && second.contains("href=\"../assets/style.css\""))
        // Every grid page searches the whole site, from the index at its root.
        #expect(first.contains("src=\"search-index.js\"") && second.contains("src=\"../search-index.js\""))
        #expect(second.contains("data-root=\"../\""))

        // Model pages paginate the same way, a folder deeper.
        let model = try page("models/nanobanana.html")
        let modelLast = try page("models/nanobanana/3.html")
        #expect(model.components(separatedBy: "class=\"card\"").count - 1 == 3)
        #expect(modelLast.components(separatedBy: "class=\"card\"").count - 1 == 1)
        #expect(model.contains("href=\"../models/nanobanana/2.html\">Next"))
        #expect(
            modelLast.contains("href=\"../../models/nanobanana/2.html\">← Previous")
                && modelLast.contains("href=\"../../assets/style.css\"")
        )

        // Tag pages too: four prompts tagged, three a page.
        let even = try page("tags/even.html")
        let evenLast = try page("tags/even/2.html")
        #expect(even.components(separatedBy: "class=\"card\"").count - 1 == 3)
        #expect(evenLast.components(separatedBy: "class=\"card\"").count - 1 == 1)
        #expect(even.contains("href=\"../tags/even/2.html\">Next"))
        #expect(first.contains("href=\"tags/odd.html\">odd (3)"))

        // The viewer reads escaped data attributes; no page script is built from catalog text.
        #expect(
            first.contains("data-full=\"images/")
                && first.contains("data-prompt=\"Grid prompt 0 with &quot;quotes&quot;\"")
        )
        #expect(first.contains("data-width=\"1024\" data-height=\"576\""))

        let script = try page("search-index.js")
        #expect(script.hasPrefix("window.HATCHERY_SEARCH = ["))
        let json = script.dropFirst("window.HATCHERY_SEARCH = ".count).dropLast(2)
        let entries = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(entries?.count == 7 && entries?.first?["href"] as? String == "prompts/g0.html")

        // Fewer prompts: the extra page and its tag page leave the site.
        _ = try site.write(
            Fixtures.catalog(Array(prompts.prefix(2))).replacingOccurrences(
                of: "  title: Test gallery",
                with: "  title: Test gallery\n  page_size: 3"
            ),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/pages/2.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public/prompts/g5.html").path))
    }
}

@Suite struct SiteSwapTests {
    @Test func aFailedRenderLeavesThePreviousSiteWhole() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox\ntitle: First title"]), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let index = site.url.appendingPathComponent("public/index.html")
        let before = try String(contentsOf: index, encoding: .utf8)

        // Lose the original behind a published image: the next render cannot copy it.
        let store = try Store(siteDirectory: site.url)
        let image = try #require(
            try await store.completedGenerations()["fox"]?.first?.images.first
        )
        try FileManager.default.removeItem(at: store.objects.url(sha256: image.sha256))
        let images = site.url.appendingPathComponent("public/images")
        for name in try FileManager.default.contentsOfDirectory(atPath: images.path)
        where name.hasPrefix(image.sha256) && name.hasSuffix(".png") {
            try FileManager.default.removeItem(at: images.appendingPathComponent(name))
        }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox\ntitle: Second title"]), to: "catalog.yaml")

        await #expect(throws: BuildError.self) {
            _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        }
        #expect(try String(contentsOf: index, encoding: .utf8) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.url.path).filter {
            $0.hasPrefix(".public")
        }
        #expect(leftovers.isEmpty)
    }
}
