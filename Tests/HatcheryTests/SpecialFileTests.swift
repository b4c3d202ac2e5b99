import Foundation
import Testing

@testable import Hatchery

/// A catalog or template that is not a regular file (a FIFO, a device, a loop of links) is
/// refused by name before it is opened: opening a FIFO waits for a writer forever, and a device
/// such as /dev/zero never ends.
@Suite struct SpecialFileTests {
    func fifo(at url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(url.path, 0o644) == 0)
    }

    func catalogError(in site: URL) -> CatalogError? {
        do {
            _ = try CatalogLoader().load(from: site)
            return nil
        } catch {
            return error
        }
    }

    @Test("a catalog that is a FIFO is refused without waiting for a writer", arguments: ["plan", "build"])
    func aFIFOCatalog(command: String) async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let catalog = site.url.appendingPathComponent("catalog.yaml")
        try fifo(at: catalog)
        // In a child, which can be killed: a thread blocked in open(2) cannot be cancelled.
        let child = try ChildProcess(
            KilledRunTests.binary,
            [command, site.url.path],
            environment: [:],
            capturingErrors: true
        )
        // Bounded by attempts, not by time: the refusal must come before the child is killed.
        var printed = ""
        for _ in 0..<600 where !printed.contains("Error") {
            try await Task.sleep(for: .milliseconds(50))
            printed = child.printedSoFar
        }
        kill(child.pid, SIGKILL)
        let result = await child.finish()
        #expect(!result.signalled, "still waiting on the FIFO: \(result.output)")
        #expect(
            result.output.contains(
                "Could not read the catalog \(catalog.path): it is a FIFO (named pipe), not a regular file."
            ),
            "\(result.output)"
        )
    }

    @Test func aCatalogLinkedToADeviceIsRefusedBeforeReading() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let catalog = site.url.appendingPathComponent("catalog.yaml")
        try FileManager.default.createSymbolicLink(atPath: catalog.path, withDestinationPath: "/dev/zero")
        #expect(
            catalogError(in: site.url)
                == .unreadable(file: catalog.path, reason: "it is a character device, not a regular file")
        )
    }

    @Test func aCatalogThatLinksToItselfIsNotCalledMissing() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let catalog = site.url.appendingPathComponent("catalog.yaml")
        try FileManager.default.createSymbolicLink(atPath: catalog.path, withDestinationPath: catalog.path)
        let error = catalogError(in: site.url)
        #expect(
            error == .unreadable(file: catalog.path, reason: "too many levels of symbolic links"),
            "\(String(describing: error))"
        )
    }

    @Test func aTemplatesFolderHoldingAFIFOIsRefusedByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        _ = try folder.write("<p>{{title}}</p>", to: "index.mustache")
        let pipe = folder.url.appendingPathComponent("assets/pipe")
        try fifo(at: pipe)
        #expect {
            try ThemeFiles(folder: folder.url)
        } throws: { error in
            guard case .unreadable(let path, let reason) = error as? RenderError else { return false }
            let text = (error as? RenderError)?.errorDescription ?? ""
            return path == pipe.path && reason == "it is a FIFO (named pipe), not a regular file"
                && !text.contains("..")
        }
    }

    /// A linked folder of partials was left out without a word, and the build then said a
    /// partial was missing though the user could see it there.
    @Test func aTemplatesFolderLinkingToAFolderIsRefusedByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanup() }
        _ = try folder.write("<p>{{title}}</p>", to: "index.mustache")
        _ = try folder.write("<i>shared</i>", to: "elsewhere/search.mustache")
        let link = folder.url.appendingPathComponent("theme/partials")
        _ = try folder.write("<p>{{title}}</p>", to: "theme/index.mustache")
        try FileManager.default.createSymbolicLink(
            at: link,
            withDestinationURL: folder.url.appendingPathComponent("elsewhere")
        )
        #expect {
            try ThemeFiles(folder: folder.url.appendingPathComponent("theme"))
        } throws: { error in
            guard case .unreadable(let path, let reason) = error as? RenderError else { return false }
            return path == link.path && reason.contains("symbolic link to a folder")
        }
    }
}
