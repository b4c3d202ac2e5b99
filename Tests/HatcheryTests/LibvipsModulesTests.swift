import Foundation
import Testing

@testable import Hatchery

/// `hatchery` starts libvips without the optional loader modules of its prefix (HEIF,
/// ImageMagick, Poppler…), which it never calls: the dynamic loader's own log of the real
/// process (`LD_DEBUG=files`) names every library it opened.
@Suite struct LibvipsModulesTests {
    /// What a first build of a one-prompt site printed, with the loader's log.
    func firstBuild(environment: [String: String]) async throws -> String {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: one\nprompt: One"]), to: "catalog.yaml")
        let child = try ChildProcess(
            KilledRunTests.binary,
            ["build", site.url.path],
            environment: environment.merging(["LD_DEBUG": "files"]) { a, _ in a },
            capturingErrors: true
        )
        let result = await child.finish()
        #expect(result.status == 0, "\(result.output.suffix(2000))")
        return result.output
    }

    @Test func aBuildConvertsImagesWithoutLoadingLibvipsModules() async throws {
        let output = try await firstBuild(environment: [:])
        #expect(output.contains("web images: made for 1 originals"))
        #expect(output.contains("libvips.so"))
        #expect(!output.contains("vips-modules"))

        // Where the system has modules, the same log shows them once a person names libvips'
        // prefix: the check above can see them.
        let libraries = ["/usr/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]
        let installed = libraries.contains { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains {
                $0.hasPrefix("vips-modules-")
            }
        }
        if installed {
            #expect(try await firstBuild(environment: ["VIPSHOME": "/usr"]).contains("vips-modules"))
        }
    }
}
