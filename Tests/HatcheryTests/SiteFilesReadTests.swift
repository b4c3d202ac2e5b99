import Foundation
import Testing

@testable import Hatchery

/// A build reads `public/` and the records of its files while it plans (`BuildContext`), on
/// another core; these hold what that must not cost: a file a person deletes while the build
/// runs is made again by that build.
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

    @Test func aPageDeletedWhileABuildRendersWithoutGeneratingIsMadeByThatBuild() async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "A new title"), to: "catalog.yaml")
        // Deleting the page changes `prompts/`'s modification time: the read is made again.
        let report = try await Self.build(site.url, deleting: "prompts/a.html", when: "Render gallery")
        #expect(report.submitted == 0)
        let after = try HandEditRepairTests.bytes(site.url)
        #expect(after["prompts/a.html"] == before["prompts/a.html"])
        let again = try await IncrementalRenderTests.build(site.url, since: [:])
        #expect(again.report.unchangedSince != nil)
    }

    /// The attack's case: `public/` deleted whole while a build makes web images, generating
    /// nothing. The build must not report files it read before as unchanged.
    @Test func theSiteFolderDeletedWhileABuildRunsIsMadeWhole() async throws {
        let (site, before) = try await HandEditRepairTests.builtSite()
        defer { site.cleanup() }
        _ = try site.write(IncrementalRenderTests.catalog(titleOfC: "A new title"), to: "catalog.yaml")
        _ = try await Self.build(site.url, deleting: "", when: "Render gallery")
        let after = try HandEditRepairTests.bytes(site.url)
        #expect(Set(after.keys) == Set(before.keys))
    }
}
