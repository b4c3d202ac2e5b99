import Foundation
import GRDB
import Testing

@testable import Hatchery

/// The site as files: provenance in every original, nothing touched by a no-op build, a recipe
/// change rebuilding the web images, a removed prompt taking its files with it.
@Suite struct IncrementalSiteTests {
    let prompts = [
        "id: fox\nprompt: A red fox in snow",
        "id: whale\nprompt: A whale & a \"boat\"\nmodel: nanobanana-pro\nnum_outputs: 2",
        "id: tower\nprompt: A tower at dusk",
    ]

    func build(_ site: URL, recipe: DerivedRecipe? = nil) async throws -> BuildReport {
        var options = BuildOptions(siteDirectory: site)
        options.derivedRecipe = recipe
        return try await BuildPipeline(options: options).run()
    }

    /// Every file under `public/`, with its modification time.
    func snapshot(_ site: URL) throws -> [String: Date] {
        let root = site.appendingPathComponent("public")
        var files: [String: Date] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                files[path] = attributes[.modificationDate] as? Date
            }
        }
        return files
    }

    @Test func everyOriginalCarriesItsProvenanceReadableByLibpng() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
        _ = try await build(site.url)

        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: site.url.appendingPathComponent("public/manifest.json"))
            ) as? [String: Any]
        let whale = try #require((manifest?["prompts"] as? [[String: Any]])?.first { $0["id"] as? String == "whale" })
        let current = try #require(whale["current"] as? [String: Any])
        let images = try #require(current["images"] as? [[String: Any]])
        #expect(images.count == 2)
        for image in images {
            let png = try Data(
                contentsOf: site.url.appendingPathComponent("public/\(try #require(image["src"] as? String))")
            )
            // Still a whole PNG (every row decodes, every CRC holds) with the chunks added.
            _ = try PNGReader().facts(of: png, verifyingPixels: true)
            #expect(try PNGReader().text(named: "Description", in: png) == "A whale & a \"boat\"")
            let json = try #require(try PNGReader().text(named: Provenance.keyword, in: png))
            let provenance = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(provenance?["prompt"] as? String == "A whale & a \"boat\"")
            #expect(provenance?["model"] as? String == "nanobanana-pro")
            #expect(provenance?["fingerprint"] as? String == current["fingerprint"] as? String)
            #expect(
                provenance?["task_cost_micros"] as? Int == 32_000 && provenance?["task_cost"] as? String == "$0.0320"
            )
            #expect((provenance?["parameters"] as? [String: Any])?["num_outputs"] as? Int == 2)
            // The manifest lists every size with its dimensions.
            let sizes = try #require(image["sizes"] as? [[String: Any]])
            #expect(sizes.map { $0["width"] as? Int } == [360, 720, 1024])
        }
    }

    @Test func aNoOpBuildTouchesNoFileARecipeChangeRebuildsWebImagesARemovedPromptLeaves() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
        _ = try await build(site.url)
        let before = try snapshot(site.url)
        #expect(before.keys.filter { $0.hasSuffix(".webp") }.count == 12)

        let noOp = try await build(site.url)
        #expect(noOp.derivation.made == 0 && noOp.render.filesWritten == 0 && noOp.render.filesRemoved == 0)
        #expect(try snapshot(site.url) == before)

        // A new recipe: every web image is made again under new names, the old ones leave, and
        // nothing else is rewritten but the pages and manifests that name them.
        var recipe = DerivedRecipe.standard(libraryVersion: ImageDeriver.libraryVersion)
        recipe.quality = 70
        let changed = try await build(site.url, recipe: recipe)
        #expect(changed.derivation.made == 4)
        let after = try snapshot(site.url)
        let webp = after.keys.filter { $0.hasSuffix(".webp") }
        #expect(webp.count == 12 && webp.allSatisfy { $0.contains(recipe.tag) })
        #expect(Set(before.keys.filter { $0.hasSuffix(".webp") }).isDisjoint(with: webp))
        for (path, date) in after where path.hasSuffix(".png") || path.hasPrefix("assets/") {
            #expect(before[path] == date, "\(path) was rewritten")
        }

        // Remove a prompt: its page, sidecar, original and web images go.
        _ = try site.write(Fixtures.catalog(Array(prompts.prefix(2))), to: "catalog.yaml")
        let store = try Store(siteDirectory: site.url)
        let towerSHA = try #require(
            try await store.pool.read { db in
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT images.sha256 FROM images JOIN tasks ON tasks.id = images.task_id WHERE tasks.prompt_id = 'tower'"
                )
            }
        )
        _ = try await build(site.url, recipe: recipe)
        let remaining = try snapshot(site.url)
        #expect(remaining["prompts/tower.html"] == nil && remaining["prompts/tower.json"] == nil)
        #expect(!remaining.keys.contains { $0.contains(towerSHA) })
        #expect(remaining.keys.filter { $0.hasSuffix(".webp") }.count == 9)
    }
}
