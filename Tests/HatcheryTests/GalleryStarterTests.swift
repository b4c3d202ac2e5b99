import Foundation
import Testing

@testable import Hatchery

/// `hatchery init`, `hatchery theme export` and the built-in theme, through the real binary.
@Suite struct GalleryStarterTests {
    let binary = KilledRunTests.binary

    func hatchery(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
        let result = await
            (try ChildProcess(
                binary,
                arguments,
                environment: [:],
                capturingErrors: true,
                currentDirectory: folder
            )).finish()
        return (result.status, result.output)
    }

    @Test func anInitGalleryBuildsFromAnotherFolderWithNoTemplatesAnywhere() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanup() }
        let elsewhere = root.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let site = root.url.appendingPathComponent("new/gallery")

        let started = try await hatchery(["init", site.path], in: elsewhere)
        #expect(started.status == 0, "\(started.output)")
        #expect(started.output.contains("hatchery build \(site.path)"))
        #expect(started.output.contains("hatchery serve \(site.path)"))
        #expect(started.output.contains("hatchery theme export"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path) == ["catalog.yaml"])

        let built = try await hatchery(["build", site.path, "--quiet"], in: elsewhere)
        #expect(built.status == 0, "\(built.output)")
        let public_ = site.appendingPathComponent("public")
        for page in ["index.html", "cost.html", "prompts/neon-alley.html", "assets/style.css", "assets/viewer.js"] {
            #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent(page).path), "\(page)")
        }
        let index = try String(contentsOf: public_.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("My gallery"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("templates").path))
        let style = try Data(contentsOf: public_.appendingPathComponent("assets/style.css"))
        #expect(style == (try Data(contentsOf: Fixtures.templates.appendingPathComponent("assets/style.css"))))
    }

    @Test func initRefusesAFolderThatHoldsACatalog() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let catalog = try site.write("prompts: []\n", to: "catalog.yaml")

        let result = try await hatchery(["init", site.url.path], in: site.url)
        #expect(result.status != 0)
        #expect(result.output.contains("\(catalog.path) already exists"), "\(result.output)")
        #expect(try String(contentsOf: catalog, encoding: .utf8) == "prompts: []\n")
        #expect(throws: StarterError.catalogExists(path: catalog.path)) { try GalleryStarter.start(in: site.url) }
    }

    @Test func initRefusesAFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        let file = try folder.write("x", to: "file")
        #expect(throws: StarterError.notAFolder(path: file.path)) { try GalleryStarter.start(in: file) }
    }

    @Test func themeExportWritesTemplatesAndRefusesToOverwrite() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let exported = try await hatchery(["theme", "export", site.url.path], in: site.url)
        #expect(exported.status == 0, "\(exported.output)")
        let templates = site.url.appendingPathComponent("templates")
        let onDisk = try ThemeFiles(folder: Fixtures.templates)
        #expect(try ThemeFiles(folder: templates).files == onDisk.files)
        #expect(exported.output.contains(templates.appendingPathComponent("layout.mustache").path))

        let edited = templates.appendingPathComponent("layout.mustache")
        try Data("edited".utf8).write(to: edited)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("assets/search.js"))
        let again = try await hatchery(["theme", "export", site.url.path], in: site.url)
        #expect(again.status != 0)
        #expect(again.output.contains("nothing was written"), "\(again.output)")
        #expect(try Data(contentsOf: edited) == Data("edited".utf8))
        #expect(!FileManager.default.fileExists(atPath: templates.appendingPathComponent("assets/search.js").path))
    }

    @Test func aSiteWithItsOwnTemplatesFolderStillUsesIt() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try GalleryStarter.start(in: site.url)
        _ = try ThemeExporter.export(into: site.url)
        let layout = site.url.appendingPathComponent("templates/layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        try text.replacingOccurrences(of: "</body>", with: "<p>own theme</p></body>")
            .write(to: layout, atomically: true, encoding: .utf8)

        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let index = site.url.appendingPathComponent("public/index.html")
        #expect(try String(contentsOf: index, encoding: .utf8).contains("<p>own theme</p>"))
    }

    @Test func aTemplatesFolderMadeAfterABuildWithTheBuiltInThemeIsNotANoOp() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try GalleryStarter.start(in: site.url)
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let again = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        #expect(again.unchangedSince != nil)

        _ = try ThemeExporter.export(into: site.url)
        let layout = site.url.appendingPathComponent("templates/layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        try text.replacingOccurrences(of: "</body>", with: "<p>exported</p></body>")
            .write(to: layout, atomically: true, encoding: .utf8)
        let third = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        #expect(third.unchangedSince == nil)
        let index = site.url.appendingPathComponent("public/index.html")
        #expect(try String(contentsOf: index, encoding: .utf8).contains("<p>exported</p>"))
    }
    @Test(
        "a file where a parent folder should be is named, in one sentence",
        arguments: [["init"], ["theme", "export"]]
    )
    func aFolderThatCannotBeMade(command: [String]) async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanup() }
        let file = try root.write("not a folder", to: "file")
        let result = try await hatchery(command + [file.appendingPathComponent("site").path], in: root.url)
        #expect(result.status == 1)
        #expect(
            result.output.contains("\(file.path) is a file, not a folder; choose a folder"),
            "\(result.output)"
        )
        #expect(!result.output.contains("NSCocoaErrorDomain") && !result.output.contains(".."), "\(result.output)")
    }
}
