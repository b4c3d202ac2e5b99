import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import Hatchery

@Suite struct ManifestAndPreviewTests {
    @Test func theManifestListsEveryPromptImageAndCostAndSidecarsKeepHistory() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: fox\nprompt: A fox\nnum_outputs: 2", "id: owl\nprompt: An owl"]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        _ = try site.write(
            Fixtures.catalog(["id: fox\nprompt: A red fox\nnum_outputs: 2", "id: owl\nprompt: An owl"]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()

        let data = try Data(contentsOf: site.url.appendingPathComponent("public/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let prompts = try #require(manifest["prompts"] as? [[String: Any]])
        #expect(prompts.map { $0["id"] as? String } == ["fox", "owl"])
        let fox = try #require(prompts[0]["current"] as? [String: Any])
        let images = try #require(fox["images"] as? [[String: Any]])
        #expect(images.count == 2 && images.allSatisfy { $0["width"] as? Int == 1024 && $0["height"] as? Int == 576 })
        #expect(fox["cost_micros"] as? Int == 20_000 && fox["cost"] as? String == "$0.0200")
        for image in images {
            #expect(
                FileManager.default.fileExists(
                    atPath: site.url.appendingPathComponent("public/\(image["src"] as! String)").path
                )
            )
        }
        let sidecar =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: site.url.appendingPathComponent("public/prompts/fox.json"))
            ) as? [String: Any]
        #expect((sidecar?["history"] as? [[String: Any]])?.count == 1)
        #expect(sidecar?["prompt"] as? String == "A red fox")
    }

    /// The whole document, as JSONEncoder makes it: the manifest is written a prompt at a time
    /// and must come out byte for byte the same.
    struct WholeManifest: Encodable {
        var generator = "hatchery"
        var prompts: [SiteManifest.Prompt]
        var spend_by_model: [SpendReport.Row]
        var title: String
    }

    @Test func theManifestWrittenPromptByPromptIsWhatJSONEncoderMakesOfTheWhole() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: fox\nprompt: A fox\nnum_outputs: 2\ntags: [a, b]", "id: owl\nprompt: An \"owl\""]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let catalog = try CatalogLoader().load(from: site.url)
        let store = try Store(siteDirectory: site.url)
        let content = try await GalleryContent.load(catalog, from: store)
        let published = await PublishedImages.make(content, derived: DerivedImages(try await store.derivedImages()))

        let whole = WholeManifest(
            prompts: content.entries.map {
                SiteManifest.prompt($0, withHistory: false, published: published, showSpend: true)
            },
            spend_by_model: content.spend.byModel.rows,
            title: content.gallery.title
        )
        func document(_ content: GalleryContent) async throws -> String {
            let file = site.url.appendingPathComponent("manifest-\(UUID().uuidString).json")
            var output = try StreamedOutput(at: file)
            try await SiteManifest.write(content, published: published, to: &output)
            _ = try output.finish()
            return try String(contentsOf: file, encoding: .utf8)
        }
        #expect(try await document(content) == String(decoding: try PrettyJSON.data(whole), as: UTF8.self))
        // The sidecars (with history) and the search index's entries too.
        for entry in content.entries {
            let sidecar = SiteManifest.prompt(entry, withHistory: true, published: published, showSpend: true)
            #expect(sidecar.json.bytes() == Array(try PrettyJSON.data(sidecar)))
            let search = SearchIndex.entry(entry, published: published)
            #expect(search.json.bytes() == Array(try PrettyJSON.data(search)))
            for generation in [entry.generation].compactMap({ $0 }) + entry.history {
                for image in generation.images {
                    for showSpend in [true, false] {
                        let provenance = Provenance(image: image, generation: generation, showSpend: showSpend)
                        #expect(provenance.json == (try PrettyJSON.string(provenance)))
                    }
                }
            }
        }

        var empty = content
        empty.entries = []
        empty.spend.byModel.rows = []
        #expect(
            try await document(empty)
                == String(
                    decoding: try PrettyJSON.data(
                        WholeManifest(prompts: [], spend_by_model: [], title: content.gallery.title)
                    ),
                    as: UTF8.self
                )
        )
    }

    @Test func servePreviewsTheBuiltSiteOnLocalhost() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let server = try await PreviewServer.start(folder: site.url.appendingPathComponent("public"), port: 0)
        for (path, type) in [
            ("/", "text/html"), ("/prompts/fox.html", "text/html"), ("/manifest.json", "application/json"),
        ] {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)"),
                timeout: .seconds(120)
            )
            #expect(response.status.code == 200, "\(path)")
            #expect(response.headers.first(name: "content-type")?.hasPrefix(type) == true, "\(path)")
            _ = try await response.body.collect(upTo: 1 << 20)
        }
        await server.stop()
        await #expect(throws: PreviewError.self) {
            _ = try await PreviewServer.start(folder: site.url.appendingPathComponent("nope"), port: 0)
        }
    }
}
