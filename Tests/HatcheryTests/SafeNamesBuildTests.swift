import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import Hatchery

/// Issue 11, items 2 and 3, through real builds: tags become file names every file system
/// takes, none hidden, none with `..`, two for two tags that differ only in case; every link
/// names a file that was written, and `hatchery serve` answers every file with 200.
@Suite struct SafeNamesBuildTests {
    static let hostileTags = [
        ".net", "misc.", "v1.2", "Cats", "cats", "CATS", "con", "nul.txt", "a/b", "..", "../../x", "日本", "C#", "x\\y",
        "tab\there", "<b>bold</b>", String(repeating: "A", count: 100), String(repeating: "😀", count: 100),
    ]

    static func yamlList(_ items: [String]) -> String {
        "["
            + items.map {
                "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                    + "\""
            }
            .joined(separator: ", ") + "]"
    }

    /// Every file under `folder`, relative, with `/` between components.
    static func files(in folder: URL) -> [String] {
        let prefix = folder.standardizedFileURL.path + "/"
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.append(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
        }
        return found.sorted()
    }

    /// `href`, `src` and `srcset` targets of a page, as written.
    static func links(in html: String) -> [String] {
        var links: [String] = []
        let attributes = try? NSRegularExpression(pattern: "(href|src|srcset|data-full|data-original)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        for match in attributes?.matches(in: html, range: range) ?? [] {
            guard let name = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html) else {
                continue
            }
            if html[name] == "srcset" {
                links += html[value].split(separator: ",").compactMap {
                    $0.split(separator: " ").first.map(String.init)
                }
            } else {
                links.append(String(html[value]))
            }
        }
        return links
    }

    @Test func hostileTagsMakeSafeDistinctFilesThatLinksAndServeFind() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog([
                "id: all-tags\nprompt: A fox\ntags: \(Self.yamlList(Self.hostileTags))",
                "id: some-tags\nprompt: An owl\ntags: \(Self.yamlList(["cats", "Cats", ".net"]))",
            ]),
            to: "catalog.yaml"
        )
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let root = site.url.appendingPathComponent("public")
        let files = Self.files(in: root)

        for file in files {
            for component in file.split(separator: "/") {
                #expect(!component.hasPrefix(".") && component != ".." && component.utf8.count <= 255, "\(file)")
                #expect(
                    !component.contains("\\")
                        && !component.unicodeScalars.contains { $0.properties.generalCategory == .control },
                    "\(file)"
                )
            }
        }
        #expect(
            Set(files.map { $0.lowercased() }).count == files.count,
            "two files would be one on a case-insensitive disk"
        )
        let tagPages = files.filter { $0.hasPrefix("tags/") }
        #expect(tagPages.count == Self.hostileTags.count, "\(tagPages)")
        #expect(tagPages.contains("tags/v1.2.html") && tagPages.contains("tags/cats.html"))

        // Every link names a file the build wrote, in characters that need no escaping.
        let written = Set(files)
        var checked = 0
        for page in files where page.hasSuffix(".html") {
            let html = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            let folder = URL(fileURLWithPath: "/site/" + page).deletingLastPathComponent()
            for link in Self.links(in: html) where !link.hasPrefix("#") && !link.contains("://") {
                #expect(
                    link.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("0"..."9").contains($0) || "./-".unicodeScalars.contains($0)
                    },
                    "\(page) links to \(link)"
                )
                let target = String(
                    folder.appendingPathComponent(link).standardizedFileURL.path.dropFirst("/site/".count)
                )
                #expect(written.contains(target), "\(page) links to \(link), which was not written")
                checked += 1
            }
        }
        #expect(checked > 100)

        // Each tag's link on the index has the tag as its text.
        let index = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"tags/cats.html\">cats (2)</a>"))
        #expect(index.contains("<a href=\"tags/\(SiteNames.stem(for: ".net")).html\">.net (2)</a>"))
        #expect(index.contains("&lt;b&gt;bold&lt;/b&gt; (1)</a>"))

        let server = try await PreviewServer.start(folder: root, port: 0)
        for file in files {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/\(file)"),
                timeout: .seconds(120)
            )
            #expect(response.status.code == 200, "GET /\(file)")
            _ = try await response.body.collect(upTo: 64 << 20)
        }
        await server.stop()
    }

    @Test func whatPlanRefusesBuildRefusesTheSameWayBeforeWritingAnything() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: fox\nprompt: A fox\ntags: [\(String(repeating: "t", count: 251))]"]),
            to: "catalog.yaml"
        )
        let planned = #expect(throws: CatalogError.self) { try CatalogLoader().load(from: site.url) }
        #expect(planned?.problems.map(\.field) == ["prompts[fox].tags[0]"])
        #expect(planned?.problems.first?.message.contains("has 251 characters") == true)
        let built = await #expect(throws: BuildError.self) {
            _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        }
        #expect(built?.step == "Load catalog" && (built?.underlying as? CatalogError) == planned)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("public").path))
    }
}
