import Foundation
import Testing

@testable import Hatchery

/// A build reads `public/` and the records of its files while it plans (`BuildContext`), on
/// another core; these hold what that must not cost: a file a person deletes while the build
/// runs is made again, by this build when it waited on the provider, else by the next.
@Suite struct SiteFilesReadTests {
    /// Deletes `file` when the step whose name starts with `step` starts: a person at work
    /// while the build runs, after the build has started reading the site.
    struct DeletingObserver: BuildObserver {
        let file: URL
        let step: String

        func stepStarted(index: Int, count: Int, name: String) {
            if name.hasPrefix(step) { try? FileManager.default.removeItem(at: file) }
        }
    }

    static func build(_ site: URL, deleting file: String, when step: String) async throws -> BuildReport {
        let observer = DeletingObserver(file: site.appendingPathComponent("public/\(file)"), step: step)
        return try await BuildPipeline(options: BuildOptions(siteDirectory: site), observer: observer).run()
    }

    @Test func aPageDeletedWhileABuildGeneratesIsMadeByThatBuild() async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        // A new text for d: one generation, so the build waits on the provider after it
        // started reading the site; a's page, deleted meanwhile, is not d's.
        _ = try site.write(IncrementalRenderTests.catalog(textOfD: "A new drawing of d"), to: "catalog.yaml")
        let report = try await Self.build(site.url, deleting: "prompts/a.html", when: "Make web images")
        #expect(report.submitted == 1)
        let after = try HandEditRepairTests.bytes(site.url)
        #expect(after["prompts/a.html"] == before["prompts/a.html"])
    }

    @Test func aPageDeletedWhileABuildRendersWithoutGeneratingIsMadeByTheNext() async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "A new title"), to: "catalog.yaml")
        let report = try await Self.build(site.url, deleting: "prompts/a.html", when: "Render gallery")
        #expect(report.submitted == 0)
        // Made by this build when its read came after the deletion, else by the next one,
        // which finds the site unlike its stamp and reads it again.
        _ = try await IncrementalRenderTests.build(site.url, since: [:])
        let after = try HandEditRepairTests.bytes(site.url)
        #expect(after["prompts/a.html"] == before["prompts/a.html"])
        let again = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(again.report.unchangedSince != nil)
    }
}
