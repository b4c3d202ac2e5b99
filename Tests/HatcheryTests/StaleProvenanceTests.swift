import EggAPISimulator
import Foundation
import Testing

@testable import Hatchery

/// A provider output that already carries Hatchery's text chunks (an earlier output sent back
/// as an edit input) is published with exactly one set: ours, none stale.
@Suite struct StaleProvenanceTests {
    @Test func replacingDropsEveryHatcheryChunkAndOursKeepsEverythingElse() throws {
        var chunks = try PNGChunk.chunks(of: HostileOutput.staleProvenance.file(for: RGBImage(width: 8, height: 8)))
        chunks.insert(PNGChunk(type: "tEXt", body: Array("Comment".utf8) + [0] + Array("kept".utf8)), at: 1)
        chunks.insert(PNGChunk.iTXt("HATCHERY:Other", "also ours, in another case"), at: 1)
        let input = PNGChunk.file(of: chunks)

        let output = try PNGTextChunks.replacing(
            [("Description", "new prompt"), ("hatchery:provenance", "{}")],
            in: input
        )
        let texts = try PNGReader().texts(in: output)
        #expect(texts.map(\.key) == ["Comment", "Description", "hatchery:provenance"])
        #expect(texts.map(\.value) == ["kept", "new prompt", "{}"])
        // Every other chunk is byte for byte as it was, in the same order.
        let others = { (data: Data) in
            try PNGChunk.chunks(of: data).filter { $0.textKeyword == nil || $0.textKeyword == "Comment" }
        }
        #expect(try others(output) == others(input))
    }

    @Test func aProviderPNGWithStaleProvenanceIsPublishedWithOnlyOurs() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.hostileOutput = .staleProvenance }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(["id: edit\nprompt: The fox again, now in autumn"]), to: "catalog.yaml")
        let report = try await api.build(site.url)
        #expect(report.completed == 1 && report.images == 1)
        await api.stop()

        let images = site.url.appendingPathComponent("public/images")
        let originals = try FileManager.default.contentsOfDirectory(atPath: images.path).filter { $0.hasSuffix(".png") }
        #expect(originals.count == 1)
        let png = try Data(contentsOf: images.appendingPathComponent(try #require(originals.first)))
        let texts = try PNGReader().texts(in: png)
        let ours = texts.filter { $0.key.lowercased().hasPrefix("hatchery:") }
        #expect(ours.map(\.key) == ["hatchery:provenance"])
        let provenance =
            try JSONSerialization.jsonObject(with: Data(try #require(ours.first).value.utf8)) as? [String: Any]
        #expect(provenance?["prompt"] as? String == "The fox again, now in autumn")
        #expect(texts.filter { $0.key == "Description" }.map(\.value) == ["The fox again, now in autumn"])
        let stored = try #require(try await Store(siteDirectory: site.url).tasks().first)
        #expect(stored.status == .completed)
    }
}
